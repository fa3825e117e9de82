/**
 * im2col and col2im for up to three spatial dims (1-d and 2-d geometries are given as 3-d with
 * leading unit dims). Row r of the column matrix is one (channel, kernel offset) pair, column o
 * one output position; taps in the padding read 0 (im2col) or are dropped (col2im). Along the
 * last dim each row is one contiguous run of valid taps, copied (stride 1) or gathered.
 *
 * The geometry at `geom` is a Geometry (geometry.ts). Pointers are byte addresses of float32 data.
 */
import { geo } from './geometry';
import { addRow, copyRow, zeroRow } from './simd';


/** Rows of the column matrix: channels * prod(kernel). */
export function colRows(geom: usize): i32 {
  return geo(geom).C * geo(geom).kD * geo(geom).kH * geo(geom).kW;
}

/** Columns of the column matrix: prod(outSize). */
export function colCols(geom: usize): i32 {
  return geo(geom).oD * geo(geom).oH * geo(geom).oW;
}

/** Elements of one image of one group: channels * prod(inSize). */
export function imageSize(geom: usize): i32 {
  return geo(geom).C * geo(geom).iD * geo(geom).iH * geo(geom).iW;
}

/** First output index o >= 0 whose tap o*s - p + k*d is >= 0. */
@inline function firstValid(s: i32, offset: i32): i32 {
  // offset = k*d - p; need o*s + offset >= 0
  return offset >= 0 ? 0 : (-offset + s - 1) / s;
}

/** One past the last output index whose tap is < size (clamped to [lo, out]). */
@inline function lastValid(s: i32, offset: i32, size: i32, out: i32, lo: i32): i32 {
  const top = size - 1 - offset;
  if (top < 0) return lo;
  return max(lo, min(out, top / s + 1));
}

/**
 * Walks every (row, output row) pair of the column matrix; `mode` 0 copies image -> cols, 1 adds
 * cols -> image. One function for both directions keeps their index arithmetic identical; it is
 * inlined into each with `mode` constant, so the direction costs no branch in the loops.
 */
@inline function walk(geom: usize, img: usize, cols: usize, mode: i32, r0: i32, r1: i32, ld: usize): void {
  const C = geo(geom).C;
  const iD = geo(geom).iD, iH = geo(geom).iH, iW = geo(geom).iW;
  const kD = geo(geom).kD, kH = geo(geom).kH, kW = geo(geom).kW;
  const oD = geo(geom).oD, oH = geo(geom).oH, oW = geo(geom).oW;
  const sD = geo(geom).sD, sH = geo(geom).sH, sW = geo(geom).sW;
  const pD = geo(geom).pD, pH = geo(geom).pH, pW = geo(geom).pW;
  const dD = geo(geom).dD, dH = geo(geom).dH, dW = geo(geom).dW;
  // output rows r = od * oH + oh in [r0, r1): the column matrix has (r1 - r0) * oW columns, its
  // rows `ld` floats apart
  const planeIn = <usize>iD * iH * iW;
  let row = cols;
  for (let c = 0; c < C; c++) {
    const plane = img + ((<usize>c * planeIn) << 2);
    for (let kd = 0; kd < kD; kd++) {
      for (let kh = 0; kh < kH; kh++) {
        for (let kw = 0; kw < kW; kw++) {
          const offW = kw * dW - pW;
          const lo = min(oW, firstValid(sW, offW));
          const hi = lastValid(sW, offW, iW, oW, lo);
          let dst = row;
          for (let r = r0; r < r1; r++) {
            const od = r / oH, oh = r % oH;
            const id = od * sD - pD + kd * dD;
            {
              const ih = oh * sH - pH + kh * dH;
              if (id < 0 || id >= iD || ih < 0 || ih >= iH) {
                if (mode == 0) zeroRow(dst, oW);
              } else {
                const srow = plane + ((<usize>(id * iH + ih) * iW) << 2);
                if (mode == 0) {
                  if (lo > 0) zeroRow(dst, lo);
                  if (sW == 1) {
                    copyRow(dst + (<usize>lo << 2), srow + (<usize>(lo + offW) << 2), hi - lo);
                  } else {
                    for (let ow = lo; ow < hi; ow++) store<f32>(dst + (<usize>ow << 2), load<f32>(srow + (<usize>(ow * sW + offW) << 2)));
                  }
                  if (hi < oW) zeroRow(dst + (<usize>hi << 2), oW - hi);
                } else if (sW == 1) {
                  addRow(srow + (<usize>(lo + offW) << 2), dst + (<usize>lo << 2), hi - lo);
                } else {
                  for (let ow = lo; ow < hi; ow++) {
                    const p = srow + (<usize>(ow * sW + offW) << 2);
                    store<f32>(p, load<f32>(p) + load<f32>(dst + (<usize>ow << 2)));
                  }
                }
              }
              dst += <usize>oW << 2;
            }
          }
          row += ld << 2;
        }
      }
    }
  }
}

/** Unfolds the image at `img` into the column matrix at `cols`. */
export function im2col(geom: usize, img: usize, cols: usize): void {
  walk(geom, img, cols, 0, 0, geo(geom).oD * geo(geom).oH, colCols(geom));
}

/** im2col into a wider matrix: its rows `ld` floats apart (columns of several images side by side). */
export function im2colLd(geom: usize, img: usize, cols: usize, ld: i32): void {
  walk(geom, img, cols, 0, 0, geo(geom).oD * geo(geom).oH, ld);
}

/**
 * Unfolds only the output rows [r0, r1) (r = od * oH + oh): the columns of those rows, a
 * block of the column matrix with (r1 - r0) * oW columns.
 */
export function im2colRows(geom: usize, img: usize, cols: usize, r0: i32, r1: i32): void {
  walk(geom, img, cols, 0, r0, r1, <usize>(r1 - r0) * geo(geom).oW);
}

/** Adds the column matrix at `cols` back into the image at `img` (the adjoint of im2col). */
export function col2im(geom: usize, cols: usize, img: usize): void {
  walk(geom, img, cols, 1, 0, geo(geom).oD * geo(geom).oH, colCols(geom));
}

/** col2im from a wider matrix: its rows `ld` floats apart (the adjoint of im2colLd). */
export function col2imLd(geom: usize, cols: usize, img: usize, ld: i32): void {
  walk(geom, img, cols, 1, 0, geo(geom).oD * geo(geom).oH, ld);
}
