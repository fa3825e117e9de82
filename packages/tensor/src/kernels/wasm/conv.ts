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
import { blocks, MR, NR, PARALLEL_MIN_FLOPS, taskCount } from './parallel';
import { OutputMatrix, stageRange } from './staging';

/** The weight gradient's products are made at least this deep (output positions), batching small images. */
const WEIGHT_GRAD_MIN_DEPTH = 256;

/** The forward and input-gradient products are made at least this wide (output positions), batching small images. */
const MIN_COLUMNS = 96;

/** Items per unit of the im2col + GEMM forward and input gradient: 1, or enough small images side by side for MIN_COLUMNS. */
const spanOf = (c: BatchedConv) => Math.max(1, Math.min(c.batch, Math.ceil(MIN_COLUMNS / prod(c.outSize))));

/** A 1x1 convolution with unit stride and no padding, whose column matrix is the image itself. */
const isPointwise = (c: BatchedConv) => c.kernel.every((v) => v === 1) && c.stride.every((v) => v === 1) && c.padding.every((v) => v === 0);

/** The pointwise forward cuts a call into at least this many units (when the columns allow), so the threads share even one small image. */
const POINTWISE_MIN_UNITS = 8;

/** At most this many partial sums of a weight gradient (chunks of the batch), whatever the thread count. */
const WEIGHT_GRAD_CHUNKS = 4;

/** Up to this many output channels per group, a 1-d or 2-d convolution runs on the direct kernel. */
const DIRECT_MAX_OG = 32;

/**
 * The input gradient by the direct kernel computes one sum per input position, over taps that
 * in a convolution without padding partly fall in the zeros around dy; it runs there when the
 * input has at most this many times the output's positions (little of that work wasted).
 */
const DIRECT_INPUT_GRAD_MAX_GROWTH = 1.25;

/** Whether the direct kernel takes `c`: 1-d or 2-d, unit stride along the last dim, few output channels per group. */
function takesDirect(c: BatchedConv): boolean {
  const nd = c.inSize.length;
  return nd <= 2 && c.stride[nd - 1] === 1 && c.outChannels / c.groups <= DIRECT_MAX_OG;
}

/** Whether the depthwise kernel takes `c`: 1-d or 2-d, one input and one output channel per group, stride 1 or 2 along the last dim. */
function takesDepthwise(c: BatchedConv): boolean {
  const nd = c.inSize.length;
  return nd <= 2 && c.channels === 1 && c.outChannels === c.groups && c.stride[nd - 1] <= 2;
}

/**
 * The convolution whose output is the input gradient of `c`, when `c` has unit strides: dy
 * convolved with the weights swapped in channels and reversed in space, padded by
 * dilation * (kernel - 1) - padding. Null when a stride is not 1 or that padding is negative.
 */
