/**
 * Module: the base of every layer and model (torch.nn.Module). Parameters and submodules are
 * registered by assignment (`this.conv1 = new Conv2d(...)`): a Module finds them among its own
 * properties, in assignment order, as PyTorch's __setattr__ records them. Buffers are registered
 * with registerBuffer. stateDict keys, errors and the printed repr follow PyTorch.
 */
import { device, DeviceLike, isDeviceSpec, noGrad, Tensor } from '@cresset/autograd';
import { AttributeError, DType, formatSize, isFloating, noteGuard, ShapeError } from '@cresset/tensor';
import { inspect } from 'util';
import { ForwardHook, ForwardHooks, ForwardPreHook, FullBackwardHook, RemovableHandle } from './hooks';
import { Parameter } from './parameter';

export type StateDict = Record<string, Tensor>;

export interface LoadResult {
  missingKeys: string[];
  unexpectedKeys: string[];
}

/** Indents all lines but the first by n spaces (PyTorch's _addindent). */
function addIndent(s: string, n: number): string {
  const lines = s.split('\n');
  if (lines.length === 1) return s;
  return [lines[0], ...lines.slice(1).map((l) => ' '.repeat(n) + l)].join('\n');
}

export abstract class Module {
  private isTraining = true;
  /** Training mode (train()) or evaluation mode (eval()). */
  get training(): boolean {
    const mode = this.isTraining;
    // a compiled plan recorded in this mode holds only while the mode stays
    noteGuard(this, () => this.isTraining === mode);
    return mode;
  }
  set training(mode: boolean) {
    this.isTraining = mode;
  }
  private readonly bufferMap = new Map<string, Tensor | null>();
  private nonPersistent = new Set<string>();
  private hooks: ForwardHooks<Module> | null = null;

  /** The computation; subclasses define it with their own arguments. */
  abstract forward(...args: unknown[]): unknown;

  // ---- hooks ------------------------------------------------------------------------------------

  /**
   * The hooks, installed on first use: from then on this module's forward runs through them
   * (forward pre-hooks, forward, forward hooks), as calling a torch.nn.Module does.
   */
  private forwardHooks(): ForwardHooks<Module> {
    if (!this.hooks) {
      const hooks = new ForwardHooks<Module>();
      const inner = this.forward;
      Object.defineProperty(this, 'forward', {
        value: (...args: unknown[]) => hooks.run(this, inner, args),
        writable: true,
        configurable: true,
        enumerable: false,
      });
      this.hooks = hooks;
    }
    return this.hooks;
  }

  /** register_forward_pre_hook: hook(module, args) before each forward; a returned value replaces the arguments. */
  registerForwardPreHook(hook: ForwardPreHook<this>): RemovableHandle {
    const h = this.forwardHooks();
    return h.add(h.pre, hook as ForwardPreHook<Module>);
  }

  /** register_forward_hook: hook(module, args, output) after each forward; a returned value replaces the output. */
  registerForwardHook(hook: ForwardHook<this>): RemovableHandle {
    const h = this.forwardHooks();
    return h.add(h.post, hook as ForwardHook<Module>);
  }

  /**
   * register_full_backward_hook: hook(module, gradInput, gradOutput) once the gradients of the
   * module's tensor inputs are known in backward; a returned list replaces gradInput.
   */
  registerFullBackwardHook(hook: FullBackwardHook<this>): RemovableHandle {
    const h = this.forwardHooks();
    return h.add(h.backward, hook as FullBackwardHook<Module>);
  }

  // ---- registration -----------------------------------------------------------------------

  /**
   * Registers a tensor that is state but not a parameter (running means, class weights), as
   * PyTorch's register_buffer: it is readable and assignable as `module[name]`, listed by
   * buffers() and, when persistent (the default; `false` or `{ persistent: false }` not), saved in
   * the state dict. A null buffer is skipped.
   */
  registerBuffer(name: string, tensor: Tensor | null, persistentArg: boolean | { persistent?: boolean } = true): void {
    const persistent = typeof persistentArg === 'boolean' ? persistentArg : persistentArg.persistent ?? true;
    if (!this.bufferMap.has(name)) this.defineBufferAccessor(name);
    this.bufferMap.set(name, tensor);
    if (persistent) this.nonPersistent.delete(name);
    else this.nonPersistent.add(name);
  }

