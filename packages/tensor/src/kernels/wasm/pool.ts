/**
 * Pooling on the wasm kernels: the planes (or channels) are shared out over the threads, each
 * computed whole by one thread. Max pooling over regular windows writes its indices straight
 * into the caller's int64 (Float64Array) storage layout; over tables (adaptive windows) they come
 * back as int32 and are widened.
 */
import type { TypedArray } from '../../dtype';
import type { Backend, ConvGeometry } from '../backend';
import { referenceBackend } from '../reference';
import { prod, WasmContext } from './context';
import { blocks, taskCount } from './parallel';
import { OutputMatrix, stageRange } from './staging';


type PoolKernels = Pick<Backend, 'maxPool' | 'maxPoolWindows' | 'maxPoolBackward' | 'channelSum' | 'avgPoolWindows' | 'avgPoolBackward' | 'adaptiveAvgPool' | 'adaptiveAvgPoolBackward'>;

export function createPoolKernels(ctx: WasmContext): PoolKernels {
  const { rt } = ctx;

  /** Copies an int32 table into the arena. */
  const stageInts = (t: Int32Array) => {
    const ptr = rt.alloc(t.length * 4);
    rt.i32.set(t, ptr >>> 2);
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
      const parts = taskCount(threads, planes * taps.length, planes);
      ctx.run(blocks(planes, parts, 1).map(([p0, n]) => ({ op: 'maxPool', args: [p0, p0 + n, inN, oN, st, tp, sp, vals.ptr, idx] })));
      vals.commit();
      indices.set(rt.i32.subarray(idx >>> 2, (idx >>> 2) + planes * oN));
    });
  }

  function maxPoolWindows(g: ConvGeometry, planes: number, src: TypedArray, srcOff: number, values: TypedArray, indices: TypedArray): void {
    if (!(src instanceof Float32Array && values instanceof Float32Array && indices instanceof Float64Array)) {
      return referenceBackend.maxPoolWindows(g, planes, src, srcOff, values, indices);
    }
    ctx.scoped((threads) => {
      const geom = ctx.stageGeometry(g);
      if (geom === null) return referenceBackend.maxPoolWindows(g, planes, src, srcOff, values, indices);
      const inN = prod(g.inSize);
      const oN = prod(g.outSize);
      const sp = stageRange(rt, src, srcOff, planes * inN);
      const vals = new OutputMatrix(rt, values, 0, 1, planes * oN, planes * oN, false);
      const idx = rt.alloc(planes * oN * 8);
      const parts = taskCount(threads, planes * oN * prod(g.kernel), planes);
      ctx.run(blocks(planes, parts, 1).map(([p0, n]) => ({ op: 'maxPoolWindows', args: [geom, p0, p0 + n, sp, vals.ptr, idx] })));
      vals.commit();
      indices.set(new Float64Array(rt.memory.buffer, idx, planes * oN));
    });
  }

  function maxPoolBackward(planes: number, inN: number, oN: number, grad: TypedArray, gOff: number, indices: TypedArray, iOff: number, dx: TypedArray): void {
    if (!(grad instanceof Float32Array && dx instanceof Float32Array && indices instanceof Float64Array)) {
      return referenceBackend.maxPoolBackward(planes, inN, oN, grad, gOff, indices, iOff, dx);
    }
    ctx.scoped((threads) => {
      const gp = stageRange(rt, grad, gOff, planes * oN);
      const ip = rt.alloc(planes * oN * 8);
      new Float64Array(rt.memory.buffer, ip, planes * oN).set(indices.subarray(iOff, iOff + planes * oN));
      const out = new OutputMatrix(rt, dx, 0, 1, planes * inN, planes * inN, false);
      const parts = taskCount(threads, planes * inN, planes);
      ctx.run(blocks(planes, parts, 1).map(([p0, n]) => ({ op: 'maxPoolBackward', args: [p0, p0 + n, inN, oN, gp, ip, out.ptr] })));
      out.commit();
    });
  }

  function channelSum(outer: number, channels: number, inner: number, src: TypedArray, srcOff: number, out: TypedArray): void {
    if (!(src instanceof Float32Array && out instanceof Float32Array)) {
      return referenceBackend.channelSum(outer, channels, inner, src, srcOff, out);
    }
    ctx.scoped((threads) => {
      const sp = stageRange(rt, src, srcOff, outer * channels * inner);
      const o = new OutputMatrix(rt, out, 0, 1, channels, channels, false);
      const parts = taskCount(threads, outer * channels * inner, channels);
      ctx.run(blocks(channels, parts, 1).map(([c0, n]) => ({ op: 'channelSum', args: [outer, channels, inner, sp, o.ptr, c0, c0 + n] })));
      o.commit();
    });
  }

  /**
   * Average pooling in both directions (assembly/avg_pool.ts): `a` is the input (forward) or the
   * output gradient (backward), `out` the output or the input gradient; `divisors` for regular
   * windows, null for adaptive ones.
   */
  function avg(g: ConvGeometry, planes: number, a: TypedArray, aOff: number, divisors: Float64Array | null, out: TypedArray, back: boolean): boolean {
    if (!(a instanceof Float32Array && out instanceof Float32Array)) return false;
    return ctx.scoped((threads) => {
      const geom = ctx.stageGeometry(g);
      if (geom === null) return false;
      const inN = prod(g.inSize);
      const oN = prod(g.outSize);
      const ap = stageRange(rt, a, aOff, planes * (back ? oN : inN));
      const n = planes * (back ? inN : oN);
      const o = new OutputMatrix(rt, out, 0, 1, n, n, false);
      let dp = 0;
      if (divisors) {
        dp = rt.alloc(oN * 4);
        rt.f32.set(divisors, dp >>> 2);
      }
      const parts = taskCount(threads, planes * (inN + oN), planes);
      ctx.run(blocks(planes, parts, 1).map(([p0, m]) => ({ op: 'avgPoolPlanes', args: [geom, p0, p0 + m, ap, dp, o.ptr, divisors ? 0 : 1, back ? 1 : 0] })));
      o.commit();
      return true;
    });
  }

  const avgPoolWindows: Backend['avgPoolWindows'] = (g, planes, src, srcOff, divisors, out) => {
    if (!avg(g, planes, src, srcOff, divisors, out, false)) referenceBackend.avgPoolWindows(g, planes, src, srcOff, divisors, out);
  };
  const avgPoolBackward: Backend['avgPoolBackward'] = (g, planes, grad, gOff, divisors, dx) => {
    if (!avg(g, planes, grad, gOff, divisors, dx, true)) referenceBackend.avgPoolBackward(g, planes, grad, gOff, divisors, dx);
  };
  const adaptiveAvgPool: Backend['adaptiveAvgPool'] = (g, planes, src, srcOff, out) => {
    if (!avg(g, planes, src, srcOff, null, out, false)) referenceBackend.adaptiveAvgPool(g, planes, src, srcOff, out);
  };
  const adaptiveAvgPoolBackward: Backend['adaptiveAvgPoolBackward'] = (g, planes, grad, gOff, dx) => {
    if (!avg(g, planes, grad, gOff, null, dx, true)) referenceBackend.adaptiveAvgPoolBackward(g, planes, grad, gOff, dx);
  };

  return { maxPool, maxPoolWindows, maxPoolBackward, channelSum, avgPoolWindows, avgPoolBackward, adaptiveAvgPool, adaptiveAvgPoolBackward };
}
