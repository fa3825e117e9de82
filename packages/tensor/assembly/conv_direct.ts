/**
 * Direct convolution for one or two spatial dims with unit stride along the last dim: output
 * columns go along the vector (8 at a time, then 4), four output channels per register block, so
 * one input vector feeds four FMAs and nothing is unfolded. Stride along rows, padding and
 * dilation are general. Each unit of work is (batch item, group, block of output rows): the
 * input rows it reads are first copied, zero padded, into the thread's scratch, so the inner
 * loops never test a bound and may read past the row end into the slack. Weights are packed by
 * packDirectWeights in blocks of four output channels (zero past the last), tap by tap.
 *
 * The geometry is a Geometry (geometry.ts; depth entries 1 and 0 for 1-d and 2-d).
 * Layouts are contiguous: x [N, G*C, H, W], y [N, G*Og, oH, oW]. Pointers are byte addresses.
 */
import { geo } from './geometry';
import { copyRow, hsum, madd, storeLanes, zeroRow } from './simd';

/** Output rows per unit of work: enough for the threads to share one image, few enough to stay in cache. */
const ROWS_PER_UNIT = 4;
/** Floats of slack past the padded row: the widest over-read of the last vector block. */
const SLACK = 8;

/** Floats the padded input rows of one unit take (directScratchBytes / 4). */
function scratchFloats(geom: usize): i32 {
  const C = geo(geom).C, iW = geo(geom).iW, kH = geo(geom).kH, sH = geo(geom).sH, pW = geo(geom).pW, dH = geo(geom).dH;
  const R = (ROWS_PER_UNIT - 1) * sH + (kH - 1) * dH + 1;
  return C * R * (iW + 2 * pW + SLACK);
}

/** Bytes of per-thread scratch directForward needs for this geometry. */
export function directScratchBytes(geom: usize): i32 {
  return scratchFloats(geom) << 2;
}

/** Units of work of directForward for `batch` items and `groups` groups. */
export function directUnits(geom: usize, batch: i32, groups: i32): i32 {
  return batch * groups * ((geo(geom).oH + ROWS_PER_UNIT - 1) / ROWS_PER_UNIT);
}

/** Floats of packed weights per group: og rounded up to 4, times C * kH * kW. */
export function directPackedSize(og: i32, kN: i32): i32 {
  return ((og + 3) >> 2) * 4 * kN;
}

/**
 * Packs one group's weights w [og, kN] (kN = C*kH*kW, row-major) for directForward: block b of
 * four output channels holds, tap by tap, the four channels' weights (0 past og). With `flip`
 * the weights are those of the input gradient instead: w is [og_fwd, C_fwd, kK] and the packed
 * channels are C_fwd (`og` = C_fwd here), the taps are over og_fwd and reversed in space.
 */
export function packDirectWeights(og: i32, kN: i32, w: usize, dst: usize, flip: bool, kK: i32): void {
  const blocks = (og + 3) >> 2;
  for (let b = 0; b < blocks; b++) {
    for (let t = 0; t < kN; t++) {
      for (let j = 0; j < 4; j++) {
        const o = b * 4 + j;
        let v: f32 = 0;
        if (o < og) {
          if (!flip) v = load<f32>(w + ((<usize>o * kN + t) << 2));
          else {
            // t = (input channel i = forward output channel) * kK + tap; o = forward input channel
            const i = t / kK, tap = t % kK;
            v = load<f32>(w + ((<usize>(i * og + o) * kK + (kK - 1 - tap)) << 2));
          }
        }
        store<f32>(dst + ((<usize>((b * kN + t) * 4 + j)) << 2), v);
      }
    }
  }
}

/**
 * Copies input rows [ih0, ih0 + rows) of every channel of one image into `pad` (channel c at
 * row c * R), zero outside the image and in the column padding.
 */
