/**
 * Batched convolution by im2col + GEMM over the batch items [n0, n1) (one thread's share), as
 * ops/conv.ts does it item by item: per item and group, the image is unfolded into the caller's
 * `cols` scratch and multiplied with the group's weights. Layouts are contiguous: x [N, G*C,
 * ...in], w [G*Og, C*prod(kernel)], y [N, G*Og, ...out]. Pointers are byte addresses.
 *
 * The threads share the work out dynamically: when `next` is the address of an int32 counter
 * (zeroed by the caller, common to all threads of the call), each thread claims the next unit
 * of work (counter++) until none is left, so a thread that starts late or runs slower takes
 * fewer. Every unit is computed alone, and the weight gradient's per-chunk partials are summed
 * in a fixed order, so no result depends on which thread took which unit, or on their number.
 */
import { gemm, gemmPackedA, packedASize } from './gemm';
import { geo } from './geometry';
import { col2im, col2imLd, colCols, colRows, im2col, im2colLd, im2colRows, imageSize } from './im2col';
import { copyRow, zeroRow } from './simd';

/** Bytes of column block the forward convolution unfolds at a time (kept in L2 for the GEMM). */
const COL_BLOCK_BYTES = 1 << 18;

/** The batch item to compute after `n - 1`: n itself for a static range (next == 0), else the next unclaimed one. */
// @ts-ignore: decorator
@inline function claim(n: i32, n0: i32, next: usize): i32 {
  return next == 0 ? n : n0 + atomic.add<i32>(next, 1);
}

/**
 * y[n] = W (*) x[n] (+ bias[o] when bias != 0) for the items n in [n0, n1). The work is cut into
 * units of (item, group, block of output rows), each unfolded into `cols` and multiplied by the
 * group's weights, which `wp` holds packed by packA (packedASize(og, kN) floats per group). A
 * block of rows keeps its column matrix in cache between im2col and the GEMM, and lets the
 * threads share even a single image. Units are claimed through `next` when it is not 0 (see
 * above); each output element is computed by one unit alone, the same way on any thread.
 * Small images (span > 1) go `span` items to a unit instead: their columns side by side in
 * `cols` (kN * span * oN floats), so the product is wide enough for the GEMM's register
 * blocks, its result in `tmp` (og * span * oN floats) and then copied to each item's output.
 */
export function convForward(geom: usize, groups: i32, og: i32, x: usize, wp: usize, bias: usize, y: usize,
  n0: i32, n1: i32, span: i32, tmp: usize, cols: usize, pack: usize, next: usize): void {
  const kN = colRows(geom), oN = colCols(geom), img = imageSize(geom);
  const gPack = <usize>packedASize(og, kN) << 2;
  if (span > 1) {
    const units = ((n1 - n0 + span - 1) / span) * groups;
    for (let u = claim(0, 0, next); u < units; u = claim(u + 1, 0, next)) {
      const s0 = n0 + (u / groups) * span, gi = u % groups;
      const items = min(span, n1 - s0);
      const ld = items * oN;
      for (let i = 0; i < items; i++) im2colLd(geom, x + ((<usize>((s0 + i) * groups + gi) * img) << 2), cols + ((<usize>i * oN) << 2), ld);
      gemmPackedA(og, ld, kN, wp + <usize>gi * gPack, cols, ld, 1, tmp, ld, false, pack);
      for (let i = 0; i < items; i++) {
        const out = y + ((<usize>((s0 + i) * groups + gi) * og * oN) << 2);
        for (let o = 0; o < og; o++) {
          const row = out + ((<usize>o * oN) << 2);
          copyRow(row, tmp + ((<usize>(o * ld + i * oN)) << 2), oN);
          if (bias != 0) addScalar(row, load<f32>(bias + ((<usize>(gi * og + o)) << 2)), oN);
        }
      }
    }
    return;
  }
  const oW = geo(geom).oW;
  const rows = geo(geom).oD * geo(geom).oH;
  const step = convRowStep(geom);
  const blocksPerImage = (rows + step - 1) / step;
  const perItem = groups * blocksPerImage;
  const units = (n1 - n0) * perItem;
  for (let u = claim(0, 0, next); u < units; u = claim(u + 1, 0, next)) {
    const n = n0 + u / perItem;
    const gi = (u % perItem) / blocksPerImage;
    const r0 = (u % blocksPerImage) * step;
    const r1 = min(rows, r0 + step);
    const nc = (r1 - r0) * oW;
    const image = x + ((<usize>(n * groups + gi) * img) << 2);
    const out = y + ((<usize>(n * groups + gi) * og * oN) << 2) + ((<usize>r0 * oW) << 2);
    im2colRows(geom, image, cols, r0, r1);
    gemmPackedA(og, nc, kN, wp + <usize>gi * gPack, cols, nc, 1, out, oN, false, pack);
    if (bias != 0) {
      for (let o = 0; o < og; o++) addScalar(out + ((<usize>o * oN) << 2), load<f32>(bias + ((<usize>(gi * og + o)) << 2)), nc);
    }
  }
}

