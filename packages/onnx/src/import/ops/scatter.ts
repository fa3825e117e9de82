/** ONNX ScatterND: a copy of data with updates written (or, from opset 16, added or multiplied) at the index tuples of indices. */
import { Tensor } from '@cresset/autograd';
import { NDArray } from '@cresset/tensor';
import type { OpContext } from '../op_context';

const prod = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

/**
 * indices [..., k] name k leading coordinates of data; updates has shape indices.shape[:-1] +
 * data.shape[k:]. data is seen as rows (its first k dims) of slices: the updates go in by one
 * scatter_add along the rows (onto data with the written rows zeroed, for reduction none), so
 * gradients reach data (zero where overwritten) and updates.
 */
export function scatterND(c: OpContext): Tensor {
  const data = c.input(0);
  const indices = c.input(1);
  const updates = c.input(2);
  const reduction = c.opset >= 16 ? c.attrs.string('reduction', 'none') : 'none';
  if (!['none', 'add', 'mul'].includes(reduction)) c.unsupported(`reduction '${reduction}'`);
  const k = indices.shape[indices.ndim - 1];
  const tuples = indices.reshape([-1, k]).array.contiguous().values();
  const n = tuples.length / k;
  const rows = prod(data.shape.slice(0, k));
  const size = prod(data.shape.slice(k));
  const rowOf = (i: number) => Array.from({ length: k }, (_, j) => {
    const v = Number(tuples[i * k + j]);
    if (!Number.isInteger(v) || v < -data.shape[j] || v >= data.shape[j]) c.unsupported(`index ${v} for a dim of size ${data.shape[j]}`);
    return v < 0 ? v + data.shape[j] : v;
  }).reduce((r, v, j) => r * data.shape[j] + v, 0);
  const written = Array.from({ length: n }, (_, i) => rowOf(i));
  const flat = data.reshape([rows, size]);
  const slices = updates.reshape([n, size]);
  if (reduction === 'mul') {
    const out = flat.clone();
    written.forEach((r, i) => out.indexPut_([r], out.select(0, r).clone().mul(slices.select(0, i))));
    return out.reshape(data.shape);
  }
  const index = NDArray.empty([n, size], 'int64');
  written.forEach((r, i) => index.data.fill(r, i * size, (i + 1) * size));
  let base = flat;
  if (reduction === 'none') {
    const keep = NDArray.empty([rows, 1], data.dtype);
    keep.data.fill(1);
    for (const r of written) keep.data[r] = 0;
    base = flat.mul(new Tensor(keep));
  }
  return base.scatterAdd(0, new Tensor(index), slices).reshape(data.shape);
}
