/**
 * N-dimensional convolution (cross-correlation, as torch.nn.functional.conv1d/2d/3d) on arrays:
 * forward and the gradients of input, weight and bias, by im2col + GEMM per batch item and group.
 * Shapes: input [N, C, ...spatial], weight [O, C / groups, ...kernel], bias [O].
 */
import { ShapeError } from '../errors';
import { backend, ConvGeometry } from '../kernels';
import { NDArray } from '../ndarray';
import { numel } from '../shape';

export interface ConvParams {
  stride: readonly number[];
  padding: readonly number[];
  dilation: readonly number[];
  groups: number;
}

const fmt = (s: readonly number[]) => s.join('x');

/** Output size along one dim: floor((L + 2p - d(k - 1) - 1) / s) + 1. */
export function convOutSize(L: number, k: number, s: number, p: number, d: number): number {
  return Math.floor((L + 2 * p - d * (k - 1) - 1) / s) + 1;
}

/** Checks the shapes of a convolution and returns its geometry, with messages that spell out the arithmetic. */
export function convGeometry(op: string, x: readonly number[], w: readonly number[], p: ConvParams): ConvGeometry & { batch: number; outChannels: number } {
  const nd = w.length - 2;
  if (x.length !== nd + 2) {
    throw new ShapeError(`${op}: Expected ${nd + 2}D (batched) input to ${op}, but got input of size: [${x.join(', ')}]`);
  }
  const [N, C] = x;
  const [O, Cg] = w;
  if (O % p.groups !== 0) throw new ShapeError(`${op}: out_channels (${O}) must be divisible by groups (${p.groups})`);
  if (C !== Cg * p.groups) {
    throw new ShapeError(`${op}: Given groups=${p.groups}, weight of size [${w.join(', ')}], expected input[${x.join(', ')}] to have ${Cg * p.groups} channels, but got ${C} channels instead`);
  }
  const inSize = x.slice(2);
  const kernel = w.slice(2);
  const outSize = inSize.map((L, i) => convOutSize(L, kernel[i], p.stride[i], p.padding[i], p.dilation[i]));
  if (outSize.some((o) => o <= 0)) {
    const padded = inSize.map((L, i) => L + 2 * p.padding[i]);
    const eff = kernel.map((k, i) => p.dilation[i] * (k - 1) + 1);
    throw new ShapeError(
      `${op}: input of spatial size ${fmt(inSize)} (${fmt(padded)} after padding ${fmt(p.padding)}) is smaller than the kernel ` +
        `${fmt(kernel)} (${fmt(eff)} with dilation ${fmt(p.dilation)}): the output would be ${fmt(outSize)}, ` +
        `as floor((size + 2*padding - dilation*(kernel-1) - 1) / stride) + 1. Give a larger input, more padding or a smaller kernel.`,
    );
  }
  return { batch: N, outChannels: O, channels: Cg, inSize, kernel, outSize, stride: p.stride, padding: p.padding, dilation: p.dilation };
}

export function convForward(x: NDArray, w: NDArray, b: NDArray | null, p: ConvParams, op = 'conv'): NDArray {
  const g = convGeometry(op, x.shape, w.shape, p);
  const xc = x.contiguous();
  const wc = w.contiguous();
  const G = p.groups;
  const Og = g.outChannels / G;
  const kN = g.channels * numel(g.kernel);
  const oN = numel(g.outSize);
  const imgSize = g.channels * numel(g.inSize);
  const out = NDArray.empty([g.batch, g.outChannels, ...g.outSize], x.dtype);
  const cols = NDArray.empty([kN, oN], x.dtype).data;
  const be = backend();
  for (let n = 0; n < g.batch; n++) {
    for (let gi = 0; gi < G; gi++) {
      be.im2col(g, xc.data, xc.offset + (n * G + gi) * imgSize, cols);
      const cOff = (n * g.outChannels + gi * Og) * oN;
      be.gemm(Og, oN, kN, wc.data, wc.offset + gi * Og * kN, kN, 1, cols, 0, oN, 1, out.data, cOff, oN, false);
    }
  }
  if (b) {
    const bv = b.values();
    for (let n = 0; n < g.batch; n++) {
      for (let o = 0; o < g.outChannels; o++) {
        const base = (n * g.outChannels + o) * oN;
        const bo = bv[o];
        for (let i = 0; i < oN; i++) out.data[base + i] += bo;
      }
    }
  }
  return out;
}

/** Gradients of a convolution: [d input, d weight, d bias] for those asked for (null otherwise). */
export function convBackward(
  grad: NDArray, x: NDArray, w: NDArray, p: ConvParams, needs: readonly [boolean, boolean, boolean],
): [NDArray | null, NDArray | null, NDArray | null] {
  const g = convGeometry('conv', x.shape, w.shape, p);
  const gc = grad.contiguous();
  const xc = x.contiguous();
  const wc = w.contiguous();
  const G = p.groups;
  const Og = g.outChannels / G;
  const kN = g.channels * numel(g.kernel);
  const oN = numel(g.outSize);
  const imgSize = g.channels * numel(g.inSize);
  const be = backend();
  const gx = needs[0] ? NDArray.empty(x.shape, x.dtype) : null;
  const gw = needs[1] ? NDArray.empty(w.shape, w.dtype) : null;
  const cols = NDArray.empty([kN, oN], x.dtype).data;
  if (gx || gw) {
    for (let n = 0; n < g.batch; n++) {
      for (let gi = 0; gi < G; gi++) {
        const gOff = gc.offset + (n * g.outChannels + gi * Og) * oN;
        const imgOff = (n * G + gi) * imgSize;
        if (gw) {
          // dW_g += dY_g [Og, oN] @ cols^T [oN, kN]
          be.im2col(g, xc.data, xc.offset + imgOff, cols);
          be.gemm(Og, kN, oN, gc.data, gOff, oN, 1, cols, 0, 1, oN, gw.data, gi * Og * kN, kN, n > 0);
        }
        if (gx) {
          // dcols = W_g^T [kN, Og] @ dY_g [Og, oN], folded back into the image
          be.gemm(kN, oN, Og, wc.data, wc.offset + gi * Og * kN, 1, kN, gc.data, gOff, oN, 1, cols, 0, oN, false);
          be.col2im(g, cols, gx.data, imgOff);
        }
      }
    }
  }
  let gb: NDArray | null = null;
  if (needs[2]) {
    gb = NDArray.empty([g.outChannels], grad.dtype);
    const acc = new Float64Array(g.outChannels);
    for (let n = 0; n < g.batch; n++) {
      for (let o = 0; o < g.outChannels; o++) {
        const base = gc.offset + (n * g.outChannels + o) * oN;
        let s = 0;
        for (let i = 0; i < oN; i++) s += gc.data[base + i];
        acc[o] += s;
      }
    }
    gb.data.set(acc);
  }
  return [gx, gw, gb];
}
