/** Max pooling over precomputed windows (see Backend.maxPool), plane by plane. */
import type { TypedArray } from '../../dtype';

export function maxPool(planes: number, inN: number, start: Int32Array, taps: Int32Array, src: TypedArray, srcOff: number, values: TypedArray, indices: TypedArray): void {
  const oN = start.length - 1;
  for (let pl = 0; pl < planes; pl++) {
    const base = srcOff + pl * inN;
    for (let o = 0; o < oN; o++) {
      const s = start[o];
      const e = start[o + 1];
      let best = -Infinity;
      let arg = e > s ? taps[s] : 0;
      for (let t = s; t < e; t++) {
        const v = src[base + taps[t]];
        if (v > best || v !== v) {
          best = v;
          arg = taps[t];
          if (v !== v) break;
        }
      }
      values[pl * oN + o] = best;
      indices[pl * oN + o] = arg;
    }
  }
}