function padRows(geom: usize, image: usize, pad: usize, ih0: i32, rows: i32, R: i32): void {
  const C = geo(geom).C, iH = geo(geom).iH, iW = geo(geom).iW, pW = geo(geom).pW;
  const Wp = iW + 2 * pW + SLACK;
  for (let c = 0; c < C; c++) {
    for (let r = 0; r < rows; r++) {
      const dst = pad + ((<usize>(c * R + r) * Wp) << 2);
      const ih = ih0 + r;
      if (ih < 0 || ih >= iH) {
        zeroRow(dst, Wp);
        continue;
      }
      zeroRow(dst, pW);
      const src = image + ((<usize>(c * iH + ih) * iW) << 2);
      copyRow(dst + (<usize>pW << 2), src, iW);
      zeroRow(dst + ((<usize>(pW + iW)) << 2), pW + SLACK);
    }
  }
}

/**
 * y = W (*) x (+ bias) over the units claimed through `next` (every unit in order when it is 0),
 * for the items [0, batch). `wp` holds each group's weights packed by packDirectWeights
 * (directPackedSize(og, kN) floats per group); `pad` is this thread's directScratchBytes.
 */
export function directForward(geom: usize, groups: i32, og: i32, x: usize, wp: usize, bias: usize, y: usize,
  batch: i32, pad: usize, next: usize): void {
  const C = geo(geom).C, iH = geo(geom).iH, iW = geo(geom).iW;
  const kH = geo(geom).kH, kW = geo(geom).kW;
  const oH = geo(geom).oH, oW = geo(geom).oW;
  const sH = geo(geom).sH, pH = geo(geom).pH, pW = geo(geom).pW;
  const dH = geo(geom).dH, dW = geo(geom).dW;
  const Wp = iW + 2 * pW + SLACK;
  const kN = C * kH * kW;
  const img = C * iH * iW, oN = oH * oW;
  const rowBlocks = (oH + ROWS_PER_UNIT - 1) / ROWS_PER_UNIT;
  const perItem = groups * rowBlocks;
  const units = batch * perItem;
  const gPack = <usize>directPackedSize(og, kN) << 2;
  const oBlocks = (og + 3) >> 2;
  const R = (ROWS_PER_UNIT - 1) * sH + (kH - 1) * dH + 1;
  const rowBytes = <usize>Wp << 2;
  const chanBytes = <usize>R * rowBytes;
  for (let u = next == 0 ? 0 : atomic.add<i32>(next, 1); u < units; u = next == 0 ? u + 1 : atomic.add<i32>(next, 1)) {
    const n = u / perItem;
    const gi = (u % perItem) / rowBlocks;
    const r0 = (u % rowBlocks) * ROWS_PER_UNIT;
    const r1 = min(oH, r0 + ROWS_PER_UNIT);
    const ih0 = r0 * sH - pH;
    padRows(geom, x + ((<usize>(n * groups + gi) * img) << 2), pad, ih0, (r1 - 1 - r0) * sH + (kH - 1) * dH + 1, R);
    const wg = wp + <usize>gi * gPack;
    const yg = y + ((<usize>(n * groups + gi) * og * oN) << 2);
    if (og == 1) {
      singleChannel(wg, bias != 0 ? load<f32>(bias + (<usize>gi << 2)) : 0, pad, yg, r0, r1, C, kH, kW, oW, sH, dH, dW, rowBytes, chanBytes);
      continue;
    }
    for (let ob = 0; ob < oBlocks; ob++) {
      const wb = wg + ((<usize>ob * kN * 4) << 2);
      const o0 = ob * 4;
      const live = min(4, og - o0);
      if (live < 4) {
        // a last block of one to three channels: more columns a tap per channel instead of empty lanes
        const bp = bias + ((<usize>(gi * og + o0)) << 2);
        const yb = yg + ((<usize>o0 * oN) << 2);
        const has = bias != 0;
        const bv0: f32 = has ? load<f32>(bp) : 0;
        const bv1: f32 = has && live > 1 ? load<f32>(bp, 4) : 0;
        const bv2: f32 = has && live > 2 ? load<f32>(bp, 8) : 0;
        if (live == 1) singleChannel(wb, bv0, pad, yb, r0, r1, C, kH, kW, oW, sH, dH, dW, rowBytes, chanBytes);
        else if (live == 2) twoChannels(wb, bv0, bv1, pad, yb, <usize>oN << 2, r0, r1, C, kH, kW, oW, sH, dH, dW, rowBytes, chanBytes);
        else threeChannels(wb, bv0, bv1, bv2, pad, yb, <usize>oN << 2, r0, r1, C, kH, kW, oW, sH, dH, dW, rowBytes, chanBytes);
        continue;
      }
      let b0: f32 = 0, b1: f32 = 0, b2: f32 = 0, b3: f32 = 0;
      if (bias != 0) {
        const bp = bias + ((<usize>(gi * og + o0)) << 2);
        b0 = load<f32>(bp);
        if (live > 1) b1 = load<f32>(bp, 4);
        if (live > 2) b2 = load<f32>(bp, 8);
        if (live > 3) b3 = load<f32>(bp, 12);
      }
      for (let oh = r0; oh < r1; oh++) {
        const rowBase = pad + <usize>((oh - r0) * sH) * rowBytes;
        const yRow = yg + ((<usize>(o0 * oN + oh * oW)) << 2);
        let ow = 0;
        for (; ow + 4 < oW; ow += 8) {
          let a00 = f32x4.splat(b0), a01 = a00, a10 = f32x4.splat(b1), a11 = a10;
          let a20 = f32x4.splat(b2), a21 = a20, a30 = f32x4.splat(b3), a31 = a30;
          let w = wb;
          for (let c = 0; c < C; c++) {
            for (let kh = 0; kh < kH; kh++) {
              let p = rowBase + <usize>c * chanBytes + <usize>(kh * dH) * rowBytes + (<usize>ow << 2);
              for (let kw = 0; kw < kW; kw++) {
                const x0 = v128.load(p), x1 = v128.load(p, 16);
                let wv = v128.load32_splat(w);
                a00 = madd(x0, wv, a00); a01 = madd(x1, wv, a01);
                wv = v128.load32_splat(w, 4);
                a10 = madd(x0, wv, a10); a11 = madd(x1, wv, a11);
                wv = v128.load32_splat(w, 8);
                a20 = madd(x0, wv, a20); a21 = madd(x1, wv, a21);
                wv = v128.load32_splat(w, 12);
                a30 = madd(x0, wv, a30); a31 = madd(x1, wv, a31);
                w += 16;
                p += <usize>dW << 2;
              }
            }
          }
          const n1 = min(4, oW - ow - 4);
          const q = yRow + (<usize>ow << 2);
          const ob2 = <usize>oN << 2;
          v128.store(q, a00); storeLanes(q + 16, a01, n1);
          if (live > 1) { v128.store(q + ob2, a10); storeLanes(q + ob2 + 16, a11, n1); }
          if (live > 2) { v128.store(q + 2 * ob2, a20); storeLanes(q + 2 * ob2 + 16, a21, n1); }
          if (live > 3) { v128.store(q + 3 * ob2, a30); storeLanes(q + 3 * ob2 + 16, a31, n1); }
        }
        if (ow < oW) {
          let a0 = f32x4.splat(b0), a1 = f32x4.splat(b1), a2 = f32x4.splat(b2), a3 = f32x4.splat(b3);
          let w = wb;
          for (let c = 0; c < C; c++) {
            for (let kh = 0; kh < kH; kh++) {
              let p = rowBase + <usize>c * chanBytes + <usize>(kh * dH) * rowBytes + (<usize>ow << 2);
              for (let kw = 0; kw < kW; kw++) {
                const x0 = v128.load(p);
                a0 = madd(x0, v128.load32_splat(w), a0);
                a1 = madd(x0, v128.load32_splat(w, 4), a1);
                a2 = madd(x0, v128.load32_splat(w, 8), a2);
                a3 = madd(x0, v128.load32_splat(w, 12), a3);
                w += 16;
                p += <usize>dW << 2;
              }
            }
          }
          const n0 = oW - ow;
          const q = yRow + (<usize>ow << 2);
          const ob2 = <usize>oN << 2;
          storeLanes(q, a0, n0);
          if (live > 1) storeLanes(q + ob2, a1, n0);
          if (live > 2) storeLanes(q + 2 * ob2, a2, n0);
          if (live > 3) storeLanes(q + 3 * ob2, a3, n0);
        }
      }
    }
  }
}

