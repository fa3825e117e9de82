/**
 * A function under torch.compile: plans cached per guard key. For each key the first call runs
 * eagerly (to see whether its result needs an autograd graph, and to move the parameters it reads
 * into the kernels' memory: residency.ts), the next runs eagerly while it is
 * recorded, and later calls replay a plan whose guards hold, recording another when none does. The key holds what decides which kernels a run
 * makes: the arguments' shapes, dtypes and requires_grad (and the values of other arguments),
 * grad mode and the backend. The plan itself checks that the parameters and buffers it reads
 * still have their arrays and that the modules whose training flag the run read still have it.
 */
import { backwardPasses, isGradEnabled } from '@cresset/autograd';
import * as T from '@cresset/tensor';
import { Plan } from './plan';
import { runAndMoveResident } from './residency';
import { structureKey, tensorLeaves } from './tensor_tree';

/** The options of torch.compile, with PyTorch's names. */
export interface CompileOptions {
  /** Throw, instead of running eagerly, when a function cannot be planned (PyTorch's fullgraph). */
  fullgraph?: boolean;
  /**
   * 'cresset' (the default: planned execution on cresset's kernels; PyTorch's default name
   * 'inductor' means the same) or 'onnxruntime' (also 'onnxrt', PyTorch's name: inference through
   * onnxruntime-node; modules only).
   */
  backend?: 'cresset' | 'inductor' | 'onnxruntime' | 'onnxrt';
  /** PyTorch's modes; a cresset plan is the same in each (they are accepted so ported calls type-check). */
  mode?: 'default' | 'reduce-overhead' | 'max-autotune' | 'max-autotune-no-cudagraphs';
  /** Plans are per input shape (PyTorch's dynamic=False); true is refused, as cresset does not plan symbolic shapes. */
  dynamic?: boolean | null;
  /** Plans kept at once; the least recently used is dropped past it (8). */
  cacheSize?: number;
}

/** A function cannot be compiled under { fullgraph: true }. */
export class CompileError extends T.CressetError {
  constructor(message: string) {
    super(message);
    this.name = 'CompileError';
  }
}

/** Plans kept per key, for runs that differ in modules' training flags. */
const PLANS_PER_KEY = 4;

interface Entry {
  calls: number;
  plans: Plan[];
  /** Why this key runs eagerly, once it is known. */
  eager: string | null;
}

/** What a compiled function's calls did, counted over all its guard keys. */
export interface CompileStats {
  /** Calls run eagerly (each key's first call, and keys that cannot be planned). */
  eager: number;
  /** Calls recorded into a plan. */
  recorded: number;
  /** Calls that replayed a plan. */
  replayed: number;
}

export class CompiledFunction {
  private readonly entries = new Map<string, Entry>();
  private warned = false;
  /** How many calls ran eagerly, were recorded and replayed. */
  readonly stats: CompileStats = { eager: 0, recorded: 0, replayed: 0 };

  constructor(private readonly fn: (...args: unknown[]) => unknown, private readonly opts: CompileOptions = {}, private readonly name = fn.name || 'function') {}

  /** Runs the function: eagerly, recording, or replaying its plan, as described above. */
  call(args: unknown[]): unknown {
    const key = T.capturing() ? null : this.key(args);
    if (key === null) return this.eager(args);
    let e = this.entries.get(key);
    if (e) {
      // most recently used last
      this.entries.delete(key);
      this.entries.set(key, e);
    } else {
      e = { calls: 0, plans: [], eager: null };
      this.entries.set(key, e);
      this.evict();
    }
    // a plan whose parameters were given new arrays is gone for good; a training flag may come back
    e.plans = e.plans.filter((p) => p.current() || (p.dispose(), false));
    const ready = e.plans.find((p) => p.holds());
    if (ready) {
      this.stats.replayed++;
      return ready.run(args);
    }
    if (e.eager !== null) {
      if (this.opts.fullgraph) this.refuse(e, e.eager);
      return this.eager(args);
    }
    if (e.calls++ === 0) {
      if (tensorLeaves(args).some((t) => t.requiresGrad)) {
        this.refuse(e, 'an argument requires grad (a plan reads its arguments\' values, not their gradients)');
        return this.eager(args);
      }
      const passes = backwardPasses();
      this.stats.eager++;
      const result = runAndMoveResident(this.fn, args);
      if (backwardPasses() === passes && tensorLeaves(result).some((t) => t.requiresGrad)) {
        this.refuse(e, 'its result requires grad and it runs no backward pass, so the caller needs an autograd graph, which a plan does not build (compile the whole training step instead)');
      }
      return result;
    }
    this.stats.recorded++;
    const { result, plan, reason } = Plan.record(this.fn, args);
    if (reason) this.refuse(e, reason);
    if (plan) e.plans.push(plan);
    if (e.plans.length > PLANS_PER_KEY) e.plans.shift()!.dispose();
    return result;
  }

  private eager(args: unknown[]): unknown {
    this.stats.eager++;
    return this.fn(...args);
  }

  /** Drops every plan (their storage goes back for later plans). */
  reset(): void {
    for (const e of this.entries.values()) for (const p of e.plans) p.dispose();
    this.entries.clear();
  }

  private key(args: unknown[]): string | null {
    const a = structureKey(args);
    if (a === null) return null;
    return `${a}|${isGradEnabled() ? 'grad' : 'nograd'}|${T.backend().name}`;
  }

  private refuse(e: Entry, why: string): void {
    e.eager = why;
    const msg = `torch.compile: ${this.name} runs eagerly: ${why}`;
    if (this.opts.fullgraph) throw new CompileError(`${msg} (fullgraph: true)`);
    if (!this.warned) {
      this.warned = true;
      process.emitWarning(msg, 'CompileWarning');
    }
  }

  private evict(): void {
    const limit = this.opts.cacheSize ?? 8;
    while (this.entries.size > limit) {
      const [k, e] = this.entries.entries().next().value as [string, Entry];
      for (const p of e.plans) p.dispose();
      this.entries.delete(k);
    }
  }
}
