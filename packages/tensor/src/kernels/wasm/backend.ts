/**
 * The wasm backend: GEMM, im2col, col2im, batched and direct convolution, pooling, batch norm, the SGD update, reductions down
 * an axis and the hot elementwise ops run as WebAssembly SIMD kernels on float32 data; every other operation, and other dtypes
 * (whose results must stay exact or double precision), go to the reference backend.
 */
import type { TypedArray } from '../../dtype';
import type { Backend, ConvGeometry } from '../backend';
import { referenceBackend } from '../reference';
import { prod, WasmContext } from './context';
import { createConvKernels } from './conv';
import { createElementwiseKernels } from './elementwise';
import { createNormalizeKernels } from './normalize';
import { createSgdKernels } from './sgd';
import { gemmTasks } from './parallel';
import { createPoolKernels } from './pool';
import { createReduceKernels } from './reduce';
import type { WasmRuntime } from './runtime';
import { OutputMatrix, stageMatrix, stageRange } from './staging';
import { PlanMemory, PlanStoragePool, WasmStoragePool } from './storage_pool';

/** The wasm backend over one runtime, running kernels on up to getNumThreads() threads. */
export function createWasmBackend(rt: WasmRuntime): Backend {
  const ctx = new WasmContext(rt);
  const k = ctx.k;

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
    ctx.scoped((n) => {
      const a = stageMatrix(rt, A, aOff, M, K, aRs, aCs);
      const b = stageMatrix(rt, B, bOff, K, N, bRs, bCs);
      const c = new OutputMatrix(rt, C, cOff, M, N, ldc, accumulate);
      ctx.run(gemmTasks(n, ctx.packs, M, N, K, a.ptr, a.rs, a.cs, b.ptr, b.rs, b.cs, c.ptr, c.ld, accumulate));
      c.commit();
    });
  }

  function im2col(g: ConvGeometry, src: TypedArray, srcOff: number, cols: TypedArray): void {
    ctx.scoped(() => {
      const geom = src instanceof Float32Array && cols instanceof Float32Array ? ctx.stageGeometry(g) : null;
      if (geom === null) return referenceBackend.im2col(g, src, srcOff, cols);
      const img = stageRange(rt, src as Float32Array, srcOff, g.channels * prod(g.inSize));
      const n = g.channels * prod(g.kernel) * prod(g.outSize);
      const out = new OutputMatrix(rt, cols as Float32Array, 0, 1, n, n, false);
      k.im2col(geom, img, out.ptr);
      out.commit();
    });
  }

  function col2im(g: ConvGeometry, cols: TypedArray, dst: TypedArray, dstOff: number): void {
    ctx.scoped(() => {
      const geom = cols instanceof Float32Array && dst instanceof Float32Array ? ctx.stageGeometry(g) : null;
      if (geom === null) return referenceBackend.col2im(g, cols, dst, dstOff);
      const c = stageRange(rt, cols as Float32Array, 0, g.channels * prod(g.kernel) * prod(g.outSize));
      const n = g.channels * prod(g.inSize);
      const img = new OutputMatrix(rt, dst as Float32Array, dstOff, 1, n, n, true);
      k.col2im(geom, c, img.ptr);
      img.commit();
    });
  }

  const planMemory = new PlanMemory(rt);
  const planStoragePool = () => new PlanStoragePool(planMemory);
  return { ...referenceBackend, name: `wasm-${rt.variant}`, storagePool: new WasmStoragePool(rt), planStoragePool, gemm, im2col, col2im,
    ...createConvKernels(ctx), ...createElementwiseKernels(ctx), ...createPoolKernels(ctx), ...createReduceKernels(ctx), ...createNormalizeKernels(ctx), ...createSgdKernels(ctx) };
}
