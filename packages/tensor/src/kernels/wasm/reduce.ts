/**
 * Reductions down a middle axis on the wasm kernels (assembly/reduce.ts), float32 only: the
 * units (slab, block of columns) are shared out over the threads, each computed by one of them.
 */
import type { TypedArray } from '../../dtype';
import type { AxisReduceOp, Backend } from '../backend';
import { referenceBackend } from '../reference';
import type { WasmContext } from './context';
import { blocks } from './parallel';
import { TASKS_PER_THREAD } from './pool';
import { OutputMatrix, stageRange } from './staging';

/** Op codes of reduceAxisF32, by position. */
const OPS: readonly AxisReduceOp[] = ['sum', 'mean', 'max', 'min'];
/** Columns per unit (assembly/reduce.ts COLUMNS) and the least work worth a second thread. */
const COLUMNS = 1024;
const PARALLEL_MIN = 1 << 16;

export function createReduceKernels(ctx: WasmContext): Pick<Backend, 'reduceAxis'> {
  const { rt, k: kx } = ctx;

  function reduceAxis(op: AxisReduceOp, src: TypedArray, offset: number, outer: number, k: number, inner: number, out: TypedArray): void {
    if (!(src instanceof Float32Array && out instanceof Float32Array) || k === 0) {
      return referenceBackend.reduceAxis(op, src, offset, outer, k, inner, out);
    }
    ctx.scoped((threads) => {
      const sp = stageRange(rt, src, offset, outer * k * inner);
      const o = new OutputMatrix(rt, out, 0, 1, outer * inner, outer * inner, false);
      const units = outer * Math.ceil(inner / COLUMNS);
      const parts = outer * k * inner < PARALLEL_MIN || threads < 2 ? 1 : Math.min(threads * TASKS_PER_THREAD, units);
      const scratch = kx.reduceAxisScratchBytes();
      ctx.run(blocks(units, parts, 1).map(([u0, n]) => ({ op: 'reduceAxisF32', args: [OPS.indexOf(op), sp, k, inner, o.ptr, u0, u0 + n, rt.alloc(scratch)] })));
      o.commit();
    });
  }

  return { reduceAxis };
}
