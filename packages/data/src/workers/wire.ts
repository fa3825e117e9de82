/**
 * Batches on the wire between a loader worker thread and the main thread: tensors become
 * { dtype, shape, data } records (the typed array is transferred, not copied), everything else
 * (arrays, records, numbers, strings) passes as structured clone.
 */
import { Tensor } from '@cresset/autograd';
import { DType, NDArray, TypedArray } from '@cresset/tensor';

const TAG = '__cressetTensor__';
interface WireTensor { [TAG]: true; dtype: DType; shape: number[]; data: TypedArray }

/** The batch as cloneable data, and the buffers to transfer. */
export function toWire(x: unknown, transfer: ArrayBuffer[] = []): { value: unknown; transfer: ArrayBuffer[] } {
  const enc = (v: unknown): unknown => {
    if (v instanceof Tensor) {
      const data = v.array.values().slice();
      transfer.push(data.buffer as ArrayBuffer);
      return { [TAG]: true, dtype: v.dtype, shape: [...v.shape], data } satisfies WireTensor;
    }
    if (Array.isArray(v)) return v.map(enc);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, e]) => [k, enc(e)]));
    return v;
  };
  return { value: enc(x), transfer };
}

/** The batch rebuilt from toWire's value. */
export function fromWire(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(fromWire);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (o[TAG]) {
      const w = o as unknown as WireTensor;
      return new Tensor(new NDArray(w.data, w.dtype, w.shape));
    }
    return Object.fromEntries(Object.entries(o).map(([k, e]) => [k, fromWire(e)]));
  }
  return v;
}