/** Bytes of per-thread scratch directWeightGrad needs: one padded image and one regrouped gradient. */
export function directWeightScratchBytes(geom: usize, og: i32): i32 {
  const C = geo(geom).C, iH = geo(geom).iH, iW = geo(geom).iW, pH = geo(geom).pH, pW = geo(geom).pW;
  const oH = geo(geom).oH, oW = geo(geom).oW;
  return (C * (iH + 2 * pH + 1) * (iW + 2 * pW + SLACK) + ((og + 3) & ~3) * oH * ((oW + 3) & ~3)) << 2;
}

/**
 * Copies one item's gradient dy [og, oH, oW] into `dst` regrouped for directWeightGrad: block b
 * of four channels, row oh, column group q holds 4 x 4 floats, channel-major (the four columns
 * of channel 4b, then of 4b + 1, ...), zero past the last column and the last channel.
 */
function regroupGradient(dy: usize, og: i32, oH: i32, oW: i32, dst: usize): void {
  const q4 = (oW + 3) >> 2;
  for (let b = 0; b < (og + 3) >> 2; b++) {
    for (let oh = 0; oh < oH; oh++) {
      for (let q = 0; q < q4; q++) {
        const d = dst + ((<usize>((b * oH + oh) * q4 + q) * 16) << 2);
        for (let j = 0; j < 4; j++) {
          const o = b * 4 + j;
          const src = dy + ((<usize>((o * oH + oh) * oW + q * 4)) << 2);
          if (o < og && q * 4 + 4 <= oW) {
            v128.store(d + (<usize>j << 4), v128.load(src));
            continue;
          }
          for (let l = 0; l < 4; l++) {
            const ow = q * 4 + l;
            store<f32>(d + ((<usize>(j * 4 + l)) << 2), o < og && ow < oW ? load<f32>(dy + ((<usize>((o * oH + oh) * oW + ow)) << 2)) : 0);
          }
        }
      }
    }
  }
}

