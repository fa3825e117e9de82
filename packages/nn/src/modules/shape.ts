/** Flatten and Unflatten layers. */
import type { Tensor } from '@cresset/autograd';
import { Module } from '../module';
import { pyTuple } from '../utils';

export class Flatten extends Module {
  constructor(readonly startDim = 1, readonly endDim = -1) { super(); }
  forward(x: Tensor): Tensor { return x.flatten(this.startDim, this.endDim); }
  override extraRepr(): string { return `start_dim=${this.startDim}, end_dim=${this.endDim}`; }
}

export class Unflatten extends Module {
  constructor(readonly dim: number, readonly unflattenedSize: number[]) { super(); }
  forward(x: Tensor): Tensor { return x.unflatten(this.dim, this.unflattenedSize); }
  override extraRepr(): string { return `dim=${this.dim}, unflattened_size=${pyTuple(this.unflattenedSize)}`; }
}