  /** Makes `module[name]` read and assign the buffer `name`. */
  private defineBufferAccessor(name: string): void {
    Object.defineProperty(this, name, {
      get: () => this.bufferMap.get(name) ?? null,
      set: (t: Tensor | null) => this.bufferMap.set(name, t),
      enumerable: false,
      configurable: true,
    });
  }

  /**
   * A deep copy, as copy.deepcopy of a module: new parameters, buffers and submodules holding copies
   * of the values, the same settings (a tensor or module reached twice is copied once, so sharing
   * stays as it was). Functions and class instances other than modules, tensors, arrays, Maps and
   * Sets are shared with the original; forward hooks are not copied.
   */
  deepCopy(): this {
    return Module.copyValue(this, new Map()) as this;
  }

  /** The module part of deepCopy: own properties copied, buffer accessors and hooks rebuilt. */
  private static copyModule(m: Module, memo: Map<unknown, unknown>): Module {
    const copy = Object.create(Object.getPrototypeOf(m)) as Module;
    memo.set(m, copy);
    for (const [key, desc] of Object.entries(Object.getOwnPropertyDescriptors(m))) {
      if (!('value' in desc) || (key === 'forward' && m.hooks)) continue; // buffer accessors, the hooks' forward wrapper
      Object.defineProperty(copy, key, { ...desc, value: key === 'hooks' ? null : Module.copyValue(desc.value, memo) });
    }
    for (const name of m.bufferMap.keys()) copy.defineBufferAccessor(name);
    return copy;
  }

  /** deepCopy's copy of one value (see Module.deepCopy). */
  private static copyValue(v: unknown, memo: Map<unknown, unknown>): unknown {
    if (typeof v !== 'object' || v === null) return v;
    if (memo.has(v)) return memo.get(v);
    let out: unknown;
    if (v instanceof Module) return Module.copyModule(v, memo);
    if (v instanceof Parameter) out = new Parameter(v.detach().clone(), v.requiresGrad);
    else if (v instanceof Tensor) out = v.requiresGrad ? v.detach().clone().requiresGrad_() : v.detach().clone();
    else if (Array.isArray(v)) {
      const a: unknown[] = [];
      memo.set(v, a);
      v.forEach((x) => a.push(Module.copyValue(x, memo)));
      return a;
    } else if (v instanceof Map) {
      const m = new Map();
      memo.set(v, m);
      for (const [k, x] of v) m.set(k, Module.copyValue(x, memo));
      return m;
    } else if (v instanceof Set) out = new Set([...v].map((x) => Module.copyValue(x, memo)));
    else if (Object.getPrototypeOf(v) === Object.prototype) {
      const o: Record<string, unknown> = {};
      memo.set(v, o);
      for (const [k, x] of Object.entries(v)) o[k] = Module.copyValue(x, memo);
      return o;
    } else out = v;
    memo.set(v, out);
    return out;
  }

  /** The buffer registered under `name` (null when unset). */
  buffer(name: string): Tensor | null {
    return this.bufferMap.get(name) ?? null;
  }

  /** Registers a parameter under a name (the same as assigning it). */
  registerParameter(name: string, param: Parameter | null): void {
    (this as unknown as Record<string, unknown>)[name] = param;
  }

  /** Registers a submodule under a name (the same as assigning it). */
  registerModule(name: string, module: Module | null): void {
    (this as unknown as Record<string, unknown>)[name] = module;
  }
  addModule(name: string, module: Module | null): void {
    this.registerModule(name, module);
  }

