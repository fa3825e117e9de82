/**
 * Max pooling on the wasm kernels: the planes are shared out over the threads; values come back
 * as float32 and indices as int32, widened into the caller's int64 (Float64Array) storage.
 */
import type { TypedArray } from '../../dtype';
import type { Backend } from '../backend';
import { referenceBackend } from '../reference';
import type { WasmContext } from './context';
import { blocks } from './parallel';
import { OutputMatrix, stageRange } from './staging';

/** Below this many taps in all (planes x taps per plane) pooling runs on one thread. */
const POOL_MIN_TAPS = 1 << 16;

export function createPoolKernels(ctx: WasmContext): Pick<Backend, 'maxPool'> {
  const { rt } = ctx;

  /** Copies an int32 table into the arena. */
  const stageInts = (t: Int32Array) => {
    const ptr = rt.alloc(t.length * 4);
    rt.i32.set(t, ptr >> 2);
    return ptr;
  };

  function maxPool(planes: number, inN: number, start: Int32Array, taps: Int32Array, src: TypedArray, srcOff: number, values: TypedArray, indices: TypedArray): void {
    if (!(src instanceof Float32Array && values instanceof Float32Array)) {
      return referenceBackend.maxPool(planes, inN, start, taps, src, srcOff, values, indices);
    }
    const oN = start.length - 1;
    ctx.scoped((threads) => {
      const sp = stageRange(rt, src, srcOff, planes * inN);
      const st = stageInts(start);
      const tp = stageInts(taps);
      const vals = new OutputMatrix(rt, values, 0, 1, planes * oN, planes * oN, false);
      const idx = rt.alloc(planes * oN * 4);
      const parts = planes * taps.length < POOL_MIN_TAPS ? 1 : threads;
      ctx.run(blocks(planes, parts, 1).map(([p0, n]) => ({ op: 'maxPool', args: [p0, p0 + n, inN, oN, st, tp, sp, vals.ptr, idx] })));
      vals.commit();
      indices.set(rt.i32.subarray(idx >> 2, (idx >> 2) + planes * oN));
    });
  }

  return { maxPool };
}
