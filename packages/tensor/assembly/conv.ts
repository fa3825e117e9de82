/**
 * Batched convolution by im2col + GEMM over the batch items [n0, n1) (one thread's share), as
 * ops/conv.ts does it item by item: per item and group, the image is unfolded into the caller's
 * `cols` scratch and multiplied with the group's weights. Layouts are contiguous: x [N, G*C,
 * ...in], w [G*Og, C*prod(kernel)], y [N, G*Og, ...out]. Pointers are byte addresses.
 *
 * Forward and input gradient can share the batch out dynamically: when `next` is the address of
 * an int32 counter (zeroed by the caller, common to all threads of the call), each thread claims
 * item n0 + counter++ until n1, so a thread that starts late or runs slower takes fewer items.
 * Every item is computed alone, so the result does not depend on which thread took it. The
 * weight gradient sums items into per-thread partials, so its split stays static (a fixed
 * summation order).
 */
import { gemm } from './gemm';
import { col2im, colCols, colRows, g, im2col, im2colRows, imageSize } from './im2col';
import { zeroRow } from './simd';

/** Bytes of column block the forward convolution unfolds at a time (kept in L2 for the GEMM). */
const COL_BLOCK_BYTES = 1 << 18;

/** The batch item to compute after `n - 1`: n itself for a static range (next == 0), else the next unclaimed one. */
// @ts-ignore: decorator
@inline function claim(n: i32, n0: i32, next: usize): i32 {
  return next == 0 ? n : n0 + atomic.add<i32>(next, 1);
}

/**
 * y[n] = W (*) x[n] (+ bias[o] when bias != 0) for n in [n0, n1), claimed through `next` when it
 * is not 0 (see above). The column matrix is unfolded
 * a block of output rows at a time, so it stays in cache between im2col and the GEMM.
 */
export function convForward(geom: usize, groups: i32, og: i32, x: usize, w: usize, bias: usize, y: usize,
  n0: i32, n1: i32, cols: usize, pack: usize, next: usize): void {
  const kN = colRows(geom), oN = colCols(geom), img = imageSize(geom);
  const oW = g(geom, 9);
  const rows = g(geom, 7) * g(geom, 8);
  const step = max(1, COL_BLOCK_BYTES / (kN * oW * 4));
  for (let n = claim(n0, n0, next); n < n1; n = claim(n + 1, n0, next)) {
    for (let gi = 0; gi < groups; gi++) {
      const image = x + ((<usize>(n * groups + gi) * img) << 2);
      const out = y + ((<usize>(n * groups + gi) * og * oN) << 2);
      for (let r0 = 0; r0 < rows; r0 += step) {
        const r1 = min(rows, r0 + step);
        const nc = (r1 - r0) * oW;
        im2colRows(geom, image, cols, r0, r1);
        gemm(og, nc, kN, w + ((<usize>gi * og * kN) << 2), kN, 1, cols, nc, 1, out + ((<usize>r0 * oW) << 2), oN, false, pack);
      }
      if (bias != 0) {
        for (let o = 0; o < og; o++) {
          const b = f32x4.splat(load<f32>(bias + ((<usize>(gi * og + o)) << 2)));
          const row = out + ((<usize>o * oN) << 2);
          let i = 0;
          for (; i + 4 <= oN; i += 4) v128.store(row + (<usize>i << 2), f32x4.add(v128.load(row + (<usize>i << 2)), b));
          for (; i < oN; i++) store<f32>(row + (<usize>i << 2), load<f32>(row + (<usize>i << 2)) + f32x4.extract_lane(b, 0));
        }
      }
    }
  }
}

/** dx[n] = col2im(W_g^T dy[n, g]) for n in [n0, n1) (dx is overwritten); `next` as convForward. */
export function convBackwardInput(geom: usize, groups: i32, og: i32, dy: usize, w: usize, dx: usize,
  n0: i32, n1: i32, cols: usize, pack: usize, next: usize): void {
  const kN = colRows(geom), oN = colCols(geom), img = imageSize(geom);
  for (let n = claim(n0, n0, next); n < n1; n = claim(n + 1, n0, next)) {
    for (let gi = 0; gi < groups; gi++) {
      const grad = dy + ((<usize>(n * groups + gi) * og * oN) << 2);
      gemm(kN, oN, og, w + ((<usize>gi * og * kN) << 2), 1, kN, grad, oN, 1, cols, oN, false, pack);
      const image = dx + ((<usize>(n * groups + gi) * img) << 2);
      zeroRow(image, img);
      col2im(geom, cols, image);
    }
  }
}

/** dw = sum over n in [n0, n1) of dy[n, g] im2col(x[n, g])^T (dw is overwritten). */
export function convBackwardWeight(geom: usize, groups: i32, og: i32, dy: usize, x: usize, dw: usize,
  n0: i32, n1: i32, cols: usize, pack: usize): void {
  const kN = colRows(geom), oN = colCols(geom), img = imageSize(geom);
  if (n1 <= n0) zeroRow(dw, groups * og * kN);
  for (let n = n0; n < n1; n++) {
    for (let gi = 0; gi < groups; gi++) {
      im2col(geom, x + ((<usize>(n * groups + gi) * img) << 2), cols);
      const grad = dy + ((<usize>(n * groups + gi) * og * oN) << 2);
      gemm(og, kN, oN, grad, oN, 1, cols, 1, oN, dw + ((<usize>gi * og * kN) << 2), kN, n > n0, pack);
    }
  }
}
