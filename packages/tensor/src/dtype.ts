/**
 * Data types, named as PyTorch names them, and the typed arrays that store them.
 * int64 is stored in a Float64Array: exact for integers up to 2^53.
 * bool is stored in a Uint8Array holding 0 or 1.
 */
import { DTypeError } from './errors';
import { pooledFloat32 } from './pooled_storage';
import { noteInitialized } from './capture';
import { allocationError, getAllocationLimit } from './limits';

export type DType = 'float32' | 'float64' | 'int32' | 'int64' | 'uint8' | 'bool';
export type TypedArray = Float32Array | Float64Array | Int32Array | Uint8Array;

export const DTYPES: readonly DType[] = ['float32', 'float64', 'int32', 'int64', 'uint8', 'bool'];

/** The dtype that torch.tensor / torch.zeros use for floating values: torch.get_default_dtype(). */
export const DEFAULT_FLOAT: DType = 'float32';

export function isFloating(d: DType): boolean {
  return d === 'float32' || d === 'float64';
}

export function isIntegral(d: DType, includeBool = false): boolean {
  return d === 'int32' || d === 'int64' || d === 'uint8' || (includeBool && d === 'bool');
}

export function checkDType(d: unknown, op: string): DType {
  if (typeof d === 'string') {
    const name = d.startsWith('torch.') ? d.slice(6) : d;
    const alias: Record<string, DType> = { float: 'float32', double: 'float64', int: 'int32', long: 'int64' };
    const r = (alias[name] ?? name) as DType;
    if (DTYPES.includes(r)) return r;
  }
  throw new DTypeError(`${op}: unknown dtype ${String(d)}; expected one of ${DTYPES.join(', ')}`);
}

/**
 * A zero-filled typed array of n elements of dtype d, for a tensor of `shape` made by `op`; more
 * bytes than the allocation limit, or than the engine can provide, is an AllocationError.
 */
export function allocate(d: DType, n: number, op = 'empty', shape: readonly number[] = [n], zero = true): TypedArray {
  if (n * itemSize(d) > getAllocationLimit()) throw allocationError(op, shape, d, itemSize(d));
  try {
    const a = make(d, n, zero);
    if (zero) noteInitialized(a, true);
    return a;
  } catch (e) {
    // a valid length the engine refused (out of memory), not a length that is no length
    if (e instanceof RangeError && Number.isSafeInteger(n) && n >= 0) throw allocationError(op, shape, d, itemSize(d), e);
    throw e;
  }
}

/** Floats from which an array the caller overwrites whole is taken unfilled: below it, filling costs less than the separate allocation. */
const UNFILLED_MIN = 16384;

/** A float32 array of n elements over memory the runtime does not zero (Node's allocUnsafeSlow): for outputs a kernel writes in full. */
function unfilledFloat32(n: number): Float32Array {
  return new Float32Array(Buffer.allocUnsafeSlow(n * 4).buffer, 0, n);
}

function make(d: DType, n: number, zero: boolean): TypedArray {
  switch (d) {
    case 'float32': return pooledFloat32(n, zero) ?? (zero || n < UNFILLED_MIN ? new Float32Array(n) : unfilledFloat32(n));
    case 'float64': case 'int64': return new Float64Array(n);
    case 'int32': return new Int32Array(n);
    case 'uint8': case 'bool': return new Uint8Array(n);
  }
}

/** PyTorch's ScalarType name of a dtype (Float, Double, Int, Long, Byte, Bool), as its error messages spell it. */
export function scalarTypeName(d: DType): string {
  return { float32: 'Float', float64: 'Double', int32: 'Int', int64: 'Long', uint8: 'Byte', bool: 'Bool' }[d];
}

/** Bytes per element as PyTorch counts them (element_size()), which is also what cresset's storage takes. */
export function itemSize(d: DType): number {
  return ITEM_SIZE[d];
}

const ITEM_SIZE: Record<DType, number> = { float32: 4, float64: 8, int32: 4, int64: 8, uint8: 1, bool: 1 };

/** 0: bool, 1: integer, 2: floating (PyTorch's promotion categories). */
export function category(d: DType): number {
  return d === 'bool' ? 0 : isFloating(d) ? 2 : 1;
}

const RANK: Record<DType, number> = { bool: 0, uint8: 1, int32: 2, int64: 3, float32: 4, float64: 5 };

/** torch.promote_types for the dtypes cresset has. */
export function promoteTypes(a: DType, b: DType): DType {
  return RANK[a] >= RANK[b] ? a : b;
}

/** The dtype a plain JS number gets when it stands for a tensor: float32 unless an integer, then int64. */
export function scalarDType(v: number | boolean): DType {
  if (typeof v === 'boolean') return 'bool';
  return Number.isInteger(v) ? 'int64' : DEFAULT_FLOAT;
}

/** Rounds a JS number to what the dtype stores (the cast PyTorch does on write). */
export function castScalar(v: number, d: DType): number {
  switch (d) {
    case 'float32': return Math.fround(v);
    case 'float64': return v;
    case 'int32': return v | 0;
    case 'int64': return Math.trunc(v) + 0; // + 0: no -0 in an integer
    case 'uint8': return (Math.trunc(v) & 255);
    case 'bool': return v !== 0 ? 1 : 0;
  }
}
