/** Backend.channelNorm and channelNormBackward in plain TypeScript: the oracles of the wasm kernels (assembly/normalize.ts). */
import type { TypedArray } from '../../dtype';
import { roundingOf } from './loops';

/** Batch normalisation's per-channel map, each operation rounded to the arrays' dtype (float32 or float64). */
export function channelNorm(outer: number, channels: number, inner: number, x: TypedArray, xOff: number,
  mean: TypedArray, std: TypedArray, weight: TypedArray | null, bias: TypedArray | null, xhat: TypedArray | null, y: TypedArray): void {
  const r = roundingOf(y);
  for (let n = 0, p = 0; n < outer; n++) {
    for (let c = 0; c < channels; c++, p++) {
      const m = mean[c], s = std[c];
      const w = weight ? weight[c] : 1, b = bias ? bias[c] : 0;
      for (let i = 0, at = p * inner; i < inner; i++, at++) {
        const h = r(r(x[xOff + at] - m) / s);
        if (xhat) xhat[at] = h;
        let v = h;
        if (weight) v = r(v * w);
        if (bias) v = r(v + b);
        y[at] = v;
      }
    }
  }
}

/** Backend.channelNormBackward: sums in double element after element, every other step rounded to the dtype. */
export function channelNormBackward(outer: number, channels: number, inner: number, gy: TypedArray, gyOff: number, xhat: TypedArray,
  weight: TypedArray | null, std: TypedArray, training: boolean, gx: TypedArray | null, gw: TypedArray | null, gb: TypedArray | null): void {
  const r = roundingOf(xhat);
  const n = outer * inner;
  for (let c = 0; c < channels; c++) {
    const w = weight ? weight[c] : 1;
    let sg = 0, sgx = 0, s1 = 0, s2 = 0;
    for (let a = 0; a < outer; a++) {
      for (let b = 0, at = (a * channels + c) * inner; b < inner; b++, at++) {
        const g = gy[gyOff + at], h = xhat[at];
        const gh = weight ? r(g * w) : g;
        sg += g;
        sgx += r(g * h);
        s1 += gh;
        s2 += r(gh * h);
      }
    }
    if (gb) gb[c] = sg;
    if (gw) gw[c] = sgx;
    if (!gx) continue;
    const s = std[c], m1 = r(s1 / n), m2 = r(s2 / n);
    for (let a = 0; a < outer; a++) {
      for (let b = 0, at = (a * channels + c) * inner; b < inner; b++, at++) {
        let gh = weight ? r(gy[gyOff + at] * w) : gy[gyOff + at];
        if (training) gh = r(r(gh - m1) - r(xhat[at] * m2));
        gx[at] = r(gh / s);
      }
    }
  }
}
