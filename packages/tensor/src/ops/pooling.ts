/**
 * N-dimensional max and average pooling on arrays [N, C, ...spatial] (or without the batch dim),
 * as torch.nn.functional.max_poolNd / avg_poolNd: padding, dilation (max), ceilMode,
 * countIncludePad and divisorOverride (avg). Max pooling returns PyTorch's indices: the flat
 * position of the maximum within its input plane. Backward passes reuse the same windows.
 */
import { ShapeError, ValueError } from '../errors';
import { backend } from '../kernels';
import { NDArray } from '../ndarray';
import { numel } from '../shape';
import { gatherAlong, scatterAlong } from './take_along';
import { poolOutSize } from '../window';

export interface PoolParams {
  kernel: readonly number[];
  stride: readonly number[];
  padding: readonly number[];
  dilation: readonly number[];
  ceilMode: boolean;
}

export interface AvgPoolParams extends PoolParams {
  countIncludePad: boolean;
  divisorOverride: number | null;
}


function checkParams(op: string, inSize: readonly number[], p: PoolParams): number[] {
  const fmt = (s: readonly number[]) => s.join('x');
  if (p.padding.some((pad, i) => pad > p.kernel[i] / 2)) {
    throw new ValueError(
      `${op}: pad should be at most half of kernel size, but got pad=${fmt(p.padding)} and kernel_size=${fmt(p.kernel)}: ` +
        `lower padding to at most ${fmt(p.kernel.map((k) => Math.floor(k / 2)))} or use a larger kernel_size`,
    );
  }
  if ([...p.kernel, ...p.stride, ...p.dilation].some((v) => v <= 0)) {
    throw new ValueError(`${op}: kernel_size, stride and dilation must be greater than zero, but got kernel_size=${fmt(p.kernel)} stride=${fmt(p.stride)} dilation=${fmt(p.dilation)}`);
  }
  const out = inSize.map((L, i) => poolOutSize(L, p.kernel[i], p.stride[i], p.padding[i], p.dilation[i], p.ceilMode));
  if (out.some((o) => o <= 0)) {
    throw new ShapeError(
      `${op}: Given input size: (${fmt(inSize)}). Calculated output size: (${fmt(out)}). Output size is too small: ` +
        `each output size is ${p.ceilMode ? 'ceil' : 'floor'}((size + 2*padding - dilation*(kernel_size-1) - 1) / stride) + 1 ` +
        `with kernel_size=${fmt(p.kernel)}, stride=${fmt(p.stride)}, padding=${fmt(p.padding)}, dilation=${fmt(p.dilation)}; ` +
        `use a smaller kernel_size or dilation, more padding, or a larger input`,
    );
  }
  return out;
}

/** Splits [..., spatial] into (planes, spatial) after checking the number of dims. */
function planes(op: string, x: readonly number[], nd: number): [number, number[]] {
  if (x.length !== nd + 1 && x.length !== nd + 2) {
    throw new ShapeError(`${op}: Expected ${nd + 1}D or ${nd + 2}D input, but got input of size: [${x.join(', ')}]`);
  }
  if (x.slice(-nd - 1).some((s) => s === 0)) throw new ShapeError(`${op}: Expected input's non-batch dimensions to have positive length, but input has a shape of [${x.join(', ')}]`);
  const sp = x.slice(x.length - nd);
  return [numel(x.slice(0, x.length - nd)), sp];
}

/** The valid input coordinates of each output window along one dim: taps[start[o]..start[o+1]). */
export interface DimWindows {
  start: Int32Array;
  taps: Int32Array;
}

/** Windows of adaptive pooling: output i covers [floor(i L / O), ceil((i + 1) L / O)). */
export function adaptiveWindows(L: number, O: number): DimWindows {
  const start = new Int32Array(O + 1);
  const taps: number[] = [];
  for (let o = 0; o < O; o++) {
    const a = Math.floor((o * L) / O);
    const b = Math.ceil(((o + 1) * L) / O);
    for (let x = a; x < b; x++) taps.push(x);
    start[o + 1] = taps.length;
  }
  return { start, taps: Int32Array.from(taps) };
}

/**
 * Visits each output position (row-major): `visit(o, taps, n)` gets the flat in-plane input
 * indices of its window's valid taps in taps[0..n), in row-major window order.
 */
