/**
 * Depthwise convolution (one input and one output channel per group) for one or two spatial
 * dims, stride 1 or 2 along the last dim: each unit of work is one (item, channel) plane, taken
 * eight output rows at a time, whose input rows are first copied zero padded into the thread's
 * scratch (small enough to stay in cache) so the inner loop tests no bound. Output columns
 * go along the vector: two rows by eight columns at a time in four accumulators, each tap's
 * weight splatted once for the four; with stride 2 two loads give four columns' inputs, keeping
 * the even lanes. Row stride, padding and dilation are general.
 *
 * The geometry is a Geometry (geometry.ts) with C = 1. Layouts are contiguous: x [N, G, H, W],
 * w [G, kH, kW], bias [G] (or address 0 for none), y [N, G, oH, oW]. Pointers are byte addresses.
 */
import { geo } from './geometry';
import { copyRow, madd, storeLanes, zeroRow } from './simd';

/** Floats per padded row: the input with its padding, or what the last eight-column block reads, rounded up to 4. */
function paddedWidth(geom: usize): i32 {
  const iW = geo(geom).iW, kW = geo(geom).kW, oW = geo(geom).oW, sW = geo(geom).sW, pW = geo(geom).pW, dW = geo(geom).dW;
  const reads = ((oW + 7) & ~7) * sW + (kW - 1) * dW;
  return (max(iW + 2 * pW, reads) + 3) & ~3;
}

/** Output rows per block (even: the kernel takes them in pairs). */
const ROWS = 8;

/** Padded input rows one block of ROWS output rows reads. */
function blockRows(geom: usize): i32 {
  return (ROWS - 1) * geo(geom).sH + (geo(geom).kH - 1) * geo(geom).dH + 1;
}

/** Bytes of per-thread scratch depthwiseForward needs: one block's padded input rows. */
export function depthwiseScratchBytes(geom: usize): i32 {
  return (blockRows(geom) * paddedWidth(geom)) << 2;
}

/** Four output columns' inputs from `q`: the vector there (stride 1), or the even lanes of two (stride 2). */
@inline function columns(q: usize, stride2: bool): v128 {
  if (!stride2) return v128.load(q);
  return v128.shuffle<f32>(v128.load(q), v128.load(q, 16), 0, 2, 4, 6);
}

/** Copies rows [ih0, ih0 + rows) of plane `src` [iH, iW] into `pad` [rows, Wp] at column pW, zero outside the plane. */
function padRows(geom: usize, src: usize, pad: usize, ih0: i32, rows: i32, Wp: i32): void {
  const iH = geo(geom).iH, iW = geo(geom).iW, pW = geo(geom).pW;
  for (let r = 0; r < rows; r++) {
    const dst = pad + ((<usize>r * Wp) << 2);
    const ih = ih0 + r;
    if (ih < 0 || ih >= iH) {
      zeroRow(dst, Wp);
      continue;
    }
    zeroRow(dst, pW);
    copyRow(dst + (<usize>pW << 2), src + ((<usize>ih * iW) << 2), iW);
    zeroRow(dst + ((<usize>(pW + iW)) << 2), Wp - pW - iW);
  }
}

/**
 * y = w (*) x (+ bias) for the `planes` (item, channel) planes of `groups` channels, claimed
 * through `next` (every plane in order when it is 0); `pad` is this thread's depthwiseScratchBytes.
 */
export function depthwiseForward(geom: usize, groups: i32, planes: i32, x: usize, w: usize, bias: usize, y: usize, pad: usize, next: usize): void {
  const iH = geo(geom).iH, iW = geo(geom).iW, kH = geo(geom).kH, kW = geo(geom).kW;
  const oH = geo(geom).oH, oW = geo(geom).oW, sH = geo(geom).sH, dH = geo(geom).dH, dW = geo(geom).dW;
  const stride2 = geo(geom).sW == 2;
  const R = blockRows(geom), Wp = paddedWidth(geom), pH = geo(geom).pH;
  const rowBytes = <usize>Wp << 2;
  const colBytes = <usize>geo(geom).sW << 2;
  const tapBytes = <usize>dW << 2;
  const half = colBytes << 2;
  const nextRow = <usize>sH * rowBytes;
  const kK = kH * kW;
  for (let p = next == 0 ? 0 : atomic.add<i32>(next, 1); p < planes; p = next == 0 ? p + 1 : atomic.add<i32>(next, 1)) {
    const g = p % groups;
    const plane = x + ((<usize>p * iH * iW) << 2);
    const b: f32 = bias == 0 ? 0 : load<f32>(bias + (<usize>g << 2));
    const wg = w + ((<usize>g * kK) << 2);
    for (let oh = 0; oh < oH; oh += 2) {
      if (oh % ROWS == 0) padRows(geom, plane, pad, oh * sH - pH, R, Wp);
      const yRow = y + ((<usize>(p * oH + oh) * oW) << 2);
      const rowBase = pad + <usize>((oh % ROWS) * sH) * rowBytes;
      const second = oh + 1 < oH;
      for (let ow = 0; ow < oW; ow += 8) {
        let a0 = f32x4.splat(b), a1 = a0, a2 = a0, a3 = a0;
        let wt = wg;
        const first = rowBase + <usize>ow * colBytes;
        for (let kh = 0; kh < kH; kh++) {
          let q = first + <usize>(kh * dH) * rowBytes;
          for (let kw = 0; kw < kW; kw++) {
            const wv = v128.load32_splat(wt);
            a0 = madd(columns(q, stride2), wv, a0);
            a1 = madd(columns(q + half, stride2), wv, a1);
            a2 = madd(columns(q + nextRow, stride2), wv, a2);
            a3 = madd(columns(q + nextRow + half, stride2), wv, a3);
            wt += 4;
            q += tapBytes;
          }
        }
        const n = oW - ow;
        const at = yRow + (<usize>ow << 2);
        storeLanes(at, a0, n);
        if (n > 4) storeLanes(at + 16, a1, n - 4);
        if (second) {
          storeLanes(at + (<usize>oW << 2), a2, n);
          if (n > 4) storeLanes(at + (<usize>oW << 2) + 16, a3, n - 4);
        }
      }
    }
  }
}
