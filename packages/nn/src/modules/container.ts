/**
 * Containers: Sequential, ModuleList and ModuleDict, naming children as PyTorch does ('0', '1', ...
 * or the given keys). They are typed by the modules they hold, so a Sequential built from a list of
 * modules has its first module's input type and its last module's output type.
 */
import { IndexError } from '@cresset/tensor';
import { Module } from '../module';

/** The type a module's forward takes as its first argument. */
export type ModuleInput<M extends Module> = Parameters<M['forward']>[0];
/** The type a module's forward returns. */
export type ModuleOutput<M extends Module> = ReturnType<M['forward']>;

/** What running modules Ms in order takes: the first one's input (unknown when Ms is not a tuple). */
export type SequentialInput<Ms extends readonly Module[]> = Ms extends readonly [infer F extends Module, ...Module[]] ? ModuleInput<F> : unknown;
/** What running modules Ms in order returns: the last one's output (unknown when Ms is not a tuple). */
export type SequentialOutput<Ms extends readonly Module[]> = Ms extends readonly [...Module[], infer L extends Module] ? ModuleOutput<L> : unknown;

/** Children '0', '1', ... in order: length, at(i) (negative counts from the end), iteration. */
abstract class IndexedContainer<M extends Module> extends Module {
  get length(): number {
    return this.children().length;
  }
  /** The i-th module (negative counts from the end). */
  at(i: number): M {
    const c = this.items();
    const j = i < 0 ? i + c.length : i;
    if (j < 0 || j >= c.length) throw new IndexError(`index ${i} is out of range for ${this.constructor.name} of length ${c.length}`);
    return c[j];
  }
  [Symbol.iterator](): Iterator<M> {
    return this.items()[Symbol.iterator]();
  }
  /** Registers m as the next child, named by its position. */
  protected push(m: Module): void {
    this.registerModule(String(this.children().length), m);
  }
  /** The children, which only push() and the constructor register, so all are Ms. */
  private items(): M[] {
    return this.children() as M[];
  }
}

/** Runs its modules in order, each on the previous one's output (forward typed from first input to last output). */
export class Sequential<Ms extends readonly Module[] = Module[]> extends IndexedContainer<Ms[number]> {
  /** new Sequential(a, b, c), or new Sequential({ conv: a, relu: b }) with the modules under those names. */
  constructor(...modules: Ms);
  constructor(modules: Record<string, Module>);
  constructor(...modules: Module[] | [Record<string, Module>]) {
    super();
    const [first] = modules;
    if (modules.length === 1 && !(first instanceof Module)) {
      for (const [k, m] of Object.entries(first)) this.registerModule(k, m);
    } else for (const m of modules) if (m instanceof Module) this.push(m);
  }
  /** Adds m at the end; the same Sequential, typed with m as its last module. */
  append<M extends Module>(m: M): Sequential<readonly [...Ms, M]> {
    this.push(m);
    // the same object, whose last module (and so output type) is now m
    return this as unknown as Sequential<readonly [...Ms, M]>;
  }
  forward(x: SequentialInput<Ms>): SequentialOutput<Ms> {
    let y: unknown = x;
    for (const m of this.children()) y = m.forward(y);
    return y as SequentialOutput<Ms>;
  }
}

/** A list of modules registered as children '0', '1', ... */
export class ModuleList<M extends Module = Module> extends IndexedContainer<M> {
  constructor(modules: readonly M[] = []) {
    super();
    this.extend(modules);
  }
  append(m: M): this {
    this.push(m);
    return this;
  }
  extend(ms: readonly M[]): this {
    ms.forEach((m) => this.push(m));
    return this;
  }
  forward(): never {
    throw new IndexError('ModuleList is not callable: call the modules it holds');
  }
}

/** Modules by name; iterating gives the keys, as PyTorch's ModuleDict. */
export class ModuleDict<M extends Module = Module> extends Module {
  constructor(modules: Readonly<Record<string, M>> = {}) {
    super();
    for (const [k, m] of Object.entries(modules)) this.registerModule(k, m);
  }
  get(key: string): M | undefined {
    return this.items().find(([k]) => k === key)?.[1];
  }
  set(key: string, m: M): void {
    this.registerModule(key, m);
  }
  keys(): string[] {
    return this.items().map(([k]) => k);
  }
  values(): M[] {
    return this.items().map(([, m]) => m);
  }
  /** [key, module] pairs in insertion order. */
  items(): [string, M][] {
    return this.namedChildren() as [string, M][];
  }
  [Symbol.iterator](): Iterator<string> {
    return this.keys()[Symbol.iterator]();
  }
  forward(): never {
    throw new IndexError('ModuleDict is not callable: call the modules it holds');
  }
}
