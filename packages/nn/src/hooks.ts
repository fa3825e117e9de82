/**
 * Forward hooks, forward pre-hooks and full backward hooks (register_forward_hook,
 * register_forward_pre_hook, register_full_backward_hook): the hooks of a module, the handle that
 * removes one, and the run of a forward through them.
 */
import { BackwardHook, FullBackwardHook } from './backward_hooks';

export type { FullBackwardHook };

/** Called before forward with its arguments; returning a value replaces them (a non-array becomes the one argument). */
export type ForwardPreHook<M> = (module: M, args: unknown[]) => unknown;
/** Called after forward with its arguments and output; returning a value replaces the output. */
export type ForwardHook<M> = (module: M, args: unknown[], output: unknown) => unknown;

let nextId = 0;

/** torch.utils.hooks.RemovableHandle: remove() takes the hook out. */
export class RemovableHandle {
  readonly id = nextId++;
  constructor(private readonly table: Map<number, unknown>) {}
  remove(): void {
    this.table.delete(this.id);
  }
}

export class ForwardHooks<M> {
  readonly pre = new Map<number, ForwardPreHook<M>>();
  readonly post = new Map<number, ForwardHook<M>>();
  readonly backward = new Map<number, FullBackwardHook<M>>();

  add<H>(table: Map<number, H>, hook: H): RemovableHandle {
    const handle = new RemovableHandle(table as Map<number, unknown>);
    table.set(handle.id, hook);
    return handle;
  }

  /**
   * Runs forward as Module.__call__ does: pre-hooks in order, the tensor arguments through the
   * backward hooks' input node, forward, the hooks in order, then the output through the backward
   * hooks' output node.
   */
  run(module: M, forward: (...args: unknown[]) => unknown, args: unknown[]): unknown {
    let a = args;
    for (const h of [...this.pre.values()]) {
      const r = h(module, a);
      if (r !== undefined && r !== null) a = Array.isArray(r) ? r : [r];
    }
    const bw = this.backward.size ? new BackwardHook(module, [...this.backward.values()]) : null;
    if (bw) a = bw.setupInput(a);
    let out = forward.apply(module, a);
    for (const h of [...this.post.values()]) {
      const r = h(module, a, out);
      if (r !== undefined && r !== null) out = r;
    }
    return bw ? bw.setupOutput(out) : out;
  }
}