  /**
   * The submodule at a dotted path ('' is this module), as get_submodule; a missing name or one that
   * is not a module is an error naming it.
   */
  getSubmodule(target: string): Module {
    if (target === '') return this;
    let m: Module = this;
    for (const item of target.split('.')) {
      const next = (m as unknown as Record<string, unknown>)[item];
      if (next === undefined || !Object.prototype.hasOwnProperty.call(m, item)) throw new AttributeError(`${m.constructor.name} has no attribute \`${item}\``);
      if (!(next instanceof Module)) throw new AttributeError(`\`${item}\` is not an nn.Module`);
      m = next;
    }
    return m;
  }

  private own<T>(pred: (v: unknown) => v is T): [string, T][] {
    return Object.entries(this).filter((e): e is [string, T] => pred(e[1]));
  }

  // ---- traversal -----------------------------------------------------------------------------

  namedChildren(): [string, Module][] {
    return this.own((v): v is Module => v instanceof Module);
  }
  children(): Module[] {
    return this.namedChildren().map(([, m]) => m);
  }

  /** This module and all below it, each once, with dotted names ('' for this one). */
  namedModules(prefix = '', memo = new Set<Module>()): [string, Module][] {
    if (memo.has(this)) return [];
    memo.add(this);
    const out: [string, Module][] = [[prefix, this]];
    for (const [name, m] of this.namedChildren()) out.push(...m.namedModules(prefix ? `${prefix}.${name}` : name, memo));
    return out;
  }
  modules(): Module[] {
    return this.namedModules().map(([, m]) => m);
  }

  /** Parameters with dotted names, each once (shared ones under their first name). */
  namedParameters(prefix = '', recurse = true): [string, Parameter][] {
    const seen = new Set<Tensor>();
    const out: [string, Parameter][] = [];
    const mods = recurse ? this.namedModules(prefix) : ([[prefix, this]] as [string, Module][]);
    for (const [mp, m] of mods) {
      for (const [n, p] of m.own((v): v is Parameter => v instanceof Parameter)) {
        if (seen.has(p)) continue;
        seen.add(p);
        out.push([mp ? `${mp}.${n}` : n, p]);
      }
    }
    return out;
  }
  parameters(recurse = true): Parameter[] {
    return this.namedParameters('', recurse).map(([, p]) => p);
  }

