/**
 * Reductions down a middle axis on the wasm kernels (assembly/reduce.ts), float32 only: the
 * units (slab, block of columns) are shared out over the threads, each computed by one of them.
 */
import type { TypedArray } from '../../dtype';
import type { AxisReduceOp, Backend } from '../backend';
import { referenceBackend } from '../reference';
import type { WasmContext } from './context';
import { blocks, taskCount } from './parallel';
import { OutputMatrix, stageRange } from './staging';

/** Op codes of reduceAxisF32, by position. */
const OPS: readonly AxisReduceOp[] = ['sum', 'mean', 'max', 'min'];
/** Columns per unit (assembly/reduce.ts COLUMNS). */
const COLUMNS = 1024;

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
      const parts = taskCount(threads, outer * k * inner, units);
      const scratch = kx.reduceAxisScratchBytes();
      ctx.run(blocks(units, parts, 1).map(([u0, n]) => ({ op: 'reduceAxisF32', args: [OPS.indexOf(op), sp, k, inner, o.ptr, u0, u0 + n, rt.alloc(scratch)] })));
      o.commit();
    });
  }

  return { reduceAxis };
}
