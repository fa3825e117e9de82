/**
 * Kernel recording for torch.compile (as tinygrad's TinyJit captures the kernels a function
 * runs): `recordKernels(fn)` runs `fn` once with every backend call going through a recording
 * proxy and its float32 arrays drawn from a storage pool the tape keeps to itself. The tape is the
 * list of what that run did to memory, in order: each backend call with its very arguments, each
 * array JavaScript initialised (zeros, constants) and each live step (random draws, `.grad`
 * bookkeeping, optimizer updates; see capture.ts). `replay()` does it all again on the same
 * arrays, so the same kernels see the same addresses and give the same bits as the eager run,
 * without the JavaScript that chose them.
 */
import { CaptureSink, setCaptureSink } from '../capture';
import type { TypedArray } from '../dtype';
import { pooledScope, StoragePool, unpooled } from '../pooled_storage';
import { backend, setBackend } from './index';
import type { Backend } from './backend';

type Step = () => void;

/** A kernel of the tape reported a different result than when it was recorded (an index out of range). */
export class ReplayError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReplayError';
  }
}

export class KernelTape implements CaptureSink {
  readonly steps: Step[] = [];
  /** Why the run cannot be replayed ("it reads a tensor value in JavaScript (item())"), or null. */
  broken: string | null = null;
  /** Checks of the state outside tensors the run depended on (see CaptureSink.guard). */
  readonly guards: (() => boolean)[] = [];
  private readonly guarded = new WeakSet<object>();
  private lastInit: { data: TypedArray; at: number } | null = null;
  private depth = 0;

  constructor(readonly real: Backend, readonly pool: (StoragePool & { dispose(): void }) | null) {}

  initialized(data: TypedArray, zero: boolean): void {
    // a fill after the allocation's zeroing replaces it
    const at = this.lastInit?.data === data ? this.lastInit.at : this.steps.length;
    this.steps[at] = zero ? () => data.fill(0) : restore(data);
    this.lastInit = { data, at };
  }

  live<T>(fn: () => T): T {
    const sink = setCaptureSink(null);
    const proxy = backend();
    setBackend(this.real);
    try {
      return unpooled(fn);
    } finally {
      setBackend(proxy);
      setCaptureSink(sink);
      this.steps.push(fn);
      this.lastInit = null;
    }
  }

  read(why: string): void {
    this.broken ??= why;
  }

  guard(owner: object, holds: () => boolean): void {
    if (this.guarded.has(owner)) return;
    this.guarded.add(owner);
    this.guards.push(holds);
  }

  /** True while every guard holds: the recorded run is still the run the function would make. */
  holds(): boolean {
    for (const g of this.guards) if (!g()) return false;
    return true;
  }

  /** The recording view of the real backend: each call runs and is kept with its arguments. */
  proxy(): Backend {
    const tape = this;
    return new Proxy(this.real, {
      get(target, prop) {
        if (prop === 'storagePool') return tape.pool ?? undefined;
        const v = (target as unknown as Record<string | symbol, unknown>)[prop];
        if (typeof v !== 'function' || prop === 'planStoragePool') return v;
        const method = v as (...args: unknown[]) => unknown;
        return (...args: unknown[]) => {
          if (tape.depth > 0) return method.apply(target, args);
          tape.depth++;
          const sink = setCaptureSink(null);
          let r: unknown;
          try {
            r = method.apply(target, args);
          } finally {
            setCaptureSink(sink);
            tape.depth--;
          }
          tape.kernel(target, method, String(prop), args, r);
          return r;
        };
      },
    });
  }

  private kernel(target: Backend, method: (...args: unknown[]) => unknown, name: string, args: unknown[], r: unknown): void {
    this.lastInit = null;
    if (r === undefined) {
      this.steps.push(() => void method.apply(target, args));
      return;
    }
    this.steps.push(() => {
      const now = method.apply(target, args);
      if (now !== r) throw new ReplayError(`torch.compile: the kernel '${name}' of a compiled plan reported ${String(now)} where its recording reported ${String(r)} (an index out of range in this run's inputs); run the function eagerly to see the error`);
    });
  }

  /** Runs the recorded steps again. */
  replay(): void {
    const steps = this.steps;
    for (let i = 0; i < steps.length; i++) steps[i]();
  }

  /** Gives the tape's storage back; the tape must not be replayed afterwards. */
  dispose(): void {
    this.pool?.dispose();
    this.steps.length = 0;
  }
}

function restore(data: TypedArray): Step {
  const snapshot = data.slice();
  let uniform = snapshot.length > 0;
  for (let i = 1; i < snapshot.length && uniform; i++) uniform = Object.is(snapshot[i], snapshot[0]);
  if (uniform) {
    const v = snapshot[0];
    return () => data.fill(v);
  }
  return () => data.set(snapshot);
}

/**
 * Runs `fn` once, eagerly, recording it: every backend call, JavaScript initialisation and live
 * step goes on the returned tape, and float32 arrays come from a storage pool of the tape's own
 * (when the backend has one), so nothing else ever reuses their memory.
 */
export function recordKernels<T>(fn: () => T): { result: T; tape: KernelTape } {
  const real = backend();
  const tape = new KernelTape(real, real.planStoragePool?.() ?? null);
  const sink = setCaptureSink(tape);
  setBackend(tape.proxy());
  try {
    const result = pooledScope(() => fn());
    return { result, tape };
  } catch (e) {
    tape.dispose();
    throw e;
  } finally {
    setBackend(real);
    setCaptureSink(sink);
  }
}
