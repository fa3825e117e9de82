/**
 * What the wasm backend's kernels share: the runtime, the thread pool with one GEMM packing
 * buffer per thread, and writing a convolution geometry into the arena.
 */
import type { ConvGeometry } from '../backend';
import { getNumThreads, Task, ThreadPool } from '../threads';
import { GEOMETRY_FIELDS } from './kernel_exports';
import type { KernelExports, WasmRuntime } from './runtime';

export const prod = (v: readonly number[]) => v.reduce((a, b) => a * b, 1);

export class WasmContext {
  readonly k: KernelExports;
  /** GEMM packing scratch of thread i (the calling thread is 0). */
  readonly packs: number[] = [];
  private readonly pool: ThreadPool;

  constructor(readonly rt: WasmRuntime) {
    this.k = rt.exports;
    this.pool = new ThreadPool(rt);
  }

  /**
   * Runs one backend call: `fn` gets the thread count (each thread has its packing buffer) and
   * may take arena scratch, all handed back when it returns.
   */
  scoped<T>(fn: (threads: number) => T): T {
    const n = getNumThreads();
    while (this.packs.length < n) this.packs.push(this.rt.persistent(this.k.gemmScratchBytes()));
    return this.rt.scoped(() => fn(n));
  }

  /** Runs the tasks, the first on this thread and the others on workers, and returns when all are done. */
  run(tasks: readonly Task[]): void {
    if (tasks.length === 1) return this.runHere(tasks[0]);
    if (this.pool.threads !== getNumThreads()) this.pool.resize(getNumThreads());
    this.pool.run(tasks, (t) => this.runHere(t));
  }

  private runHere(t: Task): void {
    (this.k[t.op] as (...args: number[]) => void)(...t.args);
  }

  /** Writes the geometry as the kernels' block (GEOMETRY_FIELDS; leading unit dims for 1-d and 2-d), or null past 3-d. */
  stageGeometry(g: ConvGeometry): number | null {
    const nd = g.inSize.length;
    if (nd < 1 || nd > 3) return null;
    const ptr = this.rt.alloc(GEOMETRY_FIELDS.length * 4);
    const i32 = this.rt.i32;
    const base = ptr >>> 2;
    for (let f = 0; f < FIELD_SOURCES.length; f++) {
      const [key, axis, fill] = FIELD_SOURCES[f];
      if (key === 'channels') i32[base + f] = g.channels;
      else i32[base + f] = axis < 3 - nd ? fill : g[key][axis - (3 - nd)];
    }
    return ptr;
  }
}

type SizeKey = 'inSize' | 'kernel' | 'outSize' | 'stride' | 'padding' | 'dilation';

/**
 * Where each field of GEOMETRY_FIELDS comes from: the ConvGeometry key, the axis among depth,
 * height and width, and the value of an axis a 1-d or 2-d geometry lacks.
 */
const FIELD_SOURCES: readonly (['channels', 0, 0] | [SizeKey, number, number])[] = GEOMETRY_FIELDS.map((name) => {
  if (name === 'channels') return ['channels', 0, 0] as ['channels', 0, 0];
  const prefix = name.slice(0, -1);
  const key = ({ in: 'inSize', kernel: 'kernel', out: 'outSize', stride: 'stride', padding: 'padding', dilation: 'dilation' } as Record<string, SizeKey>)[prefix];
  if (!key) throw new Error(`GEOMETRY_FIELDS: no ConvGeometry size for field ${name}`);
  return [key, 'DHW'.indexOf(name.slice(-1)), key === 'padding' ? 0 : 1] as [SizeKey, number, number];
});
