/**
 * Average pooling over up to three spatial dims, plane by plane, forward and backward, over
 * regular windows (kernel, stride, padding; unit dilation) or adaptive ones (output o of a dim
 * of length L pooled to O covers [floor(o L / O), ceil((o + 1) L / O))). The geometry is the
 * Geometry of geometry.ts. Each window is a box of input rows; a row's run of taps is summed
 * (or, backward, added to) four floats at a time.
 */
import { geo } from './geometry';

/** The first input index of output o's window along one dim (clipped to the input). */
@inline function lo(adaptive: bool, o: i32, L: i32, O: i32, s: i32, p: i32): i32 {
  return adaptive ? <i32>((<i64>o * L) / O) : max(o * s - p, 0);
}

/** One past the last input index of output o's window along one dim (clipped to the input). */
@inline function hi(adaptive: bool, o: i32, L: i32, O: i32, k: i32, s: i32, p: i32): i32 {
  return adaptive ? <i32>(((<i64>o + 1) * L + O - 1) / O) : min(o * s - p + k, L);
}

/** The sum of n floats at p. */
@inline function sumRun(p: usize, n: i32): f32 {
  let acc = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) acc = f32x4.add(acc, v128.load(p + (<usize>i << 2)));
  let s = (f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1)) + (f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3));
  for (; i < n; i++) s += load<f32>(p + (<usize>i << 2));
  return s;
}

/** n floats at p += v. */
@inline function addRun(p: usize, n: i32, v: f32): void {
  const vv = f32x4.splat(v);
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(p + (<usize>i << 2), f32x4.add(v128.load(p + (<usize>i << 2)), vv));
  for (; i < n; i++) store<f32>(p + (<usize>i << 2), load<f32>(p + (<usize>i << 2)) + v);
}

/**
 * For the planes [p0, p1): forward (back == 0), out[pl*oN + o] = (sum of window o) / divisor;
 * backward, the plane of `out` (inN floats, overwritten) gets src[pl*oN + o] / divisor added at
 * every tap of window o. The divisor is divs[o] (float32) for regular windows, the window's
 * element count for adaptive ones.
 */
export function avgPoolPlanes(geom: usize, p0: i32, p1: i32, src: usize, divs: usize, out: usize, adaptive: bool, back: bool): void {
  const iD = geo(geom).iD, iH = geo(geom).iH, iW = geo(geom).iW;
  const kD = geo(geom).kD, kH = geo(geom).kH, kW = geo(geom).kW;
  const oD = geo(geom).oD, oH = geo(geom).oH, oW = geo(geom).oW;
  const sD = geo(geom).sD, sH = geo(geom).sH, sW = geo(geom).sW;
  const pD = geo(geom).pD, pH = geo(geom).pH, pW = geo(geom).pW;
  const inN = iD * iH * iW, oN = oD * oH * oW;
  for (let pl = p0; pl < p1; pl++) {
    const plane = (back ? out : src) + ((<usize>pl * inN) << 2);
    if (back) memory.fill(plane, 0, <usize>inN << 2);
    let o = 0;
    for (let od = 0; od < oD; od++) {
      const d0 = lo(adaptive, od, iD, oD, sD, pD), d1 = hi(adaptive, od, iD, oD, kD, sD, pD);
      for (let oh = 0; oh < oH; oh++) {
        const h0 = lo(adaptive, oh, iH, oH, sH, pH), h1 = hi(adaptive, oh, iH, oH, kH, sH, pH);
        for (let ow = 0; ow < oW; ow++, o++) {
          const w0 = lo(adaptive, ow, iW, oW, sW, pW), w1 = hi(adaptive, ow, iW, oW, kW, sW, pW);
          const div: f32 = adaptive ? <f32>((d1 - d0) * (h1 - h0) * (w1 - w0)) : load<f32>(divs + (<usize>o << 2));
          const at = (<usize>pl * oN + o) << 2;
          if (back) {
            const v = load<f32>(src + at) / div;
            for (let i = d0; i < d1; i++) for (let j = h0; j < h1; j++) addRun(plane + ((<usize>((i * iH + j) * iW + w0)) << 2), w1 - w0, v);
          } else {
            let s: f32 = 0;
            for (let i = d0; i < d1; i++) for (let j = h0; j < h1; j++) s += sumRun(plane + ((<usize>((i * iH + j) * iW + w0)) << 2), w1 - w0);
            store<f32>(out + at, s / div);
          }
        }
      }
    }
  }
}
