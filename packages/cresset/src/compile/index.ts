/**
 * torch.compile: planned execution. `compile(model)` gives a Module whose forward replays a
 * recorded plan of the model's kernels; `compile(fn)` does the same for any function of tensors,
 * a whole training step included (forward, backward and optimizer step). The design is in
 * docs/architecture.md ("torch.compile").
 */
import { Module } from '@cresset/nn';
import { CompiledFunction, CompileError, CompileOptions, CompileStats } from './compiled_function';
import { OptimizedModule } from './compiled_module';
import { OnnxRuntimeModule } from './onnxruntime_module';

export { CompiledFunction, CompileError } from './compiled_function';
export type { CompileOptions, CompileStats } from './compiled_function';
export { OptimizedModule } from './compiled_module';
export { OnnxRuntimeModule } from './onnxruntime_module';

/**
 * A compiled function: the same call signature, plus `reset()` to drop its plans and `stats` of its calls.
 * @typeParam F the function compiled
 */
export type Compiled<F extends (...args: never[]) => unknown> = F & {
  /** Drops every plan; the next calls run eagerly and record again. */
  reset(): void;
  /** How many calls ran eagerly, were recorded and replayed. */
  readonly stats: CompileStats;
};

/**
 * torch.compile(model) or torch.compile(fn). A module gives an OptimizedModule sharing its
 * parameters (or, with { backend: 'onnxruntime' }, an OnnxRuntimeModule); a function gives a
 * function with the same signature. Each call with new shapes or modes runs eagerly once, is
 * recorded on its second call, and replays after; see CompiledFunction for the guards.
 * @typeParam M the module compiled
 * @typeParam F the function compiled
 */
export function compile<M extends Module>(model: M, opts?: CompileOptions & { backend?: 'cresset' | 'inductor' }): OptimizedModule<M>;
export function compile<M extends Module>(model: M, opts: CompileOptions & { backend: 'onnxruntime' | 'onnxrt' }): OnnxRuntimeModule<M>;
export function compile<F extends (...args: never[]) => unknown>(fn: F, opts?: CompileOptions): Compiled<F>;
export function compile(target: Module | ((...args: unknown[]) => unknown), opts: CompileOptions = {}): unknown {
  if (opts.dynamic === true) throw new CompileError('torch.compile: dynamic: true is not supported; cresset plans each input shape on its own (dynamic: false)');
  const viaOrt = opts.backend === 'onnxruntime' || opts.backend === 'onnxrt';
  if (target instanceof Module) return viaOrt ? new OnnxRuntimeModule(target) : new OptimizedModule(target, opts);
  if (viaOrt) throw new CompileError("torch.compile: the 'onnxruntime' backend compiles modules (their forward), not functions");
  const c = new CompiledFunction(target, opts);
  const f = (...args: unknown[]) => c.call(args);
  return Object.assign(f, { reset: () => c.reset(), stats: c.stats });
}
