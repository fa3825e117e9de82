/**
 * F.max_pool1d/2d/3d, F.avg_pool1d/2d/3d (one definition for N dims), adaptive pooling and
 * max_unpool. stride defaults to kernel_size, as in PyTorch.
 */
import { AdaptiveAvgPool, AdaptiveMaxPool, AvgPool, MaxPool, MaxUnpool, Tensor } from '@cresset/autograd';
import { ShapeError, transposedOutSize, ValueError } from '@cresset/tensor';
import { IntOrTuple, ntuple } from '../utils';

/** Max pooling's options; R is the type of returnIndices, which decides what it returns. */
export interface MaxPoolOptions<R extends boolean = boolean> {
  stride?: IntOrTuple | null;
  padding?: IntOrTuple;
  dilation?: IntOrTuple;
  ceilMode?: boolean;
  returnIndices?: R;
}

export interface AvgPoolOptions {
  stride?: IntOrTuple | null;
  padding?: IntOrTuple;
  ceilMode?: boolean;
  countIncludePad?: boolean;
  divisorOverride?: number | null;
}

function geometry(nd: number, op: string, kernelSize: IntOrTuple, o: { stride?: IntOrTuple | null; padding?: IntOrTuple; dilation?: IntOrTuple; ceilMode?: boolean }) {
  const kernel = ntuple(kernelSize, nd, 'kernel_size', op);
  const stride = o.stride === undefined || o.stride === null || (Array.isArray(o.stride) && o.stride.length === 0) ? kernel : ntuple(o.stride, nd, 'stride', op);
  return {
    kernel,
    stride,
    padding: ntuple(o.padding ?? 0, nd, 'padding', op),
    dilation: ntuple(o.dilation ?? 1, nd, 'dilation', op),
    ceilMode: o.ceilMode ?? false,
  };
}

/** Max pooling over the last nd dims; with returnIndices, [values, indices] as PyTorch. */
export function maxPoolNd(nd: number, input: Tensor, kernelSize: IntOrTuple, opts: MaxPoolOptions = {}): Tensor | [Tensor, Tensor] {
  const op = `max_pool${nd}d`;
  const [values, indices] = new MaxPool(geometry(nd, op, kernelSize, opts), op).applyMany(input);
  return opts.returnIndices ? [values, indices] : values;
}

export function avgPoolNd(nd: number, input: Tensor, kernelSize: IntOrTuple, opts: AvgPoolOptions = {}): Tensor {
  const op = `avg_pool${nd}d`;
  const params = { ...geometry(nd, op, kernelSize, opts), countIncludePad: opts.countIncludePad ?? true, divisorOverride: opts.divisorOverride ?? null };
  return new AvgPool(params, op).apply(input);
}

type MaxPoolFn = {
  (x: Tensor, kernelSize: IntOrTuple, opts?: MaxPoolOptions & { returnIndices?: false }): Tensor;
  (x: Tensor, kernelSize: IntOrTuple, opts: MaxPoolOptions & { returnIndices: true }): [Tensor, Tensor];
};
const maxPoolOf = (nd: number) => ((x: Tensor, k: IntOrTuple, o: MaxPoolOptions = {}) => maxPoolNd(nd, x, k, o)) as MaxPoolFn;
export const maxPool1d = maxPoolOf(1);
export const maxPool2d = maxPoolOf(2);
export const maxPool3d = maxPoolOf(3);
export const avgPool1d = (x: Tensor, k: IntOrTuple, o: AvgPoolOptions = {}) => avgPoolNd(1, x, k, o);
export const avgPool2d = (x: Tensor, k: IntOrTuple, o: AvgPoolOptions = {}) => avgPoolNd(2, x, k, o);
export const avgPool3d = (x: Tensor, k: IntOrTuple, o: AvgPoolOptions = {}) => avgPoolNd(3, x, k, o);

