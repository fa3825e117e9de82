/**
 * Resident storage: a tensor's values moved into the kernels' own memory (the wasm backend's
 * shared memory), where kernels read and write them in place instead of copying them in and out
 * on every call. The tensor keeps its values, shape and version counter; only its storage moves.
 */
import * as T from '@cresset/tensor';
import type { Tensor } from './tensor';

/** True when `t`'s storage is the kernels' memory (shared with the kernel threads). */
export function isResident(t: Tensor): boolean {
  return t.array.data.buffer instanceof SharedArrayBuffer;
}

/**
 * Gives `t` resident storage holding its values, when it is a whole contiguous float32 array
 * not resident yet and the backend has such storage; returns whether `t` is resident now.
 */
export function moveResident(t: Tensor): boolean {
  const a = t.array;
  if (isResident(t)) return true;
  if (a.dtype !== 'float32' || a.offset !== 0 || a.data.length !== a.size || !a.isContiguous()) return false;
  const data = T.residentFloat32(a.size);
  if (!data) return false;
  data.set(a.data);
  t.array = new T.NDArray(data, 'float32', a.shape, a.strides, 0, a.versionCounter);
  return true;
}
