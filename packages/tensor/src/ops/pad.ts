/**
 * torch.nn.functional.pad: constant, reflect, replicate and circular padding of the last
 * len(pad)/2 dims (pad = [left, right] of the last dim, then of the one before, ...). Negative
 * pads crop. One index map per dim drives both the forward gather and the backward scatter-add.
 */
import { allocate } from '../dtype';
import { ShapeError, ValueError } from '../errors';
import { backend } from '../kernels';
import { NDArray } from '../ndarray';

export type PadMode = 'constant' | 'reflect' | 'replicate' | 'circular';

/** Source index (or -1 for the constant fill) of each output position along one dim. */
function indexMap(shape: readonly number[], dim: number, before: number, after: number, mode: PadMode): Int32Array {
  const size = shape[dim];
  const n = size + before + after;
  if (n < 0) throw new ShapeError(`pad: padding (${before}, ${after}) of dim ${dim} gives a negative size ${n} for input size ${size}`);
  if (mode === 'reflect' && (before >= size || after >= size)) {
    throw new ShapeError(`pad: Padding size should be less than the corresponding input dimension, but got: padding (${before}, ${after}) at dimension ${dim} of input [${shape.join(', ')}]`);
  }
  if (mode === 'circular' && (before > size || after > size)) {
    throw new ShapeError(`pad: Padding value causes wrapping around more than once (padding (${before}, ${after}) at dimension ${dim} of input of size ${size}).`);
  }
  if ((mode === 'replicate' || mode === 'circular') && size === 0 && n > 0) {
    throw new ShapeError(`pad: ${mode} padding of an empty dimension ${dim} is not possible`);
  }
  const map = allocate('int32', n, 'pad', [n]) as Int32Array;
  for (let o = 0; o < n; o++) {
    let i = o - before;
    if (i < 0 || i >= size) {
      switch (mode) {
        case 'constant': i = -1; break;
        case 'reflect': i = i < 0 ? -i : 2 * (size - 1) - i; break;
        case 'replicate': i = i < 0 ? 0 : size - 1; break;
        case 'circular': i = ((i % size) + size) % size; break;
      }
    }
    map[o] = i;
  }
  return map;
}

/** Per-dim offset tables (index * stride, -1 for fill) of a padded view of `a`. */
export function padTables(shape: readonly number[], strides: readonly number[], pad: readonly number[], mode: PadMode): Int32Array[] {
  if (pad.length % 2 !== 0) throw new ValueError(`pad: Padding length must be divisible by 2, got ${pad.length}`);
  if (pad.length / 2 > shape.length) throw new ValueError(`pad: Padding length (${pad.length}) too large for a ${shape.length}-d input`);
  if (mode !== 'constant' && pad.length / 2 > Math.max(shape.length - 1, 1)) {
    throw new ShapeError(`pad: ${mode} padding of ${pad.length / 2} dims needs an input with a batch or channel dim in front (got shape [${shape.join(', ')}])`);
  }
  return shape.map((size, d) => {
    const k = shape.length - 1 - d;
    const [before, after] = 2 * k < pad.length ? [pad[2 * k], pad[2 * k + 1]] : [0, 0];
    const map = indexMap(shape, d, before, after, mode);
    return map.map((i) => (i < 0 ? -1 : i * strides[d]));
  });
}

export function pad(a: NDArray, padding: readonly number[], mode: PadMode = 'constant', value = 0): NDArray {
  // the output's size is checked against the allocation limit before the index tables are built
  const outShape = a.shape.map((size, d) => {
    const k = a.ndim - 1 - d;
    return 2 * k < padding.length ? Math.max(size + padding[2 * k] + padding[2 * k + 1], 0) : size;
  });
  const out = NDArray.empty(outShape, a.dtype, 'pad');
  const tables = padTables(a.shape, a.strides, padding, mode);
  backend().gather(a.data, a.offset, tables, out.data, value);
  return out;
}

/** The gradient of pad: sums each output gradient into the input element it was read from. */
export function padBackward(grad: NDArray, inputShape: readonly number[], padding: readonly number[], mode: PadMode): NDArray {
  const out = NDArray.empty(inputShape, grad.dtype);
  const tables = padTables(inputShape, out.strides, padding, mode);
  backend().scatterAdd(grad.values(), tables, out.data, 0);
  return out;
}
