/**
 * Parameters and buffers moved into the kernels' memory: a compiled function's eager first run
 * notes the tensors it reads that no op of the run made (its module's parameters and buffers),
 * and each float32 one is given resident storage (autograd's moveResident), so a replay does not
 * copy the weights in on every kernel call. An optimizer's state follows its parameters there
 * (optim's Optimizer.step).
 */
import { moveResident, Tensor } from '@cresset/autograd';
import { withOutsideInputs } from './outside_inputs';
import { tensorLeaves } from './tensor_tree';

/** Runs `fn(...args)` eagerly, then moves the float32 tensors it read from outside (not its arguments) into resident storage. */
export function runAndMoveResident(fn: (...args: unknown[]) => unknown, args: unknown[]): unknown {
  const made = new WeakSet<Tensor>(tensorLeaves(args));
  const { result, outside } = withOutsideInputs(() => fn(...args), made);
  for (const t of outside) if (!made.has(t) && t.gradFn === null) moveResident(t);
  return result;
}

