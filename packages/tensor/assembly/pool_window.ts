/**
 * Max pooling over regular windows (kernel, stride, padding, dilation) of up to three spatial
 * dims, plane by plane, and its gradient. The geometry is a Geometry (geometry.ts; its
 * channel count unused). Output positions along the last dim go four to a vector wherever every
 * tap of the four windows lies inside the row; the rest go one at a time. Taps are visited in
 * window order (depth, row, column) and a maximum is replaced only by a greater value or by the
 * first NaN, so ties keep the first index and NaN wins, as PyTorch's kernel and the reference
 * backend do. Indices are flat positions within the input plane, stored as float64 (the int64
 * storage of NDArray).
 */
import { geo } from './geometry';

/** Floats a vector may read past the end of a row for lanes it does not store (well inside the host's slack). */
const OVER_READ = 64;

/** The first output index o >= 0 whose tap o*s + offset is >= 0. */
@inline function firstInside(s: i32, offset: i32): i32 {
  return offset >= 0 ? 0 : (-offset + s - 1) / s;
}

/** Four floats at p, p + s, p + 2s, p + 3s (s in floats). */
@inline function loadStrided(p: usize, s: i32): v128 {
  if (s == 1) return v128.load(p);
  if (s == 2) return v128.shuffle<f32>(v128.load(p), v128.load(p, 16), 0, 2, 4, 6);
  const sb = <usize>s << 2;
  let v = f32x4.splat(load<f32>(p));
  v = f32x4.replace_lane(v, 1, load<f32>(p + sb));
  v = f32x4.replace_lane(v, 2, load<f32>(p + 2 * sb));
  return f32x4.replace_lane(v, 3, load<f32>(p + 3 * sb));
}

/** Stores four int32 lanes as four float64 at p. */
@inline function storeIndices(p: usize, v: v128): void {
  v128.store(p, f64x2.convert_low_i32x4_s(v));
  v128.store(p, f64x2.convert_low_i32x4_s(v128.shuffle<i32>(v, v, 2, 3, 2, 3)), 16);
}

/** Stores the first n (< 4) lanes of the maxima and their indices. */
@inline function storeLaneTail(v: usize, ix: usize, best: v128, arg: v128, n: i32): void {
  store<f32>(v, f32x4.extract_lane(best, 0));
  store<f64>(ix, <f64>i32x4.extract_lane(arg, 0));
  if (n > 1) {
    store<f32>(v, f32x4.extract_lane(best, 1), 4);
    store<f64>(ix, <f64>i32x4.extract_lane(arg, 1), 8);
  }
  if (n > 2) {
    store<f32>(v, f32x4.extract_lane(best, 2), 8);
    store<f64>(ix, <f64>i32x4.extract_lane(arg, 2), 16);
  }
}

/**
 * For the planes [p0, p1) of `src` (inN floats each): values[pl*oN + o] (float32) and
 * indices[pl*oN + o] (float64) of every window's maximum. An empty window gives -Infinity at
 * index 0.
 */
