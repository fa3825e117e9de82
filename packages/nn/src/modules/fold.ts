/** Fold and Unfold over F.fold / F.unfold, with PyTorch's arguments and reprs. */
import type { Tensor } from '@cresset/autograd';
import { fold, unfold } from '../functional/fold';
import { Module } from '../module';
import { IntOrTuple, layerArgs, pyValue } from '../utils';

export interface UnfoldArgs { kernelSize: IntOrTuple; dilation?: IntOrTuple; padding?: IntOrTuple; stride?: IntOrTuple }
export interface FoldArgs extends UnfoldArgs { outputSize: IntOrTuple }

const geometryRepr = (m: UnfoldArgs) => `kernel_size=${pyValue(m.kernelSize)}, dilation=${pyValue(m.dilation)}, padding=${pyValue(m.padding)}, stride=${pyValue(m.stride)}`;

export class Unfold extends Module {
  readonly kernelSize: IntOrTuple;
  readonly dilation: IntOrTuple;
  readonly padding: IntOrTuple;
  readonly stride: IntOrTuple;
  /** Unfold(kernelSize, dilation = 1, padding = 0, stride = 1): sliding blocks as columns. */
  constructor(...args: [IntOrTuple, ...(IntOrTuple | Omit<UnfoldArgs, 'kernelSize'> | undefined)[]] | [UnfoldArgs]) {
    super();
    const o = layerArgs<UnfoldArgs>('Unfold', args, ['kernelSize', 'dilation', 'padding', 'stride'], ['kernelSize']);
    this.kernelSize = o.kernelSize;
    this.dilation = o.dilation ?? 1;
    this.padding = o.padding ?? 0;
    this.stride = o.stride ?? 1;
  }
  forward(x: Tensor): Tensor { return unfold(x, this.kernelSize, this); }
  override extraRepr(): string { return geometryRepr(this); }
}

export class Fold extends Module {
  readonly outputSize: IntOrTuple;
  readonly kernelSize: IntOrTuple;
  readonly dilation: IntOrTuple;
  readonly padding: IntOrTuple;
  readonly stride: IntOrTuple;
  /** Fold(outputSize, kernelSize, dilation = 1, padding = 0, stride = 1): columns summed back into an image. */
  constructor(...args: [IntOrTuple, IntOrTuple, ...(IntOrTuple | Omit<FoldArgs, 'outputSize' | 'kernelSize'> | undefined)[]] | [FoldArgs]) {
    super();
    const o = layerArgs<FoldArgs>('Fold', args, ['outputSize', 'kernelSize', 'dilation', 'padding', 'stride'], ['outputSize', 'kernelSize']);
    this.outputSize = o.outputSize;
    this.kernelSize = o.kernelSize;
    this.dilation = o.dilation ?? 1;
    this.padding = o.padding ?? 0;
    this.stride = o.stride ?? 1;
  }
  forward(x: Tensor): Tensor { return fold(x, this.outputSize, this.kernelSize, this); }
  override extraRepr(): string { return `output_size=${pyValue(this.outputSize)}, ${geometryRepr(this)}`; }
}
