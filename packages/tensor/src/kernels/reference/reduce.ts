/**
 * Reductions of a contiguous [A, K, B] block over A and B for each k (rows when A = 1), accumulated
 * in double precision. max/min propagate NaN and argmax/argmin point at the first NaN, as PyTorch.
 */
import type { TypedArray } from '../../dtype';
import type { AxisReduceOp, ReduceOp } from '../backend';

/** For each k of a contiguous [A, K, B] block, the reduction of its A * B elements (see Backend.reduce). */
export function reduce(op: ReduceOp, src: TypedArray, offset: number, A: number, K: number, B: number, out: TypedArray, correction = 1): void {
  if (A === 1) return reduceRows(op, src, offset, K, B, out, correction);
  // each k's elements gathered into one row, in (a, b) order
  const row = new Float64Array(A * B);
  const one = new Float64Array(1);
  for (let k = 0; k < K; k++) {
    for (let a = 0; a < A; a++) for (let b = 0; b < B; b++) row[a * B + b] = src[offset + (a * K + k) * B + b];
    reduceRows(op, row, 0, 1, A * B, one, correction);
    out[k] = one[0];
  }
}

/** Each of `outer` contiguous rows of length k reduced into out[r]. */
function reduceRows(op: ReduceOp, src: TypedArray, offset: number, outer: number, k: number, out: TypedArray, correction: number): void {
  for (let r = 0, base = offset; r < outer; r++, base += k) {
    const end = base + k;
    let acc: number;
    switch (op) {
      case 'sum': case 'mean': {
        acc = 0;
        for (let i = base; i < end; i++) acc += src[i];
        if (op === 'mean') acc /= k;
        break;
      }
      case 'prod': {
        acc = 1;
        for (let i = base; i < end; i++) acc *= src[i];
        break;
      }
      case 'max': case 'min': {
        acc = op === 'max' ? -Infinity : Infinity;
        for (let i = base; i < end; i++) {
          const v = src[i];
          if (v !== v) { acc = NaN; break; }
          if (op === 'max' ? v > acc : v < acc) acc = v;
        }
        break;
      }
      case 'argmax': case 'argmin': {
        let best = src[base];
        acc = 0;
        if (best === best) {
          for (let i = base + 1; i < end; i++) {
            const v = src[i];
            if (v !== v) { acc = i - base; break; }
            if (op === 'argmax' ? v > best : v < best) { best = v; acc = i - base; }
          }
        }
        break;
      }
      case 'var': {
        let mean = 0;
        for (let i = base; i < end; i++) mean += src[i];
        mean /= k;
        let ss = 0;
        for (let i = base; i < end; i++) {
          const d = src[i] - mean;
          ss += d * d;
        }
        acc = ss / Math.max(k - correction, 0);
        break;
      }
      case 'any': {
        acc = 0;
        for (let i = base; i < end; i++) if (src[i] !== 0) { acc = 1; break; }
        break;
      }
      case 'all': {
        acc = 1;
        for (let i = base; i < end; i++) if (src[i] === 0) { acc = 0; break; }
        break;
      }
      case 'logsumexp': {
        let m = -Infinity;
        for (let i = base; i < end; i++) if (src[i] > m) m = src[i];
        if (m === -Infinity || m === Infinity) { acc = m; break; }
        let s = 0;
        for (let i = base; i < end; i++) s += Math.exp(src[i] - m);
        acc = m + Math.log(s);
        break;
      }
    }
    out[r] = acc;
  }
}

/** Backend.channelSum: per channel, the sum over outer and inner positions, in double precision. */
export function channelSum(outer: number, channels: number, inner: number, src: TypedArray, srcOff: number, out: TypedArray): void {
  for (let c = 0; c < channels; c++) {
    let s = 0;
    for (let n = 0; n < outer; n++) {
      const base = srcOff + (n * channels + c) * inner;
      for (let i = 0; i < inner; i++) s += src[base + i];
    }
    out[c] = s;
  }
}

/** Backend.reduceAxis: each column i of each [k, inner] slab reduced down its k rows. */
export function reduceAxis(op: AxisReduceOp, src: TypedArray, offset: number, outer: number, k: number, inner: number, out: TypedArray): void {
  const acc = new Float64Array(inner);
  for (let o = 0; o < outer; o++) {
    const base = offset + o * k * inner;
    acc.fill(op === 'max' ? -Infinity : op === 'min' ? Infinity : 0);
    for (let j = 0; j < k; j++) {
      const row = base + j * inner;
      if (op === 'sum' || op === 'mean') {
        for (let i = 0; i < inner; i++) acc[i] += src[row + i];
      } else if (op === 'max') {
        // once NaN, no comparison is true again: NaN propagates
        for (let i = 0; i < inner; i++) { const v = src[row + i]; if (v > acc[i] || v !== v) acc[i] = v; }
      } else {
        for (let i = 0; i < inner; i++) { const v = src[row + i]; if (v < acc[i] || v !== v) acc[i] = v; }
      }
    }
    for (let i = 0; i < inner; i++) out[o * inner + i] = op === 'mean' ? acc[i] / k : acc[i];
  }
}

/** Backend.scanAxis: running sums or products of each column of each [k, inner] slab. */
export function scanAxis(op: 'sum' | 'prod', src: TypedArray, offset: number, outer: number, k: number, inner: number, out: TypedArray, exclusive: boolean, reverse: boolean): void {
  const acc = new Float64Array(inner);
  for (let o = 0; o < outer; o++) {
    acc.fill(op === 'sum' ? 0 : 1);
    for (let s = 0; s < k; s++) {
      const j = reverse ? k - 1 - s : s;
      const row = (o * k + j) * inner;
      for (let i = 0; i < inner; i++) {
        const v = src[offset + row + i];
        if (exclusive) {
          out[row + i] = acc[i];
          acc[i] = op === 'sum' ? acc[i] + v : acc[i] * v;
        } else {
          acc[i] = op === 'sum' ? acc[i] + v : acc[i] * v;
          out[row + i] = acc[i];
        }
      }
    }
  }
}