export function maxPoolWindows(geom: usize, p0: i32, p1: i32, src: usize, values: usize, indices: usize): void {
  const G = geo(geom);
  if (G.iD == 1 && G.kD == 1 && G.kH == 2 && G.kW == 2 && G.sH == 2 && G.sW == 2 && G.pH == 0 && G.pW == 0 && G.dH == 1 && G.dW == 1
    && 2 * G.oH <= G.iH && 2 * G.oW <= G.iW) {
    maxPool2x2(p0, p1, G.iH, G.iW, G.oH, G.oW, src, values, indices);
    return;
  }
  const iD = geo(geom).iD, iH = geo(geom).iH, iW = geo(geom).iW;
  const kD = geo(geom).kD, kH = geo(geom).kH, kW = geo(geom).kW;
  const oD = geo(geom).oD, oH = geo(geom).oH, oW = geo(geom).oW;
  const sD = geo(geom).sD, sH = geo(geom).sH, sW = geo(geom).sW;
  const pD = geo(geom).pD, pH = geo(geom).pH, pW = geo(geom).pW;
  const dD = geo(geom).dD, dH = geo(geom).dH, dW = geo(geom).dW;
  const inN = iD * iH * iW, oN = oD * oH * oW;
  // output columns [lo, hi) have every tap inside the row; a group of four whose valid columns
  // lie there is computed as a vector, the lanes past oW from whatever follows the row (the
  // host keeps memory readable past every block) and not stored
  const lo = firstInside(sW, -pW);
  const lastOff = (kW - 1) * dW - pW;
  const hi = max(lo, min(oW, lastOff <= iW - 1 ? (iW - 1 - lastOff) / sW + 1 : 0));
  const laneStep = i32x4(0, sW, 2 * sW, 3 * sW);
  const negInf = f32x4.splat(-Infinity);
  for (let pl = p0; pl < p1; pl++) {
    const plane = src + ((<usize>pl * inN) << 2);
    for (let od = 0; od < oD; od++) {
      for (let oh = 0; oh < oH; oh++) {
        const o = (od * oH + oh) * oW;
        const vOut = values + ((<usize>pl * oN + o) << 2);
        const iOut = indices + ((<usize>pl * oN + o) << 3);
        // the first window row inside the plane: where the index of an all -Infinity window points
        let firstRow = -1;
        for (let kd = 0; kd < kD && firstRow < 0; kd++) {
          const id = od * sD - pD + kd * dD;
          if (id < 0 || id >= iD) continue;
          for (let kh = 0; kh < kH; kh++) {
            const ih = oh * sH - pH + kh * dH;
            if (ih >= 0 && ih < iH) { firstRow = id * iH + ih; break; }
          }
        }
        let ow = 0;
        while (ow < oW) {
          const live = min(4, oW - ow);
          // a partial group reads at most OVER_READ floats past the row for its unused lanes
          const overRead = (ow + 3) * sW + lastOff + (sW == 2 ? 2 : 1) - iW;
          if (ow >= lo && ow + live <= hi && firstRow >= 0 && (live == 4 || overRead <= OVER_READ)) {
            let best = negInf;
            let arg = i32x4.add(i32x4.splat(firstRow * iW + ow * sW - pW), laneStep);
            for (let kd = 0; kd < kD; kd++) {
              const id = od * sD - pD + kd * dD;
              if (id < 0 || id >= iD) continue;
              for (let kh = 0; kh < kH; kh++) {
                const ih = oh * sH - pH + kh * dH;
                if (ih < 0 || ih >= iH) continue;
                const rowIdx = (id * iH + ih) * iW + ow * sW - pW;
                for (let kw = 0; kw < kW; kw++) {
                  const idx = rowIdx + kw * dW;
                  const v = loadStrided(plane + ((<usize>idx) << 2), sW);
                  const up = v128.or(f32x4.gt(v, best), v128.and(f32x4.ne(v, v), f32x4.eq(best, best)));
                  best = v128.bitselect(v, best, up);
                  arg = v128.bitselect(i32x4.add(i32x4.splat(idx), laneStep), arg, up);
                }
              }
            }
            if (live == 4) {
              v128.store(vOut + (<usize>ow << 2), best);
              storeIndices(iOut + (<usize>ow << 3), arg);
            } else {
              storeLaneTail(vOut + (<usize>ow << 2), iOut + (<usize>ow << 3), best, arg, live);
            }
            ow += 4;
            continue;
          }
          let best: f32 = -Infinity;
          let arg = -1;
          let nan = false;
          for (let kd = 0; kd < kD && !nan; kd++) {
            const id = od * sD - pD + kd * dD;
            if (id < 0 || id >= iD) continue;
            for (let kh = 0; kh < kH && !nan; kh++) {
              const ih = oh * sH - pH + kh * dH;
              if (ih < 0 || ih >= iH) continue;
              for (let kw = 0; kw < kW; kw++) {
                const iw = ow * sW - pW + kw * dW;
                if (iw < 0 || iw >= iW) continue;
                const idx = (id * iH + ih) * iW + iw;
                const v = load<f32>(plane + ((<usize>idx) << 2));
                if (arg < 0) arg = idx;
                if (v > best || v != v) {
                  best = v;
                  arg = idx;
                  if (v != v) { nan = true; break; }
                }
              }
            }
          }
          store<f32>(vOut + (<usize>ow << 2), best);
          store<f64>(iOut + (<usize>ow << 3), <f64>max(arg, 0));
          ow++;
        }
      }
    }
  }
}

/**
 * The gradient of max pooling for the planes [p0, p1): dx (inN floats a plane, overwritten) gets
 * each output gradient grad[pl*oN + o] added at its index indices[pl*oN + o] (float64), in
 * output order.
 */
