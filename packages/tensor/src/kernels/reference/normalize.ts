/** Backend.channelNorm in plain TypeScript: the oracle of the wasm kernel (assembly/normalize.ts). */
import type { TypedArray } from '../../dtype';

const same = (v: number) => v;

/** Batch normalisation's per-channel map, each operation rounded to the arrays' dtype (float32 or float64). */
export function channelNorm(outer: number, channels: number, inner: number, x: TypedArray, xOff: number,
  mean: TypedArray, std: TypedArray, weight: TypedArray | null, bias: TypedArray | null, xhat: TypedArray | null, y: TypedArray): void {
  const r = y instanceof Float32Array ? Math.fround : same;
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
