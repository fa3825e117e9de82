/**
 * Batched convolution on the reference kernels: im2col + GEMM per batch item and group, one
 * column buffer reused throughout (the loops ops/conv.ts ran before the backend had this entry).
 */
import type { TypedArray } from '../../dtype';
import type { BatchedConv } from '../backend';
import { gemm } from './gemm';
import { col2im, im2col } from './im2col';

const prod = (v: readonly number[]) => v.reduce((a, b) => a * b, 1);

/** Sizes of one convolution: per-group output channels, column rows/cols, one group's image. */
function sizes(c: BatchedConv) {
  return { og: c.outChannels / c.groups, kN: c.channels * prod(c.kernel), oN: prod(c.outSize), img: c.channels * prod(c.inSize) };
}

/** A zeroed array of the same kind as `like`. */
const scratch = (like: TypedArray, n: number): TypedArray => new (like.constructor as new (n: number) => TypedArray)(n);

export function convForward(c: BatchedConv, x: TypedArray, xOff: number, w: TypedArray, wOff: number, bias: TypedArray | null, y: TypedArray): void {
  const { og, kN, oN, img } = sizes(c);
  const cols = scratch(x, kN * oN);
  for (let n = 0; n < c.batch; n++) {
    for (let gi = 0; gi < c.groups; gi++) {
      im2col(c, x, xOff + (n * c.groups + gi) * img, cols);
      gemm(og, oN, kN, w, wOff + gi * og * kN, kN, 1, cols, 0, oN, 1, y, (n * c.outChannels + gi * og) * oN, oN, false);
    }
    if (bias) {
      for (let o = 0; o < c.outChannels; o++) {
        const base = (n * c.outChannels + o) * oN;
        for (let i = 0; i < oN; i++) y[base + i] += bias[o];
      }
    }
  }
}

export function convBackwardInput(c: BatchedConv, dy: TypedArray, dyOff: number, w: TypedArray, wOff: number, dx: TypedArray): void {
  const { og, kN, oN, img } = sizes(c);
  const cols = scratch(dy, kN * oN);
  dx.fill(0, 0, c.batch * c.groups * img);
  for (let n = 0; n < c.batch; n++) {
    for (let gi = 0; gi < c.groups; gi++) {
      // dcols = W_g^T [kN, og] @ dY_g [og, oN], folded back into the image
      gemm(kN, oN, og, w, wOff + gi * og * kN, 1, kN, dy, dyOff + (n * c.outChannels + gi * og) * oN, oN, 1, cols, 0, oN, false);
      col2im(c, cols, dx, (n * c.groups + gi) * img);
    }
  }
}

export function convBackwardWeight(c: BatchedConv, dy: TypedArray, dyOff: number, x: TypedArray, xOff: number, dw: TypedArray): void {
  const { og, kN, oN, img } = sizes(c);
  const cols = scratch(x, kN * oN);
  if (c.batch === 0) dw.fill(0, 0, c.outChannels * kN);
  for (let n = 0; n < c.batch; n++) {
    for (let gi = 0; gi < c.groups; gi++) {
      // dW_g += dY_g [og, oN] @ cols^T [oN, kN]
      im2col(c, x, xOff + (n * c.groups + gi) * img, cols);
      gemm(og, kN, oN, dy, dyOff + (n * c.outChannels + gi * og) * oN, oN, 1, cols, 0, 1, oN, dw, gi * og * kN, kN, n > 0);
    }
  }
}
