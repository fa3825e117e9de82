/** Containers: Sequential, ModuleList and ModuleDict, naming children as PyTorch does ('0', '1', ... or the given keys). */
import { IndexError } from '@cresset/tensor';
import { Module } from '../module';

/** Runs its modules in order, each on the previous one's output. */
export class Sequential extends Module {
  /** new Sequential(a, b, c) or new Sequential({ conv: a, relu: b }). */
  constructor(...modules: Module[] | [Record<string, Module>]) {
    super();
    if (modules.length === 1 && !(modules[0] instanceof Module)) {
      for (const [k, m] of Object.entries(modules[0] as Record<string, Module>)) this.registerModule(k, m);
    } else (modules as Module[]).forEach((m, i) => this.registerModule(String(i), m));
  }
  get length(): number {
    return this.children().length;
  }
  /** The i-th module (negative counts from the end). */
  at(i: number): Module {
    const c = this.children();
    const j = i < 0 ? i + c.length : i;
    if (j < 0 || j >= c.length) throw new IndexError(`index ${i} is out of range for Sequential of length ${c.length}`);
    return c[j];
  }
  append(m: Module): this {
    this.registerModule(String(this.children().length), m);
    return this;
  }
  forward(x: unknown): unknown {
    let y = x;
    for (const m of this.children()) y = m.forward(y);
    return y;
  }
  [Symbol.iterator](): Iterator<Module> {
    return this.children()[Symbol.iterator]();
  }
}

/** A list of modules registered as children '0', '1', ... */
export class ModuleList extends Module {
  constructor(modules: Module[] = []) {
    super();
    modules.forEach((m) => this.append(m));
  }
  get length(): number {
    return this.children().length;
  }
  at(i: number): Module {
    const c = this.children();
    const j = i < 0 ? i + c.length : i;
    if (j < 0 || j >= c.length) throw new IndexError(`index ${i} is out of range for ModuleList of length ${c.length}`);
    return c[j];
  }
  append(m: Module): this {
    this.registerModule(String(this.children().length), m);
    return this;
  }
  extend(ms: Module[]): this {
    ms.forEach((m) => this.append(m));
    return this;
  }
  forward(): never {
    throw new IndexError('ModuleList is not callable: call the modules it holds');
  }
  [Symbol.iterator](): Iterator<Module> {
    return this.children()[Symbol.iterator]();
  }
}

/** Modules by name. */
export class ModuleDict extends Module {
  constructor(modules: Record<string, Module> = {}) {
    super();
    for (const [k, m] of Object.entries(modules)) this.registerModule(k, m);
  }
  get(key: string): Module | undefined {
    return this.namedChildren().find(([k]) => k === key)?.[1];
  }
  set(key: string, m: Module): void {
    this.registerModule(key, m);
  }
  keys(): string[] {
    return this.namedChildren().map(([k]) => k);
  }
  forward(): never {
    throw new IndexError('ModuleDict is not callable: call the modules it holds');
  }
}
