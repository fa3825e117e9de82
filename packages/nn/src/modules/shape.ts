/** Flatten and Unflatten layers. */
import type { Tensor } from '@cresset/autograd';
import { formatSize, Size } from '@cresset/tensor';
import { Module } from '../module';
import { layerArgs, pyTuple } from '../utils';

export class Flatten extends Module {
  readonly startDim: number;
  readonly endDim: number;
  /** Flatten(startDim = 1, endDim = -1), or the same by name. */
  constructor(...args: [number?, number?] | [{ startDim?: number; endDim?: number }]) {
    super();
    const a = layerArgs<{ startDim?: number; endDim?: number }>('Flatten', args, ['startDim', 'endDim']);
    this.startDim = a.startDim ?? 1;
    this.endDim = a.endDim ?? -1;
  }
  forward(x: Tensor): Tensor { return x.flatten(this.startDim, this.endDim); }
  override extraRepr(): string { return `start_dim=${this.startDim}, end_dim=${this.endDim}`; }
}

export class Unflatten extends Module {
  readonly dim: number;
  readonly unflattenedSize: number[];
  /** Unflatten(dim, unflattenedSize), or the same by name; a torch.Size prints as one, as in PyTorch. */
  constructor(...args: [number, number[]] | [{ dim: number; unflattenedSize: number[] }]) {
    super();
    const a = layerArgs<{ dim: number; unflattenedSize: number[] }>('Unflatten', args, ['dim', 'unflattenedSize'], ['dim', 'unflattenedSize']);
    this.dim = a.dim;
    this.unflattenedSize = a.unflattenedSize;
  }
  forward(x: Tensor): Tensor { return x.unflatten(this.dim, this.unflattenedSize); }
  override extraRepr(): string {
    const size = this.unflattenedSize instanceof Size ? formatSize(this.unflattenedSize) : pyTuple(this.unflattenedSize);
    return `dim=${this.dim}, unflattened_size=${size}`;
  }
}
