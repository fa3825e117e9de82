/**
 * Batched convolution on the wasm kernels: the whole batch is staged once, then the threads
 * share out its items, each unfolding into its own column scratch and multiplying with its own
 * packing buffer, so no column matrix ever crosses into JavaScript. The weight gradient sums
 * one partial per thread. Other dtypes and geometries past 3-d go to the reference backend.
 */
import type { TypedArray } from '../../dtype';
import type { Backend, BatchedConv } from '../backend';
import { referenceBackend } from '../reference';
import type { PoolOp, Task } from '../threads';
import { prod, WasmContext } from './context';
import { blocks, PARALLEL_MIN_FLOPS } from './parallel';
import { OutputMatrix, stageRange } from './staging';

type ConvKernels = Pick<Backend, 'convForward' | 'convBackwardInput' | 'convBackwardWeight'>;

const allF32 = (...a: (TypedArray | null)[]): boolean => a.every((v) => v === null || v instanceof Float32Array);

export function createConvKernels(ctx: WasmContext): ConvKernels {
  const { rt, k } = ctx;

  /** Sizes of one convolution: per-group output channels, column rows/cols, one group's image, elements of x and y. */
  const sizes = (c: BatchedConv) => {
    const kN = c.channels * prod(c.kernel);
    const oN = prod(c.outSize);
    const img = c.channels * prod(c.inSize);
    return { og: c.outChannels / c.groups, kN, oN, img, xN: c.batch * c.groups * img, yN: c.batch * c.outChannels * oN };
  };

  /**
   * One task per thread, or a single task when the work is too small to share: args = head (from
   * `head(t)`), n0, n1, cols, pack, then for forward and input gradient (`claim`) the address of
   * the counter through which the threads claim items of the whole batch (assembly/conv.ts);
   * the weight gradient gets a fixed range per thread.
   */
  function batchTasks(op: PoolOp, c: BatchedConv, threads: number, head: (t: number) => number[], claim: boolean): Task[] {
    const { kN, oN } = sizes(c);
    const flops = 2 * c.batch * c.outChannels * kN * oN;
    const parts = flops < PARALLEL_MIN_FLOPS ? 1 : Math.min(threads, c.batch);
    const cols = () => rt.alloc(kN * oN * 4);
    if (claim) {
      const next = parts > 1 ? rt.alloc(4) : 0;
      if (next) rt.i32[next >> 2] = 0;
      return Array.from({ length: parts }, (_, t) => ({ op, args: [...head(t), 0, c.batch, cols(), ctx.packs[t], next] }));
    }
    const ranges = c.batch === 0 ? [[0, 0] as [number, number]] : blocks(c.batch, parts, 1);
    return ranges.map(([n0, len], t) => ({ op, args: [...head(t), n0, n0 + len, cols(), ctx.packs[t]] }));
  }

  function convForward(c: BatchedConv, x: TypedArray, xOff: number, w: TypedArray, wOff: number, bias: TypedArray | null, y: TypedArray): void {
    ctx.scoped((threads) => {
      const geom = allF32(x, w, bias, y) ? ctx.stageGeometry(c) : null;
      if (geom === null) return referenceBackend.convForward(c, x, xOff, w, wOff, bias, y);
      const { og, kN, xN, yN } = sizes(c);
      const xp = stageRange(rt, x as Float32Array, xOff, xN);
      const wp = stageRange(rt, w as Float32Array, wOff, c.outChannels * kN);
      const bp = bias ? stageRange(rt, bias as Float32Array, 0, c.outChannels) : 0;
      const out = new OutputMatrix(rt, y as Float32Array, 0, 1, yN, yN, false);
      ctx.run(batchTasks('convForward', c, threads, () => [geom, c.groups, og, xp, wp, bp, out.ptr], true));
      out.commit();
    });
  }

  function convBackwardInput(c: BatchedConv, dy: TypedArray, dyOff: number, w: TypedArray, wOff: number, dx: TypedArray): void {
    ctx.scoped((threads) => {
      const geom = allF32(dy, w, dx) ? ctx.stageGeometry(c) : null;
      if (geom === null) return referenceBackend.convBackwardInput(c, dy, dyOff, w, wOff, dx);
      const { og, kN, xN, yN } = sizes(c);
      const dyp = stageRange(rt, dy as Float32Array, dyOff, yN);
      const wp = stageRange(rt, w as Float32Array, wOff, c.outChannels * kN);
      const out = new OutputMatrix(rt, dx as Float32Array, 0, 1, xN, xN, false);
      ctx.run(batchTasks('convBackwardInput', c, threads, () => [geom, c.groups, og, dyp, wp, out.ptr], true));
      out.commit();
    });
  }

  function convBackwardWeight(c: BatchedConv, dy: TypedArray, dyOff: number, x: TypedArray, xOff: number, dw: TypedArray): void {
    ctx.scoped((threads) => {
      const geom = allF32(dy, x, dw) ? ctx.stageGeometry(c) : null;
      if (geom === null) return referenceBackend.convBackwardWeight(c, dy, dyOff, x, xOff, dw);
      const { og, kN, xN, yN } = sizes(c);
      const wN = c.outChannels * kN;
      const dyp = stageRange(rt, dy as Float32Array, dyOff, yN);
      const xp = stageRange(rt, x as Float32Array, xOff, xN);
      const out = new OutputMatrix(rt, dw as Float32Array, 0, 1, wN, wN, false);
      // thread 0 writes the result, the others a partial each, summed after
      const partials: number[] = [];
      const tasks = batchTasks('convBackwardWeight', c, threads, (t) => {
        const target = t === 0 ? out.ptr : rt.alloc(wN * 4);
        if (t > 0) partials.push(target);
        return [geom, c.groups, og, dyp, xp, target];
      }, false);
      ctx.run(tasks);
      for (const p of partials) k.addRow(out.ptr, p, wN);
      out.commit();
    });
  }

  return { convForward, convBackwardInput, convBackwardWeight };
}
