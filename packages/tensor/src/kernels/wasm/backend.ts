/**
 * The wasm backend: GEMM, im2col and col2im run as WebAssembly SIMD kernels on float32 data;
 * every other operation, and other dtypes (whose results must stay exact or double precision),
 * go to the reference backend.
 */
import type { TypedArray } from '../../dtype';
import type { Backend, ConvGeometry } from '../backend';
import { referenceBackend } from '../reference';
import { getNumThreads, Task, ThreadPool } from '../threads';
import { gemmTasks } from './parallel';
import type { WasmRuntime } from './runtime';
import { OutputMatrix, stageMatrix, stageRange } from './staging';

const GEOM_INTS = 19;

/** Writes the geometry as the kernels' 3-d block (leading unit dims for 1-d and 2-d), or null past 3-d. */
function stageGeometry(rt: WasmRuntime, g: ConvGeometry): number | null {
  const nd = g.inSize.length;
  if (nd < 1 || nd > 3) return null;
  const pad = (v: readonly number[], fill: number) => [...new Array<number>(3 - nd).fill(fill), ...v];
  const ptr = rt.alloc(GEOM_INTS * 4);
  rt.i32.set([g.channels, ...pad(g.inSize, 1), ...pad(g.kernel, 1), ...pad(g.outSize, 1),
    ...pad(g.stride, 1), ...pad(g.padding, 0), ...pad(g.dilation, 1)], ptr >> 2);
  return ptr;
}

const prod = (v: readonly number[]) => v.reduce((a, b) => a * b, 1);

/** The wasm backend over one runtime, running kernels on up to getNumThreads() threads. */
export function createWasmBackend(rt: WasmRuntime): Backend {
  const k = rt.exports;
  const pool = new ThreadPool(rt);
  const packs: number[] = [];
  const runHere = (t: Task) => (k[t.op] as (...args: number[]) => void)(...t.args);

  /** Matches the pool and the per-thread packing scratch to the thread count (between calls only). */
  function threads(): number {
    const n = getNumThreads();
    while (packs.length < n) packs.push(rt.persistent(k.gemmScratchBytes()));
    return n;
  }

  function run(tasks: Task[]): void {
    if (tasks.length === 1) return runHere(tasks[0]);
    if (pool.threads !== getNumThreads()) pool.resize(getNumThreads());
    pool.run(tasks, runHere);
  }

  function gemm(
    M: number, N: number, K: number,
    A: TypedArray, aOff: number, aRs: number, aCs: number,
    B: TypedArray, bOff: number, bRs: number, bCs: number,
    C: TypedArray, cOff: number, ldc: number, accumulate: boolean,
  ): void {
    if (!(A instanceof Float32Array && B instanceof Float32Array && C instanceof Float32Array)) {
      referenceBackend.gemm(M, N, K, A, aOff, aRs, aCs, B, bOff, bRs, bCs, C, cOff, ldc, accumulate);
      return;
    }
    if (M === 0 || N === 0) return;
    const n = threads();
    rt.scoped(() => {
      const a = stageMatrix(rt, A, aOff, M, K, aRs, aCs);
      const b = stageMatrix(rt, B, bOff, K, N, bRs, bCs);
      const c = new OutputMatrix(rt, C, cOff, M, N, ldc, accumulate);
      run(gemmTasks(n, packs, M, N, K, a.ptr, a.rs, a.cs, b.ptr, b.rs, b.cs, c.ptr, c.ld, accumulate));
      c.commit();
    });
  }

  function im2col(g: ConvGeometry, src: TypedArray, srcOff: number, cols: TypedArray): void {
    rt.scoped(() => {
      const geom = src instanceof Float32Array && cols instanceof Float32Array ? stageGeometry(rt, g) : null;
      if (geom === null) return referenceBackend.im2col(g, src, srcOff, cols);
      const img = stageRange(rt, src as Float32Array, srcOff, g.channels * prod(g.inSize));
      const n = g.channels * prod(g.kernel) * prod(g.outSize);
      const out = new OutputMatrix(rt, cols as Float32Array, 0, 1, n, n, false);
      k.im2col(geom, img, out.ptr);
      out.commit();
    });
  }

  function col2im(g: ConvGeometry, cols: TypedArray, dst: TypedArray, dstOff: number): void {
    rt.scoped(() => {
      const geom = cols instanceof Float32Array && dst instanceof Float32Array ? stageGeometry(rt, g) : null;
      if (geom === null) return referenceBackend.col2im(g, cols, dst, dstOff);
      const c = stageRange(rt, cols as Float32Array, 0, g.channels * prod(g.kernel) * prod(g.outSize));
      const n = g.channels * prod(g.inSize);
      const img = new OutputMatrix(rt, dst as Float32Array, dstOff, 1, n, n, true);
      k.col2im(geom, c, img.ptr);
      img.commit();
    });
  }

  return { ...referenceBackend, name: `wasm-${rt.variant}`, gemm, im2col, col2im };
}