/**
 * Weight gradient partials by the direct method: the batch is cut into chunks of `chunk` items;
 * partial c (at dw + c * groups * og * kN floats, overwritten) is, for every weight (o, ci, kh,
 * kw) of every group, the sum over the chunk's items and output positions of dy[n, o, oh, ow] *
 * x[n, ci, oh*sH + kh*dH - pH, ow + kw*dW - pW]. Each item's image is first copied zero padded
 * into `scratch` and its gradient regrouped four channels by four columns, so a few output
 * channels by a few neighbouring taps (the register blocks below) accumulate in registers, over
 * all positions, with every load at a fixed offset from two pointers. Chunks are claimed through `next` when it is not 0;
 * the caller adds the partials in chunk order.
 */
export function directWeightGrad(geom: usize, groups: i32, og: i32, dy: usize, x: usize, dw: usize,
  chunk: i32, batch: i32, scratch: usize, next: usize): void {
  const C = geo(geom).C, iH = geo(geom).iH, iW = geo(geom).iW;
  const kH = geo(geom).kH, kW = geo(geom).kW;
  const oH = geo(geom).oH, oW = geo(geom).oW;
  const sH = geo(geom).sH, pH = geo(geom).pH, pW = geo(geom).pW;
  const dH = geo(geom).dH, dW = geo(geom).dW;
  const Wp = iW + 2 * pW + SLACK;
  const Hp = iH + 2 * pH + 1;
  const q4 = (oW + 3) >> 2;
  const kK = kH * kW, kN = C * kK;
  const img = C * iH * iW, oN = oH * oW;
  const wN = groups * og * kN;
  const xs = scratch;
  const gs = scratch + ((<usize>C * Hp * Wp) << 2);
  const rowBytes = <usize>Wp << 2;
  const chanBytes = <usize>Hp * rowBytes;
  const gBlock = <usize>oH * q4 * 64;
  const step = <usize>dW << 2;
  const chunks = (batch + chunk - 1) / chunk;
  for (let ch = next == 0 ? 0 : atomic.add<i32>(next, 1); ch < chunks; ch = next == 0 ? ch + 1 : atomic.add<i32>(next, 1)) {
    const part = dw + ((<usize>ch * wN) << 2);
    zeroRow(part, wN);
    const n0 = ch * chunk, n1 = min(batch, n0 + chunk);
    for (let n = n0; n < n1; n++) {
      for (let gi = 0; gi < groups; gi++) {
        padRows(geom, x + ((<usize>(n * groups + gi) * img) << 2), xs, -pH, Hp, Hp);
        regroupGradient(dy + ((<usize>(n * groups + gi) * og * oN) << 2), og, oH, oW, gs);
        const pg = part + ((<usize>gi * og * kN) << 2);
        for (let o0 = 0; o0 < og; o0 += 4) {
          const live = min(4, og - o0);
          const gb = gs + <usize>(o0 >> 2) * gBlock;
          for (let ci = 0; ci < C; ci++) {
            for (let kh = 0; kh < kH; kh++) {
              const t0 = (ci * kH + kh) * kW;
              const xr = xs + <usize>ci * chanBytes + <usize>(kh * dH) * rowBytes;
              let kw = 0;
              if (live > 2) {
                for (; kw + 1 < kW; kw += 2) weightBlock(xr + (<usize>(kw * dW) << 2), gb, q4, oH, sH, rowBytes, step, pg, kN, o0, t0 + kw, live, 4, 2);
                if (kw < kW) weightBlock(xr + (<usize>(kw * dW) << 2), gb, q4, oH, sH, rowBytes, step, pg, kN, o0, t0 + kw, live, 4, 1);
              } else {
                for (; kw + 3 < kW; kw += 4) weightBlock(xr + (<usize>(kw * dW) << 2), gb, q4, oH, sH, rowBytes, step, pg, kN, o0, t0 + kw, live, 2, 4);
                for (; kw < kW; kw++) weightBlock(xr + (<usize>(kw * dW) << 2), gb, q4, oH, sH, rowBytes, step, pg, kN, o0, t0 + kw, live, 2, 1);
              }
            }
          }
        }
      }
    }
  }
}

