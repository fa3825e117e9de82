/**
 * Reductions over one or more dims with keepdim, as torch.sum/mean/prod/max/min/argmax/argmin/
 * var/std/amax/amin/any/all/logsumexp. The reduced dims are moved last and made contiguous, then
 * each row reduces in the kernel.
 */
import { DType, isFloating, scalarTypeName } from '../dtype';
import { DTypeError, ShapeError } from '../errors';
import { AxisReduceOp, backend, ReduceOp } from '../kernels';
import { NDArray } from '../ndarray';
import { wrapDim } from '../shape';
import { cast } from './elementwise';

export type Dims = number | readonly number[] | null | undefined;

/**
 * Sorted, wrapped, unique reduced dims; all dims when `dim` is null/undefined or []. A 0-d tensor
 * accepts dim 0 or -1 and reduces over nothing, as PyTorch.
 */
export function reducedDims(a: NDArray, dim: Dims, op: string): number[] {
  if (dim === null || dim === undefined) return a.shape.map((_, i) => i);
  const list = typeof dim === 'number' ? [dim] : [...dim];
  if (a.ndim === 0) {
    list.forEach((d) => wrapDim(d, 0, op));
    return [];
  }
  if (list.length === 0) return a.shape.map((_, i) => i);
  const out = [...new Set(list.map((d) => wrapDim(d, a.ndim, op)))];
  if (out.length !== list.length) throw new ShapeError(`${op}: dim ${list.join(', ')} appears multiple times in the list of dims`);
  return out.sort((x, y) => x - y);
}

/** The shape left after reducing `dims`, with size-1 dims kept when keepdim. */
export function reducedShape(shape: readonly number[], dims: readonly number[], keepdim: boolean): number[] {
  const set = new Set(dims);
  const out: number[] = [];
  shape.forEach((s, i) => {
    if (!set.has(i)) out.push(s);
    else if (keepdim) out.push(1);
  });
  return out;
}

const OUT_DTYPE: Record<ReduceOp, (d: DType) => DType> = {
  sum: (d) => (isFloating(d) ? d : 'int64'),
  prod: (d) => (isFloating(d) ? d : 'int64'),
  mean: (d) => d,
  var: (d) => d,
  logsumexp: (d) => (isFloating(d) ? d : 'float32'),
  max: (d) => d,
  min: (d) => d,
  argmax: () => 'int64',
  argmin: () => 'int64',
  any: () => 'bool',
  all: () => 'bool',
};

/** The reductions that run down a middle axis in place (reduceAxis) instead of on a transposed copy. */
const AXIS_OPS = new Set<ReduceOp>(['sum', 'mean', 'max', 'min']);

/** Reduces `a` over `dim` with the kernel op. `correction` is var's Bessel correction. */
export function reduce(op: ReduceOp, a: NDArray, dim: Dims, keepdim = false, correction = 1): NDArray {
  if (op === 'var' && !isFloating(a.dtype)) {
    throw new DTypeError(`std and var only support floating point and complex dtypes (got a ${a.dtype} tensor)`);
  }
  if (op === 'mean' && !isFloating(a.dtype)) {
    throw new DTypeError(`${op}(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: ${scalarTypeName(a.dtype)}`);
  }
  const dims = reducedDims(a, dim, op);
  const kept = a.shape.map((_, i) => i).filter((i) => !dims.includes(i));
  const k = dims.reduce((n, d) => n * a.shape[d], 1);
  const outer = kept.reduce((n, d) => n * a.shape[d], 1);
  if (k === 0 && (op === 'max' || op === 'min' || op === 'argmax' || op === 'argmin')) {
    throw new ShapeError(`${op}(): Expected reduction dim ${dims.join(', ')} to have non-zero size. (input of shape [${a.shape.join(', ')}])`);
  }
  const outShape = reducedShape(a.shape, dims, keepdim);
  const outType = OUT_DTYPE[op](a.dtype);
  const out = NDArray.empty(outShape, outType, op);
  // reduced dims that are one run of a contiguous array, with dims after them: reduce in place
  const last = dims.length ? dims[dims.length - 1] : -1;
  const run = dims.length > 0 && last - dims[0] === dims.length - 1 && last < a.ndim - 1;
  if (run && AXIS_OPS.has(op) && a.isContiguous() && outType === a.dtype) {
    const inner = a.shape.slice(last + 1).reduce((n, s) => n * s, 1);
    backend().reduceAxis(op as AxisReduceOp, a.data, a.offset, outer / inner, k, inner, out.data);
    return out;
  }
  // the kept dims one run of a contiguous array: reduce [A, K, B] in place, else a permuted copy's rows
  if (a.isContiguous() && kept.length > 0 && kept[kept.length - 1] - kept[0] === kept.length - 1) {
    const A = a.shape.slice(0, kept[0]).reduce((n, s) => n * s, 1);
    const B = a.shape.slice(kept[kept.length - 1] + 1).reduce((n, s) => n * s, 1);
    backend().reduce(op, a.data, a.offset, A, outer, B, out.data, correction);
    return out;
  }
  const src = a.permute([...kept, ...dims]).contiguous();
  backend().reduce(op, src.data, src.offset, 1, outer, k, out.data, correction);
  return out;
}

/** max/min along one dim: values and int64 indices (the first occurrence), as torch.max(x, dim). */
export function reduceWithIndices(op: 'max' | 'min', a: NDArray, dim: number, keepdim = false): [NDArray, NDArray] {
  const d = wrapDim(dim, a.ndim, op);
  return [reduce(op, a, d, keepdim), reduce(op === 'max' ? 'argmax' : 'argmin', a, d, keepdim)];
}

/** Sum over the dims that broadcasting added or stretched, back to `shape` (autograd's sum_to_size). */
export function sumToShape(g: NDArray, shape: readonly number[]): NDArray {
  if (g.ndim === shape.length && g.shape.every((s, i) => s === shape[i])) return g;
  const lead = g.ndim - shape.length;
  const dims: number[] = [];
  for (let i = 0; i < g.ndim; i++) if (i < lead || (shape[i - lead] === 1 && g.shape[i] !== 1)) dims.push(i);
  let r = dims.length ? reduce('sum', g, dims, true) : g;
  if (lead > 0) r = r.reshape(shape);
  else if (r.ndim !== shape.length) r = r.reshape(shape);
  return r;
}

/** Casts integer input of a floating-only op, as mean(dtype=...) would. */
export function asFloat(a: NDArray): NDArray {
  return isFloating(a.dtype) ? a : cast(a, 'float32');
}

/**
 * Running sums or products along `dim` (torch.cumsum / torch.cumprod, and their exclusive and
 * reversed forms), as `dtype` (float64 keeps every partial exact to double precision).
 */
export function scan(op: 'sum' | 'prod', a: NDArray, dim: number, opts: { exclusive?: boolean; reverse?: boolean; dtype?: DType } = {}): NDArray {
  const d = wrapDim(dim, a.ndim, op === 'sum' ? 'cumsum' : 'cumprod');
  const ac = a.contiguous();
  const shape = a.shape;
  const k = a.ndim === 0 ? 1 : shape[d];
  const outer = shape.slice(0, d).reduce((n, s) => n * s, 1);
  const inner = shape.slice(d + 1).reduce((n, s) => n * s, 1);
  const out = NDArray.empty(shape, opts.dtype ?? OUT_DTYPE[op](a.dtype));
  backend().scanAxis(op, ac.data, ac.offset, outer, k, inner, out.data, opts.exclusive ?? false, opts.reverse ?? false);
  return out;
}