function forEachWindow(inSize: readonly number[], wins: readonly DimWindows[], visit: (o: number, taps: Int32Array, n: number) => void): void {
  const nd = inSize.length;
  const outSize = wins.map((w) => w.start.length - 1);
  const oN = numel(outSize);
  const maxTaps = wins.reduce((m, w) => {
    let big = 0;
    for (let o = 0; o + 1 < w.start.length; o++) big = Math.max(big, w.start[o + 1] - w.start[o]);
    return m * big;
  }, 1);
  const taps = new Int32Array(maxTaps);
  const oPos = new Int32Array(nd);
  const tPos = new Int32Array(nd);
  for (let o = 0; o < oN; o++) {
    let n = 0;
    let empty = false;
    for (let d = 0; d < nd; d++) {
      tPos[d] = wins[d].start[oPos[d]];
      if (tPos[d] >= wins[d].start[oPos[d] + 1]) empty = true;
    }
    while (!empty) {
      let idx = 0;
      for (let d = 0; d < nd; d++) idx = idx * inSize[d] + wins[d].taps[tPos[d]];
      taps[n++] = idx;
      let d = nd - 1;
      for (; d >= 0; d--) {
        if (++tPos[d] < wins[d].start[oPos[d] + 1]) break;
        tPos[d] = wins[d].start[oPos[d]];
      }
      if (d < 0) break;
    }
    visit(o, taps, n);
    for (let d = nd - 1; d >= 0; d--) { if (++oPos[d] < outSize[d]) break; oPos[d] = 0; }
  }
}

/** Max pooling: [values, indices (int64, flat within each plane)]. NaN wins, as in PyTorch. */
export function maxPool(x: NDArray, p: PoolParams, op = 'max_pool'): [NDArray, NDArray] {
  const nd = p.kernel.length;
  const [P, inSize] = planes(op, x.shape, nd);
  const outSize = checkParams(op, inSize, p);
  const lead = x.shape.slice(0, x.ndim - nd);
  const xc = x.contiguous();
  const values = NDArray.output([...lead, ...outSize], x.dtype);
  const indices = NDArray.empty([...lead, ...outSize], 'int64');
  backend().maxPoolWindows(windowGeometry(inSize, outSize, p), P, xc.data, xc.offset, values.data, indices.data);
  return [values, indices];
}

/** Adaptive max pooling to `outSize` (torch.nn.functional.adaptive_max_poolNd). */
export function adaptiveMaxPool(x: NDArray, outSize: readonly number[], op = 'adaptive_max_pool'): [NDArray, NDArray] {
  const [, inSize] = planes(op, x.shape, outSize.length);
  return maxOverWindows(x, inSize, inSize.map((L, d) => adaptiveWindows(L, outSize[d])));
}

/** The windows as flat tables: output o covers the in-plane indices taps[start[o]..start[o+1]). */
function flatWindows(inSize: readonly number[], wins: readonly DimWindows[]): { start: Int32Array; taps: Int32Array } {
  const start = new Int32Array(numel(wins.map((w) => w.start.length - 1)) + 1);
  const taps: number[] = [];
  forEachWindow(inSize, wins, (o, t, n) => {
    for (let i = 0; i < n; i++) taps.push(t[i]);
    start[o + 1] = taps.length;
  });
  return { start, taps: Int32Array.from(taps) };
}

function maxOverWindows(x: NDArray, inSize: readonly number[], wins: readonly DimWindows[]): [NDArray, NDArray] {
  const nd = inSize.length;
  const outSize = wins.map((w) => w.start.length - 1);
  const lead = x.shape.slice(0, x.ndim - nd);
  const xc = x.contiguous();
  const values = NDArray.empty([...lead, ...outSize], x.dtype);
  const indices = NDArray.empty([...lead, ...outSize], 'int64');
  const { start, taps } = flatWindows(inSize, wins);
  backend().maxPool(numel(lead), numel(inSize), start, taps, xc.data, xc.offset, values.data, indices.data);
  return [values, indices];
}

/** The gradient of max pooling: each output gradient added at its index. */
export function maxPoolBackward(grad: NDArray, indices: NDArray, inputShape: readonly number[], nd: number): NDArray {
  const gx = NDArray.output(inputShape, grad.dtype);
  const inN = numel(inputShape.slice(inputShape.length - nd));
  const oN = numel(indices.shape.slice(indices.ndim - nd));
  const P = numel(inputShape) / Math.max(inN, 1);
  const gc = grad.contiguous();
  const ic = indices.contiguous();
  backend().maxPoolBackward(P, inN, oN, gc.data, gc.offset, ic.data, ic.offset, gx.data);
  return gx;
}

/** The divisor of each output window of average pooling, as PyTorch computes it. */
function avgDivisors(inSize: readonly number[], outSize: readonly number[], p: AvgPoolParams): Float64Array {
  const nd = inSize.length;
  const oN = numel(outSize);
  const div = new Float64Array(oN);
  const oPos = new Int32Array(nd);
  for (let o = 0; o < oN; o++) {
    let withPad = 1;
    let valid = 1;
    for (let d = 0; d < nd; d++) {
      let start = oPos[d] * p.stride[d] - p.padding[d];
      let end = Math.min(start + p.kernel[d], inSize[d] + p.padding[d]);
      withPad *= end - start;
      start = Math.max(start, 0);
      end = Math.min(end, inSize[d]);
      valid *= Math.max(end - start, 0);
    }
    div[o] = p.divisorOverride ?? (p.countIncludePad ? withPad : valid);
    for (let d = nd - 1; d >= 0; d--) { if (++oPos[d] < outSize[d]) break; oPos[d] = 0; }
  }
  return div;
}

