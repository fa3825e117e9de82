/**
 * FractionalMaxPool2d and FractionalMaxPool3d(kernelSize, outputSize = null, outputRatio = null,
 * returnIndices = false): each forward draws its window placement from the default generator, as
 * PyTorch's, unless randomSamples (PyTorch's _random_samples) fixes it.
 */
import type { Tensor } from '@cresset/autograd';
import { ValueError } from '@cresset/tensor';
import { fractionalMaxPoolNd } from '../functional/fractional_pool';
import type { FractionalMaxPoolOptions } from '../functional/fractional_pool';
import { Module } from '../module';
import { IntOrTuple, layerArgs } from '../utils';
import type { MaxPoolResult } from './pooling';

export type { FractionalMaxPoolOptions };

type FractionalCtor<R extends boolean> = [IntOrTuple, FractionalMaxPoolOptions<R>?] | [IntOrTuple, IntOrTuple | null, FractionalMaxPoolOptions<R>?] | [FractionalMaxPoolOptions<R> & { kernelSize: IntOrTuple }];

export class FractionalMaxPoolNd<R extends boolean = false> extends Module {
  readonly kernelSize: IntOrTuple;
  readonly outputSize: IntOrTuple | null;
  readonly outputRatio: number | readonly number[] | null;
  readonly returnIndices: R;
  constructor(private readonly nd: number, args: readonly unknown[]) {
    super();
    const name = `FractionalMaxPool${nd}d`;
    const a = layerArgs<FractionalMaxPoolOptions<R> & { kernelSize: IntOrTuple }>(name, args, ['kernelSize', 'outputSize', 'outputRatio', 'returnIndices', 'randomSamples'], ['kernelSize']);
    this.kernelSize = a.kernelSize;
    this.outputSize = a.outputSize ?? null;
    this.outputRatio = a.outputRatio ?? null;
    this.returnIndices = (a.returnIndices ?? false) as R;
    this.registerBuffer('_random_samples', a.randomSamples ?? null);
    if (this.outputSize === null && this.outputRatio === null) throw new ValueError(`${name} requires specifying either an output size, or a pooling ratio`);
    if (this.outputSize !== null && this.outputRatio !== null) throw new ValueError('only one of output_size and output_ratio may be specified');
    const ratios = this.outputRatio === null ? [] : typeof this.outputRatio === 'number' ? [this.outputRatio] : this.outputRatio;
    for (const r of ratios) if (!(r > 0 && r < 1)) throw new ValueError(`output_ratio must be between 0 and 1 (got ${pyRatio(this.outputRatio!)})`);
  }
  forward(x: Tensor): MaxPoolResult<R> {
    return fractionalMaxPoolNd(this.nd, x, this.kernelSize, {
      outputSize: this.outputSize, outputRatio: this.outputRatio, returnIndices: this.returnIndices, randomSamples: this.buffer('_random_samples'),
    }) as MaxPoolResult<R>;
  }
}

/** Python's repr of output_ratio as the error prints it. */
const pyRatio = (r: number | readonly number[]) => (typeof r === 'number' ? String(r) : `(${r.join(', ')})`);

export class FractionalMaxPool2d<R extends boolean = false> extends FractionalMaxPoolNd<R> {
  constructor(...args: FractionalCtor<R>) { super(2, args); }
}
export class FractionalMaxPool3d<R extends boolean = false> extends FractionalMaxPoolNd<R> {
  constructor(...args: FractionalCtor<R>) { super(3, args); }
}
