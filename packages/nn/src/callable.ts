/**
 * callable(module): a module as a function of its forward's arguments, as calling a
 * torch.nn.Module runs its forward: with conv = callable(new Conv2d(3, 6, 5)) and
 * pool = callable(new MaxPool2d(2)), pool(conv(x)) is pool.forward(conv.forward(x)), typed by
 * those forwards. The function runs the module's current forward (so ONNX tracing and train/eval
 * apply) and carries the module itself as `.module`, for its parameters, state dict and modes.
 */
import type { Module } from './module';

/** A module's forward as a function, with the module alongside. */
export type CallableModule<M extends Module> = ((...args: Parameters<M['forward']>) => ReturnType<M['forward']>) & {
  readonly module: M;
};

export function callable<M extends Module>(module: M): CallableModule<M> {
  // module.forward is M['forward'] (TypeScript does not resolve a generic's own method to it);
  // read at each call, so a forward replaced later (ONNX tracing wraps it) is the one run
  const call = (...args: Parameters<M['forward']>) => module.forward(...args) as ReturnType<M['forward']>;
  return Object.assign(call, { module });
}