/** The window geometry of one plane (ConvGeometry with channels 1), as the pooling kernels take it. */
function windowGeometry(inSize: readonly number[], outSize: readonly number[], p: PoolParams | null) {
  const nd = inSize.length;
  const ones = new Array<number>(nd).fill(1);
  return { channels: 1, inSize, outSize, kernel: p?.kernel ?? ones, stride: p?.stride ?? ones, padding: p?.padding ?? new Array<number>(nd).fill(0), dilation: p?.dilation ?? ones };
}

export function avgPool(x: NDArray, p: AvgPoolParams, op = 'avg_pool'): NDArray {
  const nd = p.kernel.length;
  if (p.divisorOverride !== null && p.divisorOverride === 0) throw new ValueError(`${op}: divisor must be not zero`);
  const [P, inSize] = planes(op, x.shape, nd);
  const outSize = checkParams(op, inSize, p);
  const xc = x.contiguous();
  const out = NDArray.empty([...x.shape.slice(0, x.ndim - nd), ...outSize], x.dtype);
  backend().avgPoolWindows(windowGeometry(inSize, outSize, p), P, xc.data, xc.offset, avgDivisors(inSize, outSize, p), out.data);
  return out;
}

export function avgPoolBackward(grad: NDArray, inputShape: readonly number[], p: AvgPoolParams): NDArray {
  const nd = p.kernel.length;
  const inSize = inputShape.slice(inputShape.length - nd);
  const outSize = grad.shape.slice(grad.ndim - nd);
  const P = numel(inputShape.slice(0, inputShape.length - nd));
  const gx = NDArray.empty(inputShape, grad.dtype);
  const gc = grad.contiguous();
  backend().avgPoolBackward(windowGeometry(inSize, outSize, p), P, gc.data, gc.offset, avgDivisors(inSize, outSize, p), gx.data);
  return gx;
}

/** Adaptive average pooling to `outSize` (torch.nn.functional.adaptive_avg_poolNd). */
export function adaptiveAvgPool(x: NDArray, outSize: readonly number[], op = 'adaptive_avg_pool'): NDArray {
  const nd = outSize.length;
  const [P, inSize] = planes(op, x.shape, nd);
  const xc = x.contiguous();
  const out = NDArray.empty([...x.shape.slice(0, x.ndim - nd), ...outSize], x.dtype);
  backend().adaptiveAvgPool(windowGeometry(inSize, outSize, null), P, xc.data, xc.offset, out.data);
  return out;
}

export function adaptiveAvgPoolBackward(grad: NDArray, inputShape: readonly number[], nd: number): NDArray {
  const outSize = grad.shape.slice(grad.ndim - nd);
  const inSize = inputShape.slice(inputShape.length - nd);
  const P = numel(inputShape.slice(0, inputShape.length - nd));
  const gx = NDArray.empty(inputShape, grad.dtype);
  const gc = grad.contiguous();
  backend().adaptiveAvgPoolBackward(windowGeometry(inSize, outSize, null), P, gc.data, gc.offset, gx.data);
  return gx;
}

/**
 * max_unpool: each value written at its flat in-plane index of an output plane of size outSize,
 * zeros elsewhere (PyTorch's max_unpoolNd; with repeated indices the last write wins, as its CPU kernel).
 */
export function maxUnpool(x: NDArray, indices: NDArray, outSize: readonly number[], op = 'max_unpool'): NDArray {
  const nd = outSize.length;
  if (indices.ndim !== x.ndim || indices.shape.some((s, i) => s !== x.shape[i])) {
    throw new ShapeError(`${op}: Expected shape of indices to be same as that of the input tensor ([${x.shape.join(', ')}]) but got indices tensor with shape: [${indices.shape.join(', ')}]`);
  }
  const [P, inSize] = planes(op, x.shape, nd);
  const inN = numel(inSize);
  const outN = numel(outSize);
  const out = NDArray.empty([...x.shape.slice(0, x.ndim - nd), ...outSize], x.dtype);
  const invalid = (k: number) => new ShapeError(`${op}: Found an invalid max index: ${k} (output volumes are of size ${outSize.join('x')})`);
  scatterAlong(out.reshape([P, outN]), 1, indices.contiguous().reshape([P, inN]), x.contiguous().reshape([P, inN]), false, op, false, invalid);
  return out;
}

/** The gradient of max_unpool: the output gradient read back at each index. */
export function maxUnpoolBackward(grad: NDArray, indices: NDArray, nd: number): NDArray {
  const outN = numel(grad.shape.slice(grad.ndim - nd));
  const inN = numel(indices.shape.slice(indices.ndim - nd));
  const P = numel(indices.shape) / Math.max(inN, 1);
  return gatherAlong(grad.contiguous().reshape([P, outN]), 1, indices.contiguous().reshape([P, inN]), 'max_unpool', false).reshape(indices.shape);
}