  namedBuffers(prefix = '', recurse = true): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    const mods = recurse ? this.namedModules(prefix) : ([[prefix, this]] as [string, Module][]);
    for (const [mp, m] of mods) {
      for (const [n, b] of m.bufferMap) if (b) out.push([mp ? `${mp}.${n}` : n, b]);
    }
    return out;
  }
  buffers(recurse = true): Tensor[] {
    return this.namedBuffers('', recurse).map(([, b]) => b);
  }

  /** Calls fn on every submodule (children first) and then on this one (Module.apply). */
  apply(fn: (m: Module) => void): this {
    for (const c of this.children()) c.apply(fn);
    fn(this);
    return this;
  }

  // ---- modes and gradients -----------------------------------------------------------------------

  train(mode = true): this {
    this.training = mode;
    for (const c of this.children()) c.train(mode);
    return this;
  }
  eval(): this {
    return this.train(false);
  }

  /** Sets requiresGrad on every parameter (requires_grad_), e.g. to freeze a module; returns this. */
  requiresGrad_(requiresGrad = true): this {
    for (const p of this.parameters()) p.requiresGrad = requiresGrad;
    return this;
  }

  /** Resets the gradients of all parameters: to null (setToNone) or to zero, as PyTorch 1.13 by default. */
  zeroGrad(opts: { setToNone?: boolean } = {}): void {
    for (const p of this.parameters()) {
      if (!p.grad) continue;
      if (opts.setToNone) p.grad = null;
      else noGrad(() => p.grad!.detach_().zero_());
    }
  }

  /**
   * Casts floating parameters and buffers in place (Module.to(dtype), double(), float());
   * to('cpu') or to(torch.device('cpu')) leaves the module as it is (the CPU is the only device).
   */
  to(dtypeOrDevice: DType | DeviceLike): this {
    if (isDeviceSpec(dtypeOrDevice)) {
      device(dtypeOrDevice);
      return this;
    }
    const dtype = dtypeOrDevice;
    for (const t of [...this.parameters(), ...this.buffers()]) {
      if (isFloating(t.dtype)) t.array = t.to(dtype).array;
    }
    return this;
  }
  double(): this {
    return this.to('float64');
  }
  float(): this {
    return this.to('float32');
  }

  // ---- state -------------------------------------------------------------------------------------------

  /** Parameters and persistent buffers by PyTorch's keys, as detached tensors sharing storage. */
  stateDict(): StateDict {
    const sd: StateDict = {};
    const visit = (m: Module, prefix: string) => {
      for (const [n, p] of m.own((v): v is Parameter => v instanceof Parameter)) sd[prefix + n] = p.detach();
      for (const [n, b] of m.bufferMap) if (b && !m.nonPersistent.has(n)) sd[prefix + n] = b.detach();
      for (const [n, c] of m.namedChildren()) visit(c, `${prefix}${n}.`);
    };
    visit(this, '');
    return sd;
  }

  /**
   * Copies values from a state dict into the parameters and buffers (shapes must match). With
   * strict (the default) missing or unexpected keys are an error listing them, as PyTorch's.
   */
  loadStateDict(sd: StateDict | Map<string, Tensor>, opts: { strict?: boolean } = {}): LoadResult {
    const strict = opts.strict ?? true;
    const entries = sd instanceof Map ? sd : new Map(Object.entries(sd));
    const own = this.stateDict();
    const missingKeys = Object.keys(own).filter((k) => !entries.has(k));
    const unexpectedKeys = [...entries.keys()].filter((k) => !Object.prototype.hasOwnProperty.call(own, k)); // 'toString' is not a key of own
    const errors: string[] = [];
    // PyTorch's order: missing keys, unexpected keys, then each size mismatch
    if (strict) {
      if (missingKeys.length) errors.push(`Missing key(s) in state_dict: ${missingKeys.map((k) => `"${k}"`).join(', ')}. `);
      if (unexpectedKeys.length) errors.push(`Unexpected key(s) in state_dict: ${unexpectedKeys.map((k) => `"${k}"`).join(', ')}. `);
    }
    for (const [k, target] of Object.entries(own)) {
      const src = entries.get(k);
      if (!src) continue;
      if (!(src instanceof Tensor)) {
        errors.push(`While copying the parameter named "${k}", expected a Tensor in the state_dict but got ${typeof src}.`);
        continue;
      }
      if (src.ndim !== target.ndim || src.shape.some((s, i) => s !== target.shape[i])) {
        errors.push(`size mismatch for ${k}: copying a param with shape ${formatSize(src.shape)} from checkpoint, the shape in current model is ${formatSize(target.shape)}.`);
      }
    }
    if (errors.length) {
      throw new ShapeError(`Error(s) in loading state_dict for ${this.constructor.name}:\n\t${errors.join('\n\t')}`);
    }
    noGrad(() => {
      for (const [k, target] of Object.entries(own)) {
        const src = entries.get(k);
        if (src) target.copy_(src);
      }
    });
    return { missingKeys, unexpectedKeys };
  }

  // ---- printing ----------------------------------------------------------------------------------------

  /** The layer's own settings in its repr, e.g. '3, 6, kernel_size=(5, 5), stride=(1, 1)'. */
  extraRepr(): string {
    return '';
  }

  /** PyTorch's repr: Name(extra) or Name(\n  (child): ...\n). */
  toString(): string {
    const extra = this.extraRepr();
    const lines = extra ? extra.split('\n') : [];
    for (const [name, m] of this.namedChildren()) lines.push(`(${name}): ${addIndent(m.toString(), 2)}`);
    const name = this.constructor.name;
    if (lines.length === 0) return `${name}()`;
    if (lines.length === 1 && this.namedChildren().length === 0) return `${name}(${lines[0]})`;
    return `${name}(\n  ${lines.join('\n  ')}\n)`;
  }
  [inspect.custom](): string {
    return this.toString();
  }
}