/**
 * A register block of directWeightGrad: for `chans` output channels of a block of four (the
 * regrouped gradient at gb; `live` of them real) and `taps` neighbouring taps (the first at x0,
 * the next `step` bytes on), the sum over all output positions of dy * x, four columns in the
 * lanes, walking down the rows; each lane sum is then added to its weight. Every (channel, tap)
 * accumulates in the same order whichever block computes it. Called with constants: four
 * channels by two taps (six loads for eight FMAs) or one, and, for a last block of one or two
 * live channels, two channels by four taps or one.
 */
@inline function weightBlock(x0: usize, gb: usize, q4: i32, oH: i32, sH: i32, rowBytes: usize, step: usize,
  pg: usize, kN: i32, o0: i32, t: i32, live: i32, chans: i32, taps: i32): void {
  let a00 = f32x4.splat(0), a01 = a00, a02 = a00, a03 = a00, a10 = a00, a11 = a00, a12 = a00, a13 = a00;
  let a20 = a00, a21 = a00, a30 = a00, a31 = a00;
  const xStep = <usize>sH * rowBytes;
  const gStep = <usize>q4 << 6;
  for (let q = 0; q < q4; q++) {
    let xp = x0 + (<usize>q << 4);
    let gp = gb + (<usize>q << 6);
    const end = gp + <usize>oH * gStep;
    for (; gp < end; gp += gStep, xp += xStep) {
      const v0 = v128.load(xp);
      const v1 = taps > 1 ? v128.load(xp + step) : v0;
      const v2 = taps > 2 ? v128.load(xp + 2 * step) : v0;
      const v3 = taps > 3 ? v128.load(xp + 3 * step) : v0;
      const d0 = v128.load(gp), d1 = v128.load(gp, 16);
      a00 = madd(d0, v0, a00); a10 = madd(d1, v0, a10);
      if (taps > 1) { a01 = madd(d0, v1, a01); a11 = madd(d1, v1, a11); }
      if (taps > 2) { a02 = madd(d0, v2, a02); a12 = madd(d1, v2, a12); }
      if (taps > 3) { a03 = madd(d0, v3, a03); a13 = madd(d1, v3, a13); }
      if (chans > 2) {
        const d2 = v128.load(gp, 32), d3 = v128.load(gp, 48);
        a20 = madd(d2, v0, a20); a30 = madd(d3, v0, a30);
        if (taps > 1) { a21 = madd(d2, v1, a21); a31 = madd(d3, v1, a31); }
      }
    }
  }
  const two = taps > 1;
  addTap(pg, kN, o0, t, a00, a01, two);
  if (taps > 2) addTap(pg, kN, o0, t + 2, a02, a03, true);
  if (live > 1) {
    addTap(pg, kN, o0 + 1, t, a10, a11, two);
    if (taps > 2) addTap(pg, kN, o0 + 1, t + 2, a12, a13, true);
  }
  if (chans > 2 && live > 2) addTap(pg, kN, o0 + 2, t, a20, a21, two);
  if (chans > 2 && live > 3) addTap(pg, kN, o0 + 3, t, a30, a31, two);
}

