/**
 * ONNX MaxPool (values, and Indices counted over the whole tensor), AveragePool and
 * GlobalAveragePool on cresset's pooling. Pads PyTorch cannot take (asymmetric, or more than half
 * the kernel) are applied explicitly: -inf for max; for average, the sum over the zero-padded input
 * divided by the count of real elements (or the window size with count_include_pad).
 */
import { pad, Tensor } from '@cresset/autograd';
import { functional as F } from '@cresset/nn';
import { NDArray } from '@cresset/tensor';
import type { OpContext } from '../op_context';
import { isSymmetric, Pads, resolvePads, torchPadList, windowOf } from './padding';

/** Whether PyTorch's pooling takes these pads itself (symmetric, at most half the kernel). */
const nativePads = (p: Pads, kernel: readonly number[]) => isSymmetric(p) && p.begin.every((b, i) => b <= kernel[i] / 2);

function poolSetup(c: OpContext) {
  const x = c.input(0);
  const kernel = c.attrs.ints('kernel_shape');
  if (!kernel) c.unsupported('a pool without kernel_shape');
  const win = windowOf(c, kernel);
  const pads = resolvePads(c, x.shape.slice(2), win);
  return { x, win, pads, nd: kernel.length, ceilMode: c.attrs.int('ceil_mode', 0) === 1 };
}

/**
 * PyTorch's per-plane indices to ONNX's: plus the plane's offset, and for storage_order 1 the
 * position counted column-major within the plane.
 */
function onnxIndices(idx: Tensor, spatial: readonly number[], columnMajor: boolean): Tensor {
  const planeSize = spatial.reduce((a, b) => a * b, 1);
  const v = idx.array.contiguous().values();
  const outPlane = idx.shape.slice(2).reduce((a, b) => a * b, 1);
  const out = NDArray.empty(idx.shape, 'int64');
  for (let k = 0; k < v.length; k++) {
    const r = columnMajor ? columnMajorPosition(v[k], spatial) : v[k];
    out.data[k] = Math.floor(k / outPlane) * planeSize + r;
  }
  return new Tensor(out);
}

/** A row-major flat position within a plane, re-counted with the first dim fastest. */
function columnMajorPosition(flat: number, spatial: readonly number[]): number {
  const coords: number[] = [];
  for (let d = spatial.length - 1; d >= 0; d--) {
    coords[d] = flat % spatial[d];
    flat = (flat - coords[d]) / spatial[d];
  }
  let pos = 0;
  for (let d = spatial.length - 1; d >= 0; d--) pos = pos * spatial[d] + coords[d];
  return pos;
}

export function maxPool(c: OpContext): (Tensor | null)[] {
  const { x, win, pads, nd, ceilMode } = poolSetup(c);
  const native = nativePads(pads, win.kernel);
  if (!native && c.wants(1)) c.unsupported('Indices with asymmetric pads or pads over half the kernel');
  const xin = native ? x : pad(x, torchPadList(pads), 'constant', x.dtype === 'uint8' ? 0 : -Infinity);
  const [values, idx] = F.maxPoolNd(nd, xin, win.kernel, {
    stride: win.stride, padding: native ? pads.begin : 0, dilation: win.dilation, ceilMode, returnIndices: true,
  }) as [Tensor, Tensor];
  if (!c.wants(1)) return [values];
  return [values, onnxIndices(idx, x.shape.slice(2), c.attrs.int('storage_order', 0) === 1)];
}

export function averagePool(c: OpContext): Tensor {
  const { x, win, pads, nd, ceilMode } = poolSetup(c);
  if ((c.attrs.ints('dilations') ?? []).some((d) => d !== 1)) c.unsupported('AveragePool with dilations');
  const countIncludePad = c.attrs.int('count_include_pad', 0) === 1;
  const opts = { stride: win.stride, ceilMode };
  if (nativePads(pads, win.kernel)) return F.avgPoolNd(nd, x, win.kernel, { ...opts, padding: pads.begin, countIncludePad });
  const list = torchPadList(pads);
  const sums = F.avgPoolNd(nd, pad(x, list), win.kernel, { ...opts, countIncludePad: true });
  if (countIncludePad) return sums;
  const ones = new Tensor(new NDArray(new Float32Array(x.shape.slice(2).reduce((a, b) => a * b, 1)).fill(1), 'float32', [1, 1, ...x.shape.slice(2)])).to(x.dtype);
  return sums.div(F.avgPoolNd(nd, pad(ones, list), win.kernel, { ...opts, countIncludePad: true }));
}

export function globalAveragePool(c: OpContext): Tensor {
  const x = c.input(0);
  return x.mean(Array.from({ length: x.ndim - 2 }, (_, i) => i + 2), true);
}
