/**
 * Average pooling kernels (see Backend.avgPoolWindows, adaptiveAvgPool and their gradients),
 * plane by plane over up to three spatial dims (given as 3-d with leading unit dims). Sums are
 * accumulated in double precision in window order.
 */
import type { TypedArray } from '../../dtype';
import type { ConvGeometry } from '../backend';

/** A geometry's sizes lifted to 3-d: in, kernel, out, stride, padding, dilation. */
function lift3(g: ConvGeometry): number[][] {
  const nd = g.inSize.length;
  const lift = (v: readonly number[], fill: number) => [...new Array<number>(3 - nd).fill(fill), ...v];
  return [lift(g.inSize, 1), lift(g.kernel, 1), lift(g.outSize, 1), lift(g.stride, 1), lift(g.padding, 0), lift(g.dilation, 1)];
}

/**
 * Visits every output window of one plane in row-major order: `visit(o, lo, hi)` gets the
 * window's clipped input ranges [lo[d], hi[d]) along the three dims (unit dilation).
 */
function forEachWindow(outS: readonly number[], range: (d: number, o: number) => [number, number], visit: (o: number, lo: number[], hi: number[]) => void): void {
  const lo = [0, 0, 0];
  const hi = [0, 0, 0];
  for (let a = 0, o = 0; a < outS[0]; a++) {
    [lo[0], hi[0]] = range(0, a);
    for (let b = 0; b < outS[1]; b++) {
      [lo[1], hi[1]] = range(1, b);
      for (let c = 0; c < outS[2]; c++, o++) {
        [lo[2], hi[2]] = range(2, c);
        visit(o, lo, hi);
      }
    }
  }
}

/** The input range of output o of regular windows along one dim, clipped to the input. */
const regularRange = (L: number, k: number, s: number, p: number) => (o: number): [number, number] => {
  const start = o * s - p;
  return [Math.max(start, 0), Math.min(start + k, L)];
};

/** The input range of output o of adaptive pooling: [floor(o L / O), ceil((o + 1) L / O)). */
export const adaptiveRange = (L: number, O: number) => (o: number): [number, number] => [Math.floor((o * L) / O), Math.ceil(((o + 1) * L) / O)];

/** Sums each window of each plane (or, with `back`, adds grad / divisor to each of its taps). */
function pool(inS: readonly number[], outS: readonly number[], ranges: ((o: number) => [number, number])[], planes: number,
  a: TypedArray, aOff: number, divisor: (o: number, lo: number[], hi: number[]) => number, out: TypedArray, back: boolean): void {
  const inN = inS[0] * inS[1] * inS[2];
  const oN = outS[0] * outS[1] * outS[2];
  if (back) out.fill(0, 0, planes * inN);
  forEachWindow(outS, (d, o) => ranges[d](o), (o, lo, hi) => {
    const div = divisor(o, lo, hi);
    for (let pl = 0; pl < planes; pl++) {
      const base = pl * inN;
      if (back) {
        const v = a[aOff + pl * oN + o] / div;
        for (let i = lo[0]; i < hi[0]; i++) for (let j = lo[1]; j < hi[1]; j++) for (let k = lo[2]; k < hi[2]; k++) out[base + (i * inS[1] + j) * inS[2] + k] += v;
        continue;
      }
      let s = 0;
      for (let i = lo[0]; i < hi[0]; i++) for (let j = lo[1]; j < hi[1]; j++) for (let k = lo[2]; k < hi[2]; k++) s += a[aOff + base + (i * inS[1] + j) * inS[2] + k];
      out[pl * oN + o] = s / div;
    }
  });
}

export function avgPoolWindows(g: ConvGeometry, planes: number, src: TypedArray, srcOff: number, divisors: Float64Array, out: TypedArray): void {
  const [inS, kS, oS, sS, pS] = lift3(g);
  pool(inS, oS, [0, 1, 2].map((d) => regularRange(inS[d], kS[d], sS[d], pS[d])), planes, src, srcOff, (o) => divisors[o], out, false);
}

export function avgPoolBackward(g: ConvGeometry, planes: number, grad: TypedArray, gOff: number, divisors: Float64Array, dx: TypedArray): void {
  const [inS, kS, oS, sS, pS] = lift3(g);
  pool(inS, oS, [0, 1, 2].map((d) => regularRange(inS[d], kS[d], sS[d], pS[d])), planes, grad, gOff, (o) => divisors[o], dx, true);
}

/** The element count of a window: its divisor in adaptive pooling. */
const count = (_o: number, lo: number[], hi: number[]) => (hi[0] - lo[0]) * (hi[1] - lo[1]) * (hi[2] - lo[2]);

export function adaptiveAvgPool(g: ConvGeometry, planes: number, src: TypedArray, srcOff: number, out: TypedArray): void {
  const [inS, , oS] = lift3(g);
  pool(inS, oS, [0, 1, 2].map((d) => adaptiveRange(inS[d], oS[d])), planes, src, srcOff, count, out, false);
}

export function adaptiveAvgPoolBackward(g: ConvGeometry, planes: number, grad: TypedArray, gOff: number, dx: TypedArray): void {
  const [inS, , oS] = lift3(g);
  pool(inS, oS, [0, 1, 2].map((d) => adaptiveRange(inS[d], oS[d])), planes, grad, gOff, count, dx, true);
}