/** dw[o, t] += sum(a), and dw[o, t + 1] += sum(b) when `two`. */
@inline function addTap(dw: usize, kN: i32, o: i32, t: i32, a: v128, b: v128, two: bool): void {
  const p = dw + ((<usize>(o * kN + t)) << 2);
  store<f32>(p, load<f32>(p) + hsum(a));
  if (two) store<f32>(p, load<f32>(p, 4) + hsum(b), 4);
}

/**
 * The rows [r0, r1) of one output channel (a depthwise convolution's group): sixteen output
 * columns at a time in four vectors, then four, each tap's weight splat once for all of them.
 * `w` is the channel's packed weights (lane 0 of each tap's four), `pad` the unit's padded rows.
 */
function singleChannel(w0: usize, b: f32, pad: usize, y: usize, r0: i32, r1: i32, C: i32, kH: i32, kW: i32, oW: i32,
  sH: i32, dH: i32, dW: i32, rowBytes: usize, chanBytes: usize): void {
  const step = <usize>dW << 2;
  for (let oh = r0; oh < r1; oh++) {
    const rowBase = pad + <usize>((oh - r0) * sH) * rowBytes;
    const yRow = y + ((<usize>oh * oW) << 2);
    let ow = 0;
    for (; ow + 12 < oW; ow += 16) {
      let a0 = f32x4.splat(b), a1 = a0, a2 = a0, a3 = a0;
      let w = w0;
      for (let c = 0; c < C; c++) {
        for (let kh = 0; kh < kH; kh++) {
          let p = rowBase + <usize>c * chanBytes + <usize>(kh * dH) * rowBytes + (<usize>ow << 2);
          for (let kw = 0; kw < kW; kw++) {
            const wv = v128.load32_splat(w);
            a0 = madd(v128.load(p), wv, a0);
            a1 = madd(v128.load(p, 16), wv, a1);
            a2 = madd(v128.load(p, 32), wv, a2);
            a3 = madd(v128.load(p, 48), wv, a3);
            w += 16;
            p += step;
          }
        }
      }
      const q = yRow + (<usize>ow << 2);
      v128.store(q, a0);
      v128.store(q, a1, 16);
      v128.store(q, a2, 32);
      storeLanes(q + 48, a3, min(4, oW - ow - 12));
    }
    for (; ow < oW; ow += 4) {
      let a0 = f32x4.splat(b);
      let w = w0;
      for (let c = 0; c < C; c++) {
        for (let kh = 0; kh < kH; kh++) {
          let p = rowBase + <usize>c * chanBytes + <usize>(kh * dH) * rowBytes + (<usize>ow << 2);
          for (let kw = 0; kw < kW; kw++) {
            a0 = madd(v128.load(p), v128.load32_splat(w), a0);
            w += 16;
            p += step;
          }
        }
      }
      storeLanes(yRow + (<usize>ow << 2), a0, min(4, oW - ow));
    }
  }
}

/**
 * The rows [r0, r1) of two output channels (lanes 0 and 1 of a packed block of four, their rows
 * `chan` bytes apart in y): sixteen columns at a time, two accumulators of four vectors.
 */
