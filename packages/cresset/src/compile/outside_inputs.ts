/**
 * The tensors a run reads that none of its ops made (a module's parameters and buffers): found
 * through an op observer installed over the one in place, each op's outputs counting as made.
 */
import { Function, Input, setOpObserver, Tensor } from '@cresset/autograd';

/** Runs `fn` and returns its result and the op inputs from outside it, in first-read order; `made` starts as the tensors it is given. */
export function withOutsideInputs<T>(fn: () => T, made: WeakSet<Tensor>): { result: T; outside: Tensor[] } {
  const outside = new Set<Tensor>();
  const before = setOpObserver(null);
  setOpObserver((op: Function, inputs: readonly Input[], outputs: readonly Tensor[]) => {
    for (const x of inputs) if (typeof x !== 'number' && !made.has(x)) outside.add(x);
    for (const t of outputs) made.add(t);
    before?.(op, inputs, outputs);
  });
  try {
    return { result: fn(), outside: [...outside] };
  } finally {
    setOpObserver(before);
  }
}