/** A 1x1 convolution with unit stride and no padding: its column matrix is the image itself, so im2col is skipped. */
@inline function pointwise(geom: usize): bool {
  return geo(geom).kD == 1 && geo(geom).kH == 1 && geo(geom).kW == 1 && geo(geom).sD == 1 && geo(geom).sH == 1 && geo(geom).sW == 1
    && geo(geom).pD == 0 && geo(geom).pH == 0 && geo(geom).pW == 0;
}

/**
 * A 1x1 convolution with unit stride and no padding, whose column matrix is the image itself:
 * y[n, g] = W_g x[n, g] (+ bias) for every item of the batch, in units of (item, group, block
 * of `step` output positions), claimed through `next` as convForward's; `wp` as convForward's.
 * Each output element is computed by one unit alone, the same way whatever the block it is in.
 */
export function pointwiseForward(geom: usize, groups: i32, og: i32, x: usize, wp: usize, bias: usize, y: usize,
  batch: i32, step: i32, pack: usize, next: usize): void {
  const kN = colRows(geom), oN = colCols(geom), img = imageSize(geom);
  const gPack = <usize>packedASize(og, kN) << 2;
  const perPlane = (oN + step - 1) / step;
  const units = batch * groups * perPlane;
  for (let u = claim(0, 0, next); u < units; u = claim(u + 1, 0, next)) {
    const plane = u / perPlane;
    const j0 = (u % perPlane) * step;
    const nc = min(step, oN - j0);
    const gi = plane % groups;
    const out = y + ((<usize>plane * og * oN + j0) << 2);
    gemmPackedA(og, nc, kN, wp + <usize>gi * gPack, x + ((<usize>plane * img + j0) << 2), oN, 1, out, oN, false, pack);
    if (bias != 0) {
      for (let o = 0; o < og; o++) addScalar(out + ((<usize>o * oN) << 2), load<f32>(bias + ((<usize>(gi * og + o)) << 2)), nc);
    }
  }
}

/** Output rows per unit of convForward: a column block of about COL_BLOCK_BYTES. */
export function convRowStep(geom: usize): i32 {
  return max(1, COL_BLOCK_BYTES / (colRows(geom) * geo(geom).oW * 4));
}

/** dst[0..n) += v over float32. */
@inline function addScalar(dst: usize, v: f32, n: i32): void {
  const b = f32x4.splat(v);
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(dst + (<usize>i << 2), f32x4.add(v128.load(dst + (<usize>i << 2)), b));
  for (; i < n; i++) store<f32>(dst + (<usize>i << 2), load<f32>(dst + (<usize>i << 2)) + v);
}

/**
 * dx[n] = col2im(W_g^T dy[n, g]) for n in [n0, n1) (dx is overwritten); `next` as convForward.
 * `wt` holds each group's W_g^T [kN, og] packed by packA (packedASize(kN, og) floats per group).
 * Small images (span > 1) go `span` items at a time: their gradients side by side in `dyc`
 * (og * span * oN floats), the product's columns in `cols` (kN * span * oN), folded back item by item.
 */
