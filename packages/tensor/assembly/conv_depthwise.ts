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
import { copyRow, hsum, madd, storeLanes, zeroRow } from './simd';

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

/** Bytes of per-thread scratch depthwiseWeightGrad needs: one block's padded input rows and gradient rows. */
export function depthwiseWeightScratchBytes(geom: usize): i32 {
  return (blockRows(geom) * paddedWidth(geom) + ROWS * ((geo(geom).oW + 3) & ~3)) << 2;
}

/**
 * Weight gradient partials of a depthwise convolution: the batch is cut into chunks of `chunk`
 * items; partial c (at dw + c * groups * kK floats, overwritten) holds, for each channel and tap
 * (kh, kw), the sum over the chunk's items and output positions of dy[n, g, oh, ow] *
 * x[n, g, oh*sH + kh*dH - pH, ow*sW + kw*dW - pW]. Eight output rows at a time, the input rows
 * are copied zero padded and the gradient rows zero past the last column into `scratch`, then
 * four taps accumulate in registers over the block, sharing each gradient load. Chunks are
 * claimed through `next` when it is not 0; the caller adds the partials in chunk order.
 */
export function depthwiseWeightGrad(geom: usize, groups: i32, dy: usize, x: usize, dw: usize, chunk: i32, batch: i32, scratch: usize, next: usize): void {
  const iH = geo(geom).iH, iW = geo(geom).iW, kH = geo(geom).kH, kW = geo(geom).kW;
  const oH = geo(geom).oH, oW = geo(geom).oW, sH = geo(geom).sH, pH = geo(geom).pH, dH = geo(geom).dH, dW = geo(geom).dW;
  const stride2 = geo(geom).sW == 2;
  const R = blockRows(geom), Wp = paddedWidth(geom), oW4 = (oW + 3) & ~3;
  const rowBytes = <usize>Wp << 2;
  const colBytes = <usize>geo(geom).sW << 2;
  const kK = kH * kW;
  const xs = scratch;
  const gs = scratch + ((<usize>R * Wp) << 2);
  const chunks = (batch + chunk - 1) / chunk;
  for (let ch = next == 0 ? 0 : atomic.add<i32>(next, 1); ch < chunks; ch = next == 0 ? ch + 1 : atomic.add<i32>(next, 1)) {
    const part = dw + ((<usize>ch * groups * kK) << 2);
    zeroRow(part, groups * kK);
    const n1 = min(batch, (ch + 1) * chunk);
    for (let n = ch * chunk; n < n1; n++) {
      for (let g = 0; g < groups; g++) {
        const p = n * groups + g;
        const plane = x + ((<usize>p * iH * iW) << 2);
        const grad = dy + ((<usize>p * oH * oW) << 2);
        const pg = part + ((<usize>g * kK) << 2);
        for (let oh0 = 0; oh0 < oH; oh0 += ROWS) {
          const rows = min(ROWS, oH - oh0);
          padRows(geom, plane, xs, oh0 * sH - pH, R, Wp);
          for (let r = 0; r < rows; r++) {
            const d = gs + ((<usize>r * oW4) << 2);
            copyRow(d, grad + ((<usize>(oh0 + r) * oW) << 2), oW);
            zeroRow(d + (<usize>oW << 2), oW4 - oW);
          }
          for (let t0 = 0; t0 < kK; t0 += 4) {
            const live = min(4, kK - t0);
            // each tap's first input of the block (a tap past the last repeats tap t0, unused)
            const x0 = xs + <usize>((t0 / kW) * dH) * rowBytes + ((<usize>((t0 % kW) * dW)) << 2);
            const t1 = live > 1 ? t0 + 1 : t0, t2 = live > 2 ? t0 + 2 : t0, t3 = live > 3 ? t0 + 3 : t0;
            const x1 = xs + <usize>((t1 / kW) * dH) * rowBytes + ((<usize>((t1 % kW) * dW)) << 2);
            const x2 = xs + <usize>((t2 / kW) * dH) * rowBytes + ((<usize>((t2 % kW) * dW)) << 2);
            const x3 = xs + <usize>((t3 / kW) * dH) * rowBytes + ((<usize>((t3 % kW) * dW)) << 2);
            let a0 = f32x4.splat(0), a1 = a0, a2 = a0, a3 = a0;
            for (let r = 0; r < rows; r++) {
              const dRow = gs + ((<usize>r * oW4) << 2);
              const off = <usize>(r * sH) * rowBytes;
              for (let q = 0; q < oW4; q += 4) {
                const dv = v128.load(dRow + (<usize>q << 2));
                const c = off + <usize>q * colBytes;
                a0 = madd(dv, columns(x0 + c, stride2), a0);
                a1 = madd(dv, columns(x1 + c, stride2), a1);
                a2 = madd(dv, columns(x2 + c, stride2), a2);
                a3 = madd(dv, columns(x3 + c, stride2), a3);
              }
            }
            const o = pg + (<usize>t0 << 2);
            store<f32>(o, load<f32>(o) + hsum(a0));
            if (live > 1) store<f32>(o, load<f32>(o, 4) + hsum(a1), 4);
            if (live > 2) store<f32>(o, load<f32>(o, 8) + hsum(a2), 8);
            if (live > 3) store<f32>(o, load<f32>(o, 12) + hsum(a3), 12);
          }
        }
      }
    }
  }
}
