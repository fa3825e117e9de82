/**
 * Reductions on the wasm kernels (assembly/reduce.ts), float32 only: down a middle axis, the
 * units (slab, block of columns) shared out over the threads, and sums, means and variances over
 * all but a middle axis, the kept entries shared out; each result computed by one thread.
 */
import type { TypedArray } from '../../dtype';
import type { AxisReduceOp, Backend, ReduceOp } from '../backend';
import { referenceBackend } from '../reference';
import type { WasmContext } from './context';
import { blocks, taskCount } from './parallel';
import { OutputMatrix, stageRange } from './staging';

/** Op codes of reduceAxisF32, by position. */
const OPS: readonly AxisReduceOp[] = ['sum', 'mean', 'max', 'min'];
/** Columns per unit (assembly/reduce.ts COLUMNS). */
const COLUMNS = 1024;

/** Op codes of reduceKeptF32, by position. */
const KEPT_OPS: readonly ReduceOp[] = ['sum', 'mean', 'var'];

export function createReduceKernels(ctx: WasmContext): Pick<Backend, 'reduceAxis' | 'reduce'> {
  const { rt, k: kx } = ctx;

  function reduceAxis(op: AxisReduceOp, src: TypedArray, offset: number, outer: number, k: number, inner: number, out: TypedArray): void {
    if (!(src instanceof Float32Array && out instanceof Float32Array) || k === 0) {
      return referenceBackend.reduceAxis(op, src, offset, outer, k, inner, out);
    }
    ctx.scoped((threads) => {
      const sp = stageRange(rt, src, offset, outer * k * inner);
      const o = new OutputMatrix(rt, out, 0, 1, outer * inner, outer * inner, false);
      const units = outer * Math.ceil(inner / COLUMNS);
      const parts = taskCount(threads, outer * k * inner, units);
      const scratch = kx.reduceAxisScratchBytes();
      ctx.run(blocks(units, parts, 1).map(([u0, n]) => ({ op: 'reduceAxisF32', args: [OPS.indexOf(op), sp, k, inner, o.ptr, u0, u0 + n, rt.alloc(scratch)] })));
      o.commit();
    });
  }

  /** Sums, means and variances of float32 on the wasm kernel (one k per thread at a time, so the same bits); the rest on the reference backend. */
  function reduce(op: ReduceOp, src: TypedArray, offset: number, A: number, K: number, B: number, out: TypedArray, correction = 1): void {
    const code = KEPT_OPS.indexOf(op);
    if (code < 0 || !(src instanceof Float32Array && out instanceof Float32Array) || !Number.isInteger(correction) || K === 0) {
      return referenceBackend.reduce(op, src, offset, A, K, B, out, correction);
    }
    ctx.scoped((threads) => {
      const sp = stageRange(rt, src, offset, A * K * B);
      const o = new OutputMatrix(rt, out, 0, 1, K, K, false);
      const parts = taskCount(threads, A * K * B, K);
      ctx.run(blocks(K, parts, 1).map(([k0, n]) => ({ op: 'reduceKeptF32', args: [code, sp, A, K, B, o.ptr, k0, k0 + n, correction] })));
      o.commit();
    });
  }

  return { reduceAxis, reduce };
}
