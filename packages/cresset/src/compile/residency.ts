/**
 * Parameters and buffers moved into the kernels' memory: a compiled function's eager first run
 * notes the tensors it reads that no op of the run made (its module's parameters and buffers),
 * and each float32 one is given a copy of its values in storage the wasm kernels read in place
 * (residentFloat32), so a replay does not copy the weights in on every kernel call. The tensor
 * keeps its values, shape and version counter; only its storage moves.
 */
import { Tensor } from '@cresset/autograd';
import * as T from '@cresset/tensor';
import { withOutsideInputs } from './outside_inputs';
import { tensorLeaves } from './tensor_tree';

/** Runs `fn(...args)` eagerly, then moves the float32 tensors it read from outside (not its arguments) into resident storage. */
export function runAndMoveResident(fn: (...args: unknown[]) => unknown, args: unknown[]): unknown {
  const made = new WeakSet<Tensor>(tensorLeaves(args));
  const { result, outside } = withOutsideInputs(() => fn(...args), made);
  for (const t of outside) if (!made.has(t) && t.gradFn === null) moveResident(t);
  return result;
}

/** Gives `t` resident storage holding its values, when it is a whole contiguous float32 array and the backend has such storage. */
function moveResident(t: Tensor): void {
  const a = t.array;
  if (a.dtype !== 'float32' || a.offset !== 0 || a.data.length !== a.size || !a.isContiguous()) return;
  if (a.data.buffer instanceof SharedArrayBuffer) return; // already in the kernels' shared memory
  const data = T.residentFloat32(a.size);
  if (!data) return;
  data.set(a.data);
  t.array = new T.NDArray(data, 'float32', a.shape, a.strides, 0, a.versionCounter);
}
