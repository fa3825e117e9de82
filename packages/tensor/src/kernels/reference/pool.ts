/** Max pooling (see Backend.maxPool, maxPoolWindows, maxPoolBackward), plane by plane. */
import type { TypedArray } from '../../dtype';
import type { ConvGeometry } from '../backend';

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

/** The input coordinates of each output's window taps along one dim, -1 where in the padding. */
function windowTaps(L: number, O: number, k: number, s: number, p: number, d: number): Int32Array {
  const t = new Int32Array(O * k);
  for (let o = 0; o < O; o++) {
    for (let j = 0; j < k; j++) {
      const x = o * s - p + j * d;
      t[o * k + j] = x >= 0 && x < L ? x : -1;
    }
  }
  return t;
}

export function maxPoolWindows(g: ConvGeometry, planes: number, src: TypedArray, srcOff: number, values: TypedArray, indices: TypedArray): void {
  // as 3-d with leading unit dims
  const nd = g.inSize.length;
  const lift = (v: readonly number[], fill: number) => [...new Array<number>(3 - nd).fill(fill), ...v];
  const [inS, kS, oS, sS, pS, dS] = [lift(g.inSize, 1), lift(g.kernel, 1), lift(g.outSize, 1), lift(g.stride, 1), lift(g.padding, 0), lift(g.dilation, 1)];
  const taps = [0, 1, 2].map((d) => windowTaps(inS[d], oS[d], kS[d], sS[d], pS[d], dS[d]));
  const inN = inS[0] * inS[1] * inS[2];
  const oN = oS[0] * oS[1] * oS[2];
  for (let pl = 0; pl < planes; pl++) {
    const base = srcOff + pl * inN;
    for (let od = 0, o = 0; od < oS[0]; od++) {
      for (let oh = 0; oh < oS[1]; oh++) {
        for (let ow = 0; ow < oS[2]; ow++, o++) {
          let best = -Infinity;
          let arg = -1;
          search: for (let a = 0; a < kS[0]; a++) {
            const id = taps[0][od * kS[0] + a];
            if (id < 0) continue;
            for (let b = 0; b < kS[1]; b++) {
              const ih = taps[1][oh * kS[1] + b];
              if (ih < 0) continue;
              for (let c = 0; c < kS[2]; c++) {
                const iw = taps[2][ow * kS[2] + c];
                if (iw < 0) continue;
                const idx = (id * inS[1] + ih) * inS[2] + iw;
                const v = src[base + idx];
                if (arg < 0) arg = idx;
                if (v > best || v !== v) {
                  best = v;
                  arg = idx;
                  if (v !== v) break search;
                }
              }
            }
          }
          values[pl * oN + o] = best;
          indices[pl * oN + o] = Math.max(arg, 0);
        }
      }
    }
  }
}

export function maxPoolBackward(planes: number, inN: number, oN: number, grad: TypedArray, gOff: number, indices: TypedArray, iOff: number, dx: TypedArray): void {
  dx.fill(0, 0, planes * inN);
  for (let pl = 0; pl < planes; pl++) {
    for (let o = 0; o < oN; o++) dx[pl * inN + indices[iOff + pl * oN + o]] += grad[gOff + pl * oN + o];
  }
}
