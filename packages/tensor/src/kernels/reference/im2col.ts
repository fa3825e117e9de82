/**
 * im2col and col2im for any number of spatial dims. Row r of the column matrix is one
 * (channel, kernel offset) pair; column c is one output position. Out-of-image taps read 0.
 * Per-dim tables of input coordinates are built once, so the inner loop is a table lookup.
 */
import type { TypedArray } from '../../dtype';
import type { ConvGeometry } from '../backend';

/** For each spatial dim: coords[d][kd * out_d + od] = input coordinate, or -1 when in the padding. */
function coordTables(g: ConvGeometry): Int32Array[] {
  return g.inSize.map((size, d) => {
    const K = g.kernel[d];
    const O = g.outSize[d];
    const t = new Int32Array(K * O);
    for (let k = 0; k < K; k++) {
      for (let o = 0; o < O; o++) {
        const x = o * g.stride[d] - g.padding[d] + k * g.dilation[d];
        t[k * O + o] = x >= 0 && x < size ? x : -1;
      }
    }
    return t;
  });
}

/** Visits every (row, column) of the column matrix with its input element index (or -1). */
function walk(g: ConvGeometry, visit: (rowBase: number, inIdx: Int32Array, n: number) => void): void {
  const nd = g.inSize.length;
  const tables = coordTables(g);
  const outN = g.outSize.reduce((a, b) => a * b, 1);
  const kN = g.kernel.reduce((a, b) => a * b, 1);
  const inStrides = new Array<number>(nd);
  let acc = 1;
  for (let d = nd - 1; d >= 0; d--) { inStrides[d] = acc; acc *= g.inSize[d]; }
  const imageSize = acc;
  const inIdx = new Int32Array(outN);
  const kPos = new Int32Array(nd);
  const oPos = new Int32Array(nd);
  for (let kk = 0; kk < kN; kk++) {
    // decode the kernel offset tuple of this row
    for (let d = nd - 1, r = kk; d >= 0; d--) { kPos[d] = r % g.kernel[d]; r = Math.floor(r / g.kernel[d]); }
    oPos.fill(0);
    for (let o = 0; o < outN; o++) {
      let idx = 0;
      for (let d = 0; d < nd; d++) {
        const x = tables[d][kPos[d] * g.outSize[d] + oPos[d]];
        if (x < 0) { idx = -1; break; }
        idx += x * inStrides[d];
      }
      inIdx[o] = idx;
      for (let d = nd - 1; d >= 0; d--) { if (++oPos[d] < g.outSize[d]) break; oPos[d] = 0; }
    }
    for (let c = 0; c < g.channels; c++) visit((c * kN + kk) * outN, inIdx, c * imageSize);
  }
}

export function im2col(g: ConvGeometry, src: TypedArray, srcOff: number, cols: TypedArray): void {
  const outN = g.outSize.reduce((a, b) => a * b, 1);
  walk(g, (rowBase, inIdx, chanBase) => {
    const base = srcOff + chanBase;
    for (let o = 0; o < outN; o++) {
      const i = inIdx[o];
      cols[rowBase + o] = i < 0 ? 0 : src[base + i];
    }
  });
}

export function col2im(g: ConvGeometry, cols: TypedArray, dst: TypedArray, dstOff: number): void {
  const outN = g.outSize.reduce((a, b) => a * b, 1);
  walk(g, (rowBase, inIdx, chanBase) => {
    const base = dstOff + chanBase;
    for (let o = 0; o < outN; o++) {
      const i = inIdx[o];
      if (i >= 0) dst[base + i] += cols[rowBase + o];
    }
  });
}
