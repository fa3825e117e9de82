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
    const dhw = (name: string, v: readonly number[], fill: number) => {
      const full = [...new Array<number>(3 - nd).fill(fill), ...v];
      return { [`${name}D`]: full[0], [`${name}H`]: full[1], [`${name}W`]: full[2] };
    };
    const fields: Record<string, number> = { channels: g.channels, ...dhw('in', g.inSize, 1), ...dhw('kernel', g.kernel, 1), ...dhw('out', g.outSize, 1),
      ...dhw('stride', g.stride, 1), ...dhw('padding', g.padding, 0), ...dhw('dilation', g.dilation, 1) };
    const ptr = this.rt.alloc(GEOMETRY_FIELDS.length * 4);
    this.rt.i32.set(GEOMETRY_FIELDS.map((f) => fields[f]), ptr >> 2);
    return ptr;
  }
}
