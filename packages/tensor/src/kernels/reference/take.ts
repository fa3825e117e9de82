/**
 * Gather and scatter along the middle axis of [outer, n, inner] arrays, by an index array of
 * [outer, m, inner] (int64 storage): the one mechanism behind gather / scatter_add, the backward
 * of max(dim) and min(dim), nll_loss's picks and max_unpool. Each returns the flat index
 * position of the first index outside [0, n), or -1, before it reads or writes anything there.
 */
import type { TypedArray } from '../../dtype';

/** The position of the first entry of index[iOff .. iOff + count) outside [0, n), or -1. */
function firstInvalid(index: TypedArray, iOff: number, count: number, n: number): number {
  for (let p = 0; p < count; p++) {
    const k = index[iOff + p];
    if (!(k >= 0 && k < n)) return p;
  }
  return -1;
}

export function gatherAxis(outer: number, n: number, inner: number, m: number, src: TypedArray, srcOff: number, index: TypedArray, iOff: number, out: TypedArray): number {
  const bad = firstInvalid(index, iOff, outer * m * inner, n);
  if (bad >= 0) return bad;
  for (let o = 0, p = 0; o < outer; o++) {
    for (let j = 0; j < m; j++) {
      for (let i = 0; i < inner; i++, p++) out[p] = src[srcOff + (o * n + index[iOff + p]) * inner + i];
    }
  }
  return -1;
}

export function scatterAxis(outer: number, n: number, inner: number, m: number, src: TypedArray, srcOff: number, index: TypedArray, iOff: number, dst: TypedArray, dOff: number, accumulate: boolean): number {
  const bad = firstInvalid(index, iOff, outer * m * inner, n);
  if (bad >= 0) return bad;
  for (let o = 0, p = 0; o < outer; o++) {
    for (let j = 0; j < m; j++) {
      for (let i = 0; i < inner; i++, p++) {
        const at = dOff + (o * n + index[iOff + p]) * inner + i;
        dst[at] = accumulate ? dst[at] + src[srcOff + p] : src[srcOff + p];
      }
    }
  }
  return -1;
}