/** Output sizes of adaptive pooling; null keeps the input's size, as PyTorch's None. */
function adaptiveSize(nd: number, input: Tensor, outputSize: number | readonly (number | null)[], op: string): number[] {
  if (input.ndim !== nd + 1 && input.ndim !== nd + 2) throw new ShapeError(`${op}: Expected ${nd + 1}D or ${nd + 2}D tensor, but got [${input.shape.join(', ')}]`);
  const sizes = typeof outputSize === 'number' ? new Array(nd).fill(outputSize) : [...outputSize];
  if (sizes.length !== nd) throw new ValueError(`${op}: output_size must have ${nd} entries, got ${sizes.length}`);
  return sizes.map((s, i) => s ?? input.shape[input.ndim - nd + i]);
}

export function adaptiveAvgPoolNd(nd: number, input: Tensor, outputSize: number | readonly (number | null)[]): Tensor {
  return new AdaptiveAvgPool(adaptiveSize(nd, input, outputSize, `adaptive_avg_pool${nd}d`)).apply(input);
}
export function adaptiveMaxPoolNd(nd: number, input: Tensor, outputSize: number | readonly (number | null)[], returnIndices = false): Tensor | [Tensor, Tensor] {
  const [v, i] = new AdaptiveMaxPool(adaptiveSize(nd, input, outputSize, `adaptive_max_pool${nd}d`)).applyMany(input);
  return returnIndices ? [v, i] : v;
}
export const adaptiveAvgPool1d = (x: Tensor, s: number | (number | null)[]) => adaptiveAvgPoolNd(1, x, s);
export const adaptiveAvgPool2d = (x: Tensor, s: number | (number | null)[]) => adaptiveAvgPoolNd(2, x, s);
export const adaptiveAvgPool3d = (x: Tensor, s: number | (number | null)[]) => adaptiveAvgPoolNd(3, x, s);
export const adaptiveMaxPool1d = (x: Tensor, s: number | (number | null)[], r = false) => adaptiveMaxPoolNd(1, x, s, r);
export const adaptiveMaxPool2d = (x: Tensor, s: number | (number | null)[], r = false) => adaptiveMaxPoolNd(2, x, s, r);
export const adaptiveMaxPool3d = (x: Tensor, s: number | (number | null)[], r = false) => adaptiveMaxPoolNd(3, x, s, r);

export interface MaxUnpoolOptions {
  stride?: IntOrTuple | null;
  padding?: IntOrTuple;
  outputSize?: readonly number[] | null;
}

/**
 * max_unpool: puts values back at the positions `indices` name (as max pooling returned them), zeros
 * elsewhere. The default output size inverts the pooling arithmetic, (in - 1) * stride - 2 * padding
 * + kernel; outputSize (its last nd entries) overrides it, as PyTorch's output_size.
 */
export function maxUnpoolNd(nd: number, input: Tensor, indices: Tensor, kernelSize: IntOrTuple, opts: MaxUnpoolOptions = {}): Tensor {
  const op = `max_unpool${nd}d`;
  const g = geometry(nd, op, kernelSize, opts);
  const inSp = input.shape.slice(input.ndim - nd);
  const outSp = opts.outputSize ? opts.outputSize.slice(opts.outputSize.length - nd) : inSp.map((L, i) => transposedOutSize(L, g.kernel[i], g.stride[i], g.padding[i]));
  if (outSp.length !== nd) throw new ValueError(`${op}: output_size must have at least ${nd} entries, got [${opts.outputSize!.join(', ')}]`);
  return new MaxUnpool(indices.array, outSp, op).apply(input);
}
const maxUnpoolOf = (nd: number) => (x: Tensor, idx: Tensor, k: IntOrTuple, o: MaxUnpoolOptions = {}) => maxUnpoolNd(nd, x, idx, k, o);
export const maxUnpool1d = maxUnpoolOf(1);
export const maxUnpool2d = maxUnpoolOf(2);
export const maxUnpool3d = maxUnpoolOf(3);
