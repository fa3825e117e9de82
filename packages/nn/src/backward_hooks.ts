/**
 * Full backward hooks (Module.register_full_backward_hook), as PyTorch's torch.utils.hooks.
 * BackwardHook: a module call with such hooks passes its tensor arguments, and then its tensor
 * outputs, through an identity node (BackwardHookFunctionBackward). In backward the outputs' node
 * records the gradients of the outputs; the inputs' node, reached once the module's own graph has
 * run, calls each hook with (module, gradInput, gradOutput), and a list a hook returns replaces
 * gradInput. As PyTorch's node materializes them, a gradient that does not flow (an input that
 * needs none, an output unused) is zeros; when no input requires grad, the hooks run at the
 * outputs' node with gradInput all null.
 */
import { Function, isGradEnabled, Tensor } from '@cresset/autograd';
import { NDArray, ValueError, zeros } from '@cresset/tensor';

/** hook(module, gradInput, gradOutput): a returned list replaces gradInput (null for an input without a gradient). */
export type FullBackwardHook<M> = (module: M, gradInput: (Tensor | null)[], gradOutput: (Tensor | null)[]) => (Tensor | null)[] | null | undefined | void;

/** The identity node that hands the gradients flowing through it to `onGrads`, which may replace them. */
class BackwardHookFunction extends Function {
  readonly name = 'BackwardHookFunctionBackward';
  constructor(
    /** Which inputs take part in the graph (the others' outputs carry no gradient). */
    requiresGrad: boolean[],
    private readonly onGrads: (grads: (NDArray | null)[]) => (NDArray | null)[],
  ) {
    super();
    requiresGrad.forEach((r, i) => { if (!r) this.nonDifferentiable |= 1 << i; });
  }
  private count = 0;
  forward(...xs: NDArray[]) {
    this.count = xs.length;
    return xs;
  }
  /** The engine passes only the gradients up to the last output that got one: the rest are null. */
  backward(...grads: (NDArray | null)[]) {
    return this.onGrads(Array.from({ length: this.count }, (_, i) => grads[i] ?? null));
  }
}

/** The gradients as tensors, zeros (of the tensor each belongs to) where none flowed. */
const materialized = (grads: (NDArray | null)[], like: Tensor[]) => grads.map((g, i) => new Tensor(g ?? zeros(like[i].array.shape, like[i].dtype)));

/** One call's hook state: the gradients of its outputs, then the hooks run on those of its inputs. */
export class BackwardHook<M> {
  private gradOutput: (Tensor | null)[] = [];
  private inputs: Tensor[] = [];
  private inputsTracked = false;
  constructor(private readonly module: M, private readonly hooks: FullBackwardHook<M>[]) {}

  /** Passes the tensor arguments through the inputs' node (other arguments as they are). */
  setupInput(args: unknown[]): unknown[] {
    if (!isGradEnabled()) return args;
    const at = args.map((a, i) => (a instanceof Tensor ? i : -1)).filter((i) => i >= 0);
    const tensors = at.map((i) => args[i] as Tensor);
    this.inputs = tensors;
    this.inputsTracked = tensors.some((t) => t.requiresGrad);
    if (!this.inputsTracked) return args;
    const fn = new BackwardHookFunction(tensors.map((t) => t.requiresGrad), (grads) => this.runHooks(grads));
    const wrapped = fn.applyMany(...tensors);
    const out = [...args];
    at.forEach((i, k) => { out[i] = wrapped[k]; });
    return out;
  }

  /** Passes the output (a tensor, or an array holding tensors) through the outputs' node. */
  setupOutput(result: unknown): unknown {
    if (!isGradEnabled()) return result;
    const list = result instanceof Tensor ? [result] : Array.isArray(result) ? result : [];
    const at = list.map((a, i) => (a instanceof Tensor && a.requiresGrad ? i : -1)).filter((i) => i >= 0);
    if (at.length === 0) return result;
    const outputs = at.map((i) => list[i] as Tensor);
    const fn = new BackwardHookFunction(at.map(() => true), (grads) => {
      this.gradOutput = materialized(grads, outputs);
      if (!this.inputsTracked) this.callHooks(this.inputs.map(() => null));
      return grads;
    });
    const wrapped = fn.applyMany(...outputs);
    if (result instanceof Tensor) return wrapped[0];
    const out = [...list];
    at.forEach((i, k) => { out[i] = wrapped[k]; });
    return out;
  }

  private runHooks(grads: (NDArray | null)[]): (NDArray | null)[] {
    return this.callHooks(materialized(grads, this.inputs)).map((g, i) => (g && this.inputs[i].requiresGrad ? g.array : null));
  }

  /** Each hook in turn with (module, gradInput, gradOutput); a returned list replaces gradInput. */
  private callHooks(gradInput: (Tensor | null)[]): (Tensor | null)[] {
    for (const hook of this.hooks) {
      const r = hook(this.module, gradInput, this.gradOutput);
      if (r === undefined || r === null) continue;
      if (r.length !== gradInput.length) throw new ValueError(`Backward hook returned an invalid number of grad_input, got ${r.length}, but expected ${gradInput.length}`);
      gradInput = r;
    }
    return gradInput;
  }
}