export function convBackwardInput(geom: usize, groups: i32, og: i32, dy: usize, wt: usize, dx: usize,
  n0: i32, n1: i32, span: i32, dyc: usize, cols: usize, pack: usize, next: usize): void {
  const kN = colRows(geom), oN = colCols(geom), img = imageSize(geom);
  const gPack = <usize>packedASize(kN, og) << 2;
  if (span > 1) {
    const units = ((n1 - n0 + span - 1) / span) * groups;
    for (let u = claim(0, 0, next); u < units; u = claim(u + 1, 0, next)) {
      const s0 = n0 + (u / groups) * span, gi = u % groups;
      const items = min(span, n1 - s0);
      const ld = items * oN;
      for (let i = 0; i < items; i++) {
        const grad = dy + ((<usize>((s0 + i) * groups + gi) * og * oN) << 2);
        for (let o = 0; o < og; o++) copyRow(dyc + ((<usize>(o * ld + i * oN)) << 2), grad + ((<usize>o * oN) << 2), oN);
      }
      gemmPackedA(kN, ld, og, wt + <usize>gi * gPack, dyc, ld, 1, cols, ld, false, pack);
      for (let i = 0; i < items; i++) {
        const image = dx + ((<usize>((s0 + i) * groups + gi) * img) << 2);
        const block = cols + ((<usize>i * oN) << 2);
        if (pointwise(geom)) {
          for (let c = 0; c < kN; c++) copyRow(image + ((<usize>c * oN) << 2), block + ((<usize>c * ld) << 2), oN);
          continue;
        }
        zeroRow(image, img);
        col2imLd(geom, block, image, ld);
      }
    }
    return;
  }
  for (let n = claim(n0, n0, next); n < n1; n = claim(n + 1, n0, next)) {
    for (let gi = 0; gi < groups; gi++) {
      const grad = dy + ((<usize>(n * groups + gi) * og * oN) << 2);
      const image = dx + ((<usize>(n * groups + gi) * img) << 2);
      if (pointwise(geom)) {
        gemmPackedA(kN, oN, og, wt + <usize>gi * gPack, grad, oN, 1, image, oN, false, pack);
        continue;
      }
      gemmPackedA(kN, oN, og, wt + <usize>gi * gPack, grad, oN, 1, cols, oN, false, pack);
      zeroRow(image, img);
      col2im(geom, cols, image);
    }
  }
}

/**
 * Weight gradient partials: the batch is cut into chunks of `chunk` items (the last shorter);
 * partial c, at dw + c * groups * og * kN floats, is the sum over its items n of
 * dy[n, g] im2col(x[n, g])^T, overwritten. Chunks are claimed through `next` when it is not 0.
 * The caller adds the partials in chunk order, so the result depends on the batch size alone,
 * never on how many threads took part. Items whose images are small (oN < `span` * oN) are
 * multiplied `span` at a time, their columns and gradients side by side, so each product is
 * deep enough to pay for reading and writing dw: `cols` holds kN * span * oN floats and `dyc`
 * og * span * oN (unused when span is 1).
 */
export function convBackwardWeight(geom: usize, groups: i32, og: i32, dy: usize, x: usize, dw: usize,
  chunk: i32, batch: i32, span: i32, dyc: usize, cols: usize, pack: usize, next: usize): void {
  const kN = colRows(geom), oN = colCols(geom), img = imageSize(geom);
  const chunks = (batch + chunk - 1) / chunk;
  const wN = groups * og * kN;
  for (let c = claim(0, 0, next); c < chunks; c = claim(c + 1, 0, next)) {
    const part = dw + ((<usize>c * wN) << 2);
    const n0 = c * chunk, n1 = min(batch, n0 + chunk);
    for (let s0 = n0; s0 < n1; s0 += span) {
      const items = min(span, n1 - s0);
      const ld = items * oN;
      for (let gi = 0; gi < groups; gi++) {
        let grad = dy + ((<usize>(s0 * groups + gi) * og * oN) << 2);
        let b = cols;
        if (items == 1) {
          const image = x + ((<usize>(s0 * groups + gi) * img) << 2);
          if (pointwise(geom)) b = image;
          else im2col(geom, image, cols);
        } else {
          for (let i = 0; i < items; i++) {
            const n = s0 + i;
            im2colLd(geom, x + ((<usize>(n * groups + gi) * img) << 2), cols + ((<usize>i * oN) << 2), ld);
            for (let o = 0; o < og; o++) {
              copyRow(dyc + ((<usize>(o * ld + i * oN)) << 2), dy + ((<usize>((n * groups + gi) * og + o) * oN) << 2), oN);
            }
          }
          grad = dyc;
        }
        gemm(og, kN, ld, grad, ld, 1, b, 1, ld, part + ((<usize>gi * og * kN) << 2), kN, s0 > n0, pack);
      }
    }
  }
}