function twoChannels(w0: usize, b0: f32, b1: f32, pad: usize, y: usize, chan: usize, r0: i32, r1: i32, C: i32, kH: i32, kW: i32, oW: i32,
  sH: i32, dH: i32, dW: i32, rowBytes: usize, chanBytes: usize): void {
  const step = <usize>dW << 2;
  for (let oh = r0; oh < r1; oh++) {
    const rowBase = pad + <usize>((oh - r0) * sH) * rowBytes;
    const yRow = y + ((<usize>oh * oW) << 2);
    let ow = 0;
    for (; ow < oW; ow += 16) {
      let a0 = f32x4.splat(b0), a1 = a0, a2 = a0, a3 = a0;
      let c0 = f32x4.splat(b1), c1 = c0, c2 = c0, c3 = c0;
      let w = w0;
      for (let c = 0; c < C; c++) {
        for (let kh = 0; kh < kH; kh++) {
          let p = rowBase + <usize>c * chanBytes + <usize>(kh * dH) * rowBytes + (<usize>ow << 2);
          for (let kw = 0; kw < kW; kw++) {
            const x0 = v128.load(p), x1 = v128.load(p, 16), x2 = v128.load(p, 32), x3 = v128.load(p, 48);
            let wv = v128.load32_splat(w);
            a0 = madd(x0, wv, a0); a1 = madd(x1, wv, a1); a2 = madd(x2, wv, a2); a3 = madd(x3, wv, a3);
            wv = v128.load32_splat(w, 4);
            c0 = madd(x0, wv, c0); c1 = madd(x1, wv, c1); c2 = madd(x2, wv, c2); c3 = madd(x3, wv, c3);
            w += 16;
            p += step;
          }
        }
      }
      const q = yRow + (<usize>ow << 2);
      const n = oW - ow;
      storeLanes(q, a0, n); storeLanes(q + chan, c0, n);
      if (n > 4) { storeLanes(q + 16, a1, n - 4); storeLanes(q + chan + 16, c1, n - 4); }
      if (n > 8) { storeLanes(q + 32, a2, n - 8); storeLanes(q + chan + 32, c2, n - 8); }
      if (n > 12) { storeLanes(q + 48, a3, n - 12); storeLanes(q + chan + 48, c3, n - 12); }
    }
  }
}

/**
 * The rows [r0, r1) of three output channels (lanes 0 to 2 of a packed block, rows `chan` bytes
 * apart in y): twelve columns at a time, three accumulators of three vectors.
 */
function threeChannels(w0: usize, b0: f32, b1: f32, b2: f32, pad: usize, y: usize, chan: usize, r0: i32, r1: i32, C: i32, kH: i32, kW: i32, oW: i32,
  sH: i32, dH: i32, dW: i32, rowBytes: usize, chanBytes: usize): void {
  const step = <usize>dW << 2;
  for (let oh = r0; oh < r1; oh++) {
    const rowBase = pad + <usize>((oh - r0) * sH) * rowBytes;
    const yRow = y + ((<usize>oh * oW) << 2);
    for (let ow = 0; ow < oW; ow += 12) {
      let a0 = f32x4.splat(b0), a1 = a0, a2 = a0;
      let c0 = f32x4.splat(b1), c1 = c0, c2 = c0;
      let e0 = f32x4.splat(b2), e1 = e0, e2 = e0;
      let w = w0;
      for (let c = 0; c < C; c++) {
        for (let kh = 0; kh < kH; kh++) {
          let p = rowBase + <usize>c * chanBytes + <usize>(kh * dH) * rowBytes + (<usize>ow << 2);
          for (let kw = 0; kw < kW; kw++) {
            const x0 = v128.load(p), x1 = v128.load(p, 16), x2 = v128.load(p, 32);
            let wv = v128.load32_splat(w);
            a0 = madd(x0, wv, a0); a1 = madd(x1, wv, a1); a2 = madd(x2, wv, a2);
            wv = v128.load32_splat(w, 4);
            c0 = madd(x0, wv, c0); c1 = madd(x1, wv, c1); c2 = madd(x2, wv, c2);
            wv = v128.load32_splat(w, 8);
            e0 = madd(x0, wv, e0); e1 = madd(x1, wv, e1); e2 = madd(x2, wv, e2);
            w += 16;
            p += step;
          }
        }
      }
      const q = yRow + (<usize>ow << 2);
      const n = oW - ow;
      storeLanes(q, a0, n); storeLanes(q + chan, c0, n); storeLanes(q + 2 * chan, e0, n);
      if (n > 4) { storeLanes(q + 16, a1, n - 4); storeLanes(q + chan + 16, c1, n - 4); storeLanes(q + 2 * chan + 16, e1, n - 4); }
      if (n > 8) { storeLanes(q + 32, a2, n - 8); storeLanes(q + chan + 32, c2, n - 8); storeLanes(q + 2 * chan + 32, e2, n - 8); }
    }
  }
}
