/**
 * F.fractional_max_pool2d / 3d: max pooling over windows of kernelSize placed pseudo-randomly
 * (Graham's fractional max pooling) to give outputSize, or floor(input size * outputRatio). The
 * placement comes from randomSamples [N, C, nd] in [0, 1), drawn as PyTorch draws them when not
 * given: torch.rand(N, C, nd) in the input's dtype from the default generator (N = 1 unbatched).
 */
import { FractionalMaxPool, rand, Tensor } from '@cresset/autograd';
import { ValueError } from '@cresset/tensor';
import { IntOrTuple, ntuple } from '../utils';

export interface FractionalMaxPoolOptions<R extends boolean = boolean> {
  outputSize?: IntOrTuple | null;
  /** Each output size as a fraction of the input's, in (0, 1). */
  outputRatio?: number | readonly number[] | null;
  returnIndices?: R;
  /** The samples that place the windows, [N, C, nd] (PyTorch's _random_samples). */
  randomSamples?: Tensor | null;
}

/** Fractional max pooling over the last nd dims; with returnIndices, [values, indices]. */
export function fractionalMaxPoolNd(nd: number, input: Tensor, kernelSize: IntOrTuple, opts: FractionalMaxPoolOptions = {}): Tensor | [Tensor, Tensor] {
  const op = `fractional_max_pool${nd}d`;
  const kernel = ntuple(kernelSize, nd, 'kernel_size', op);
  let outSize: number[];
  if (opts.outputSize !== null && opts.outputSize !== undefined) outSize = ntuple(opts.outputSize, nd, 'output_size', op);
  else if (opts.outputRatio !== null && opts.outputRatio !== undefined) {
    const ratio = typeof opts.outputRatio === 'number' ? new Array<number>(nd).fill(opts.outputRatio) : [...opts.outputRatio];
    if (ratio.length !== nd) throw new ValueError(`${op}: output_ratio must be a number or ${nd} numbers, got [${ratio.join(', ')}]`);
    const spatial = input.shape.slice(input.ndim - nd);
    outSize = spatial.map((s, d) => Math.trunc(s * ratio[d]));
  } else {
    throw new ValueError(`${op} requires specifying either an output_size or an output_ratio`);
  }
  let samples = opts.randomSamples ?? null;
  if (samples === null) {
    const batch = input.ndim === nd + 1 ? 1 : input.shape[0];
    const channels = input.shape[input.ndim - nd - 1] ?? 1;
    samples = rand([batch, channels, nd], { dtype: input.dtype });
  }
  const [values, indices] = new FractionalMaxPool(kernel, outSize, samples.array).applyMany(input);
  return opts.returnIndices ? [values, indices] : values;
}

interface FractionalMaxPoolFn {
  (x: Tensor, kernelSize: IntOrTuple, opts?: FractionalMaxPoolOptions & { returnIndices?: false }): Tensor;
  (x: Tensor, kernelSize: IntOrTuple, opts: FractionalMaxPoolOptions & { returnIndices: true }): [Tensor, Tensor];
}

/** F.fractional_max_pool2d(input, kernelSize, { outputSize | outputRatio, returnIndices, randomSamples }). */
export const fractionalMaxPool2d = ((x: Tensor, k: IntOrTuple, o?: FractionalMaxPoolOptions) => fractionalMaxPoolNd(2, x, k, o)) as FractionalMaxPoolFn;
/** F.fractional_max_pool3d(input, kernelSize, { outputSize | outputRatio, returnIndices, randomSamples }). */
export const fractionalMaxPool3d = ((x: Tensor, k: IntOrTuple, o?: FractionalMaxPoolOptions) => fractionalMaxPoolNd(3, x, k, o)) as FractionalMaxPoolFn;