function transposed(c: BatchedConv): BatchedConv | null {
  if (c.stride.some((s) => s !== 1)) return null;
  const padding = c.kernel.map((kk, d) => c.dilation[d] * (kk - 1) - c.padding[d]);
  if (padding.some((p) => p < 0)) return null;
  const og = c.outChannels / c.groups;
  return { batch: c.batch, groups: c.groups, outChannels: c.channels * c.groups, channels: og, inSize: c.outSize, kernel: c.kernel,
    outSize: c.inSize, stride: c.stride, padding, dilation: c.dilation };
}

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
   * How many tasks share `units` units of work of `flops` (one when too small to share), and the
   * address of the zeroed counter through which they claim units (0 for a single task).
   */
  function shareUnits(flops: number, threads: number, units: number): { parts: number; next: number } {
    const parts = flops < PARALLEL_MIN_FLOPS ? 1 : Math.max(1, Math.min(threads, units));
    const next = parts > 1 ? rt.alloc(4) : 0;
    if (next) rt.i32[next >>> 2] = 0;
    return { parts, next };
  }

  /**
   * One task per thread (a single one when the work is too small to share): args = head, the
   * kernel's own arguments from `tail()`, then a column scratch of `colsFloats`, the thread's
   * packing buffer and the address of the counter through which the threads claim units of work
   * (assembly/conv.ts).
   */
  function claimTasks(op: PoolOp, c: BatchedConv, threads: number, units: number, head: number[], tail: () => number[], colsFloats = sizes(c).kN * sizes(c).oN): Task[] {
    const { kN, oN } = sizes(c);
    const { parts, next } = shareUnits(2 * c.batch * c.outChannels * kN * oN, threads, units);
    return Array.from({ length: parts }, (_, t) => ({ op, args: [...head, ...tail(), rt.alloc(colsFloats * 4), ctx.packs[t], next] }));
  }

  /**
   * Packs `groups` matrices [M, K] (group g at a + g * M * K floats, element strides rs, cs) for
   * gemmPackedA (packA), the row panels shared out over the threads; returns the packed address.
   */
  function packGroups(threads: number, groups: number, M: number, K: number, a: number, rs: number, cs: number): number {
    const dst = rt.alloc(groups * k.packedASize(M, K) * 4);
    const units = groups * Math.ceil(M / MR);
    const parts = taskCount(threads, groups * M * K, units);
    ctx.run(blocks(units, parts, 1).map(([u0, n]) => ({ op: 'packA' as const, args: [groups, M, K, a, M * K, rs, cs, dst, u0, u0 + n] })));
    return dst;
  }

  /** Packs each group's weights [og, kN] once, as convForward's GEMMs read them. */
  function packWeights(c: BatchedConv, threads: number, wp: number): number {
    const { og, kN } = sizes(c);
    return packGroups(threads, c.groups, og, kN, wp, kN, 1);
  }

  /**
   * Runs the direct kernel (assembly/conv_direct.ts) on the convolution `c` whose geometry is
   * staged at `geom`: x, the weights as given (w [G*og, kN], or with `flip` the forward weights
   * of the convolution whose input gradient this is), bias and y are arena addresses.
   */
  function runDirect(c: BatchedConv, geom: number, threads: number, x: number, w: number, bias: number, y: number, flip: { fwdOg: number } | null): void {
    const { og, kN } = sizes(c);
    const kK = prod(c.kernel);
    const per = k.directPackedSize(og, kN);
    const wp = rt.alloc(c.groups * per * 4);
    for (let gi = 0; gi < c.groups; gi++) {
      const src = w + gi * (flip ? flip.fwdOg * og * kK : og * kN) * 4;
      k.packDirectWeights(og, kN, src, wp + gi * per * 4, flip ? 1 : 0, kK);
    }
    const { parts, next } = shareUnits(2 * c.batch * c.outChannels * kN * prod(c.outSize), threads, k.directUnits(geom, c.batch, c.groups));
    const scratch = k.directScratchBytes(geom);
    ctx.run(Array.from({ length: parts }, () => ({ op: 'directForward' as const, args: [geom, c.groups, og, x, wp, bias, y, c.batch, rt.alloc(scratch), next] })));
  }

  /**
   * Runs the depthwise kernel (assembly/conv_depthwise.ts) on `c` (staged at `geom`): x, w [G, kK],
   * bias (0 for none) and y are arena addresses; one unit of work per (item, channel) plane.
   */
  function runDepthwise(c: BatchedConv, geom: number, threads: number, x: number, w: number, bias: number, y: number): void {
    const planes = c.batch * c.groups;
    const { parts, next } = shareUnits(2 * planes * prod(c.kernel) * prod(c.outSize), threads, planes);
    const scratch = k.depthwiseScratchBytes(geom);
    ctx.run(Array.from({ length: parts }, () => ({ op: 'depthwiseForward' as const, args: [geom, c.groups, planes, x, w, bias, y, rt.alloc(scratch), next] })));
  }

  function convForward(c: BatchedConv, x: TypedArray, xOff: number, w: TypedArray, wOff: number, bias: TypedArray | null, y: TypedArray): void {
    ctx.scoped((threads) => {
      const geom = allF32(x, w, bias, y) ? ctx.stageGeometry(c) : null;
      if (geom === null) return referenceBackend.convForward(c, x, xOff, w, wOff, bias, y);
      const { og, kN, xN, yN } = sizes(c);
      const xp = stageRange(rt, x as Float32Array, xOff, xN);
      if (takesDepthwise(c) || takesDirect(c)) {
        const wRaw = stageRange(rt, w as Float32Array, wOff, c.outChannels * kN);
        const bp = bias ? stageRange(rt, bias as Float32Array, 0, c.outChannels) : 0;
        const out = new OutputMatrix(rt, y as Float32Array, 0, 1, yN, yN, false);
        if (takesDepthwise(c)) runDepthwise(c, geom, threads, xp, wRaw, bp, out.ptr);
        else runDirect(c, geom, threads, xp, wRaw, bp, out.ptr, null);
        out.commit();
        return;
      }
      const wp = packWeights(c, threads, stageRange(rt, w as Float32Array, wOff, c.outChannels * kN));
      const bp = bias ? stageRange(rt, bias as Float32Array, 0, c.outChannels) : 0;
      const out = new OutputMatrix(rt, y as Float32Array, 0, 1, yN, yN, false);
      const span = spanOf(c);
      if (span === 1 && isPointwise(c)) {
        // blocks of whole micro-kernel panels, at most a column block of the image (convRowStep rows) each
        const oN = prod(c.outSize);
        const planes = c.batch * c.groups;
        const cap = Math.max(NR, k.convRowStep(geom) * c.outSize[c.outSize.length - 1]);
        const step = Math.min(oN, Math.ceil(Math.min(cap, Math.ceil(oN / Math.ceil(POINTWISE_MIN_UNITS / planes))) / NR) * NR);
        const { parts, next } = shareUnits(2 * planes * og * kN * oN, threads, planes * Math.ceil(oN / step));
        ctx.run(Array.from({ length: parts }, (_, t) => ({ op: 'pointwiseForward' as const, args: [geom, c.groups, og, xp, wp, bp, out.ptr, c.batch, step, ctx.packs[t], next] })));
        out.commit();
        return;
      }
      const rows = prod(c.outSize.slice(0, -1));
      const units = span > 1 ? Math.ceil(c.batch / span) * c.groups : c.batch * c.groups * Math.ceil(rows / k.convRowStep(geom));
      const wide = span * prod(c.outSize);
      ctx.run(claimTasks('convForward', c, threads, units, [geom, c.groups, og, xp, wp, bp, out.ptr],
        () => [0, c.batch, span, span > 1 ? rt.alloc(og * wide * 4) : 0], kN * Math.max(wide, prod(c.outSize))));
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
      const t = transposed(c);
      if (t && takesDepthwise(t)) {
        // the input gradient of a depthwise convolution with unit strides: dy convolved with each channel's taps reversed
        const kK = prod(c.kernel);
        const flipped = rt.alloc(c.groups * kK * 4);
        for (let g = 0; g < c.groups; g++) {
          for (let i = 0; i < kK; i++) rt.f32[(flipped >>> 2) + g * kK + i] = rt.f32[(wp >>> 2) + g * kK + kK - 1 - i];
        }
        runDepthwise(t, ctx.stageGeometry(t)!, threads, dyp, flipped, 0, out.ptr);
        out.commit();
        return;
      }
      if (t && takesDirect(t) && prod(c.inSize) <= DIRECT_INPUT_GRAD_MAX_GROWTH * prod(c.outSize)) {
        runDirect(t, ctx.stageGeometry(t)!, threads, dyp, wp, 0, out.ptr, { fwdOg: og });
        out.commit();
        return;
      }
      const wt = packGroups(threads, c.groups, kN, og, wp, 1, kN);
      const span = spanOf(c);
      const wide = span * prod(c.outSize);
      const units = span > 1 ? Math.ceil(c.batch / span) * c.groups : c.batch;
      ctx.run(claimTasks('convBackwardInput', c, threads, units, [geom, c.groups, og, dyp, wt, out.ptr],
        () => [0, c.batch, span, span > 1 ? rt.alloc(og * wide * 4) : 0], kN * wide));
      out.commit();
    });
  }

  /**
   * The weight gradient in fixed chunks of the batch (WEIGHT_GRAD_CHUNKS of them at most), each
   * summed into a partial of its own and the partials added in chunk order: the result is the
   * same bits whatever the thread count.
   */
  function convBackwardWeight(c: BatchedConv, dy: TypedArray, dyOff: number, x: TypedArray, xOff: number, dw: TypedArray): void {
    ctx.scoped((threads) => {
      const geom = allF32(dy, x, dw) ? ctx.stageGeometry(c) : null;
      if (geom === null) return referenceBackend.convBackwardWeight(c, dy, dyOff, x, xOff, dw);
      const { og, kN, xN, yN } = sizes(c);
      const wN = c.outChannels * kN;
      if (c.batch === 0) {
        dw.fill(0, 0, wN);
        return;
      }
      const dyp = stageRange(rt, dy as Float32Array, dyOff, yN);
      const xp = stageRange(rt, x as Float32Array, xOff, xN);
      const chunks = Math.min(c.batch, WEIGHT_GRAD_CHUNKS);
      const chunk = Math.ceil(c.batch / chunks);
      const used = Math.ceil(c.batch / chunk);
      const out = new OutputMatrix(rt, dw as Float32Array, 0, 1, wN, wN, false);
      const partials = used > 1 ? rt.alloc(used * wN * 4) : out.ptr;
      if (takesDepthwise(c) || takesDirect(c)) {
        const { parts, next } = shareUnits(2 * c.batch * c.outChannels * kN * prod(c.outSize), threads, used);
        const task: () => Task = takesDepthwise(c)
          ? () => ({ op: 'depthwiseWeightGrad' as const, args: [geom, c.groups, dyp, xp, partials, chunk, c.batch, rt.alloc(k.depthwiseWeightScratchBytes(geom)), next] })
          : () => ({ op: 'directWeightGrad' as const, args: [geom, c.groups, og, dyp, xp, partials, chunk, c.batch, rt.alloc(k.directWeightScratchBytes(geom, og)), next] });
        ctx.run(Array.from({ length: parts }, task));
      } else {
        // images multiplied several at a time when one alone is a shallow product (assembly/conv.ts)
        const oN = prod(c.outSize);
        const span = Math.min(chunk, Math.ceil(WEIGHT_GRAD_MIN_DEPTH / oN));
        ctx.run(claimTasks('convBackwardWeight', c, threads, used, [geom, c.groups, og, dyp, xp, partials],
          () => [chunk, c.batch, span, span > 1 ? rt.alloc(og * span * oN * 4) : 0], kN * span * oN));
      }
      if (used > 1) {
        for (let p = 1; p < used; p++) k.addRow(partials, partials + p * wN * 4, wN);
        rt.f32.copyWithin(out.ptr >>> 2, partials >>> 2, (partials >>> 2) + wN);
      }
      out.commit();
    });
  }

  return { convForward, convBackwardInput, convBackwardWeight };
}
