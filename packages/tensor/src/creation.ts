/**
 * Creation functions: tensor from nested arrays or typed arrays, zeros, ones, full, empty,
 * arange, linspace, eye, and the random ones drawing from a Generator (PyTorch's streams).
 */
import { castScalar, DEFAULT_FLOAT, DType, TypedArray } from './dtype';
import { live, noteInitialized } from './capture';
import { ShapeError, ValueError } from './errors';
import { arangeValues, linspaceValues } from './ranges';
import { NDArray } from './ndarray';
import { defaultGenerator, Generator } from './random/generator';
import { normalFill, randintFill, randperm as randpermValues, uniformFill } from './random/distributions';
import { numel } from './shape';

export type NestedArray = number | boolean | readonly NestedArray[];

/** Infers shape and dtype of nested arrays: float32 for numbers (unless all are integers: int64), bool for booleans. */
function inferNested(data: NestedArray): { shape: number[]; flat: number[]; kind: 'bool' | 'int' | 'float' } {
  const shape: number[] = [];
  let probe: NestedArray = data;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    probe = probe[0] as NestedArray;
    if (probe === undefined) break;
  }
  const flat: number[] = [];
  let kind: 'bool' | 'int' | 'float' | null = null;
  const walk = (x: NestedArray, d: number, path: string) => {
    if (d === shape.length) {
      if (Array.isArray(x)) throw new ShapeError(`tensor: expected a number at ${path || 'the top'} but got a sequence (ragged nested arrays)`);
      const k = typeof x === 'boolean' ? 'bool' : Number.isInteger(x) ? 'int' : 'float';
      if (typeof x !== 'boolean' && typeof x !== 'number') throw new ValueError(`tensor: could not convert ${String(x)} at ${path} to a number`);
      kind = kind === null ? k : kind === 'float' || k === 'float' ? 'float' : kind === 'int' || k === 'int' ? 'int' : 'bool';
      flat.push(Number(x));
      return;
    }
    if (!Array.isArray(x) || x.length !== shape[d]) {
      throw new ShapeError(`tensor: expected sequence of length ${shape[d]} at dim ${d} (got ${Array.isArray(x) ? x.length : 'a number'}) at ${path || 'the top'}`);
    }
    x.forEach((v, i) => walk(v as NestedArray, d + 1, `${path}[${i}]`));
  };
  walk(data, 0, '');
  return { shape, flat, kind: kind ?? 'float' };
}

export interface TensorOptions {
  dtype?: DType;
}

/**
 * torch.tensor: a copy of nested arrays or a typed array. Numbers give float32 (the default dtype)
 * even when all are integers, matching the examples of the seeds; pass { dtype: 'int64' } for integers.
 * Booleans give bool. Typed arrays keep their dtype (Float64Array: float64, Int32Array: int32, ...).
 */
export function tensor(data: NestedArray | TypedArray, opts: TensorOptions & { shape?: readonly number[] } = {}): NDArray {
  if (ArrayBuffer.isView(data)) {
    const d = opts.dtype ?? typedArrayDType(data);
    const shape = opts.shape ?? [data.length];
    if (numel(shape) !== data.length) throw new ShapeError(`tensor: shape [${shape.join(', ')}] does not fit ${data.length} values`);
    const out = NDArray.empty(shape, d, 'tensor');
    for (let i = 0; i < data.length; i++) out.data[i] = castScalar(data[i], d);
    noteInitialized(out.data, false);
    return out;
  }
  const { shape, flat, kind } = inferNested(data);
  const dtype = opts.dtype ?? (kind === 'bool' ? 'bool' : DEFAULT_FLOAT);
  const out = NDArray.empty(shape, dtype, 'tensor');
  for (let i = 0; i < flat.length; i++) out.data[i] = castScalar(flat[i], dtype);
  noteInitialized(out.data, false);
  return out;
}

function typedArrayDType(a: TypedArray): DType {
  if (a instanceof Float32Array) return 'float32';
  if (a instanceof Float64Array) return 'float64';
  if (a instanceof Int32Array) return 'int32';
  return 'uint8';
}

