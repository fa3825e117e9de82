/**
 * torch.compile(module): PyTorch's OptimizedModule, a Module whose forward runs through a
 * compiled function of the original's forward. The original is its one child, `_orig_mod`, so
 * parameters are shared and state_dict keys carry PyTorch's `_orig_mod.` prefix.
 */
import { Module } from '@cresset/nn';
import { CompiledFunction, CompileOptions } from './compiled_function';

export class OptimizedModule<M extends Module = Module> extends Module {
  /** The compiled forward. */
  readonly compiled: CompiledFunction;

  constructor(
    /** The compiled module, PyTorch's `_orig_mod`. */
    readonly _orig_mod: M,
    opts: CompileOptions = {},
  ) {
    super();
    this.compiled = new CompiledFunction((...args: unknown[]) => _orig_mod.forward(...args), opts, `${_orig_mod.constructor.name}.forward`);
  }

  /** The original module's forward, planned: the same arguments and result. */
  forward(...args: Parameters<M['forward']>): ReturnType<M['forward']> {
    return this.compiled.call(args) as ReturnType<M['forward']>;
  }

}