export function maxPoolBackward(p0: i32, p1: i32, inN: i32, oN: i32, grad: usize, indices: usize, dx: usize): void {
  for (let pl = p0; pl < p1; pl++) {
    const plane = dx + ((<usize>pl * inN) << 2);
    memory.fill(plane, 0, <usize>inN << 2);
    const gp = grad + ((<usize>pl * oN) << 2);
    const ip = indices + ((<usize>pl * oN) << 3);
    for (let o = 0; o < oN; o++) {
      const at = plane + ((<usize>(<i32>load<f64>(ip + (<usize>o << 3)))) << 2);
      store<f32>(at, load<f32>(at) + load<f32>(gp + (<usize>o << 2)));
    }
  }
}

/**
 * out[c] (float32) = the sum over n < outer and i < inner of src[(n*channels + c)*inner + i],
 * accumulated in float64 two lanes at a time, for the channels [c0, c1).
 */
export function channelSum(outer: i32, channels: i32, inner: i32, src: usize, out: usize, c0: i32, c1: i32): void {
  for (let c = c0; c < c1; c++) {
    let a0 = f64x2.splat(0), a1 = f64x2.splat(0);
    let tail: f64 = 0;
    for (let n = 0; n < outer; n++) {
      const row = src + ((<usize>(n * channels + c) * inner) << 2);
      let i = 0;
      for (; i + 4 <= inner; i += 4) {
        const v = v128.load(row + (<usize>i << 2));
        a0 = f64x2.add(a0, f64x2.promote_low_f32x4(v));
        a1 = f64x2.add(a1, f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 2, 3)));
      }
      for (; i < inner; i++) tail += <f64>load<f32>(row + (<usize>i << 2));
    }
    const s = f64x2.add(a0, a1);
    store<f32>(out + (<usize>c << 2), <f32>(f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1) + tail));
  }
}

/** The maximum of v and best by maxPoolWindows' rule (greater, or the first NaN), with its index. */
@inline function better(v: v128, best: v128): v128 {
  return v128.or(f32x4.gt(v, best), v128.and(f32x4.ne(v, v), f32x4.eq(best, best)));
}

/**
 * 2x2 windows with stride 2, no padding and every window inside the input (the commonest
 * pooling, without a ceil_mode overhang): four output columns from
 * two rows of eight floats, split into even and odd columns, taps compared in window order.
 * The last group of a row may read up to eight floats past the row (the host keeps memory
 * readable past every block); its unused lanes are not stored.
 */
function maxPool2x2(p0: i32, p1: i32, iH: i32, iW: i32, oH: i32, oW: i32, src: usize, values: usize, indices: usize): void {
  const inN = iH * iW, oN = oH * oW;
  const lanes = i32x4(0, 2, 4, 6);
  for (let pl = p0; pl < p1; pl++) {
    const plane = src + ((<usize>pl * inN) << 2);
    for (let oh = 0; oh < oH; oh++) {
      const r0 = 2 * oh * iW;
      const row0 = plane + ((<usize>r0) << 2);
      const row1 = row0 + ((<usize>iW) << 2);
      const o = pl * oN + oh * oW;
      for (let ow = 0; ow < oW; ow += 4) {
        const c = <usize>(2 * ow) << 2;
        const a0 = v128.load(row0 + c), a1 = v128.load(row0 + c, 16);
        const b0 = v128.load(row1 + c), b1 = v128.load(row1 + c, 16);
        const base = i32x4.add(i32x4.splat(r0 + 2 * ow), lanes);
        // taps in window order: (0, 0), (0, 1), (1, 0), (1, 1)
        let best = v128.shuffle<f32>(a0, a1, 0, 2, 4, 6);
        let arg = base;
        let v = v128.shuffle<f32>(a0, a1, 1, 3, 5, 7);
        let up = better(v, best);
        best = v128.bitselect(v, best, up);
        arg = v128.bitselect(i32x4.add(base, i32x4.splat(1)), arg, up);
        v = v128.shuffle<f32>(b0, b1, 0, 2, 4, 6);
        up = better(v, best);
        best = v128.bitselect(v, best, up);
        arg = v128.bitselect(i32x4.add(base, i32x4.splat(iW)), arg, up);
        v = v128.shuffle<f32>(b0, b1, 1, 3, 5, 7);
        up = better(v, best);
        best = v128.bitselect(v, best, up);
        arg = v128.bitselect(i32x4.add(base, i32x4.splat(iW + 1)), arg, up);
        const live = min(4, oW - ow);
        const vp = values + ((<usize>(o + ow)) << 2);
        const ip = indices + ((<usize>(o + ow)) << 3);
        if (live == 4) {
          v128.store(vp, best);
          storeIndices(ip, arg);
        } else {
          storeLaneTail(vp, ip, best, arg, live);
        }
      }
    }
  }
}