export function full(shape: readonly number[], value: number | boolean, dtype?: DType, op = 'full'): NDArray {
  const d = dtype ?? (typeof value === 'boolean' ? 'bool' : Number.isInteger(value) ? 'int64' : DEFAULT_FLOAT);
  checkShape(shape, op);
  const out = NDArray.empty(shape, d, op);
  out.data.fill(castScalar(Number(value), d));
  noteInitialized(out.data, false);
  return out;
}

function checkShape(shape: readonly number[], op: string): void {
  for (const s of shape) {
    if (!Number.isInteger(s) || s < 0) throw new ShapeError(`${op}: Trying to create tensor with negative dimension ${s}: [${shape.join(', ')}]`);
  }
}

export function zeros(shape: readonly number[], dtype: DType = DEFAULT_FLOAT, op = 'zeros'): NDArray {
  checkShape(shape, op);
  return NDArray.empty(shape, dtype, op);
}

export function ones(shape: readonly number[], dtype: DType = DEFAULT_FLOAT): NDArray {
  return full(shape, 1, dtype, 'ones');
}

/** torch.arange(start, end, step): int64 when all arguments are integers, else float32; PyTorch's values to the bit. */
export function arange(start: number, end?: number, step = 1, dtype?: DType): NDArray {
  if (end === undefined) [start, end] = [0, start];
  if (step === 0) throw new ValueError('arange: step must be nonzero');
  if ((end - start) / step < 0) throw new ValueError(`arange: upper bound and larger bound inconsistent with step sign (start=${start}, end=${end}, step=${step})`);
  const d = dtype ?? ([start, end, step].every(Number.isInteger) ? 'int64' : DEFAULT_FLOAT);
  const n = Math.ceil((end - start) / step);
  const out = NDArray.empty([n], d, 'arange');
  out.data.set(arangeValues(start, step, n, d));
  noteInitialized(out.data, false);
  return out;
}

/** torch.linspace: `steps` points from start to end inclusive, the values PyTorch's CPU kernel computes. */
export function linspace(start: number, end: number, steps: number, dtype: DType = DEFAULT_FLOAT): NDArray {
  if (!Number.isInteger(steps) || steps < 0) throw new ValueError(`linspace: number of steps must be non-negative, got ${steps}`);
  const out = NDArray.empty([steps], dtype, 'linspace');
  out.data.set(linspaceValues(start, end, steps, dtype));
  noteInitialized(out.data, false);
  return out;
}

export function eye(n: number, m = n, dtype: DType = DEFAULT_FLOAT): NDArray {
  checkShape([n, m], 'eye');
  const out = NDArray.empty([n, m], dtype, 'eye');
  for (let i = 0; i < Math.min(n, m); i++) out.data[i * m + i] = 1;
  noteInitialized(out.data, false);
  return out;
}

/** torch.rand: uniform on [0, 1). */
export function rand(shape: readonly number[], dtype: DType = DEFAULT_FLOAT, gen: Generator = defaultGenerator): NDArray {
  checkShape(shape, 'rand');
  const out = NDArray.empty(shape, dtype, 'rand');
  live(() => uniformFill(out.data, dtype, 0, 1, gen));
  return out;
}

/** torch.randn: standard normal. */
export function randn(shape: readonly number[], dtype: DType = DEFAULT_FLOAT, gen: Generator = defaultGenerator): NDArray {
  checkShape(shape, 'randn');
  const out = NDArray.empty(shape, dtype, 'randn');
  live(() => normalFill(out.data, dtype, 0, 1, gen));
  return out;
}

/** torch.randint(low, high, shape): int64 by default. */
export function randint(low: number, high: number, shape: readonly number[], dtype: DType = 'int64', gen: Generator = defaultGenerator): NDArray {
  checkShape(shape, 'randint');
  const out = NDArray.empty(shape, dtype, 'randint');
  live(() => randintFill(out.data, dtype, low, high, gen));
  return out;
}

/** torch.randperm(n): a random permutation of 0..n-1, int64. */
export function randperm(n: number, dtype: DType = 'int64', gen: Generator = defaultGenerator): NDArray {
  const out = NDArray.empty([n], dtype, 'randperm'); // first: the size is checked before the draws
  live(() => {
    const vals = randpermValues(n, gen);
    for (let i = 0; i < n; i++) out.data[i] = vals[i];
  });
  return out;
}
