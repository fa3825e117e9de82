/** ONNX ScatterND: a copy of data with updates written (or, from opset 16, added or multiplied) at the index tuples of indices. */
import { Tensor } from '@cresset/autograd';
import type { OpContext } from '../op_context';

/**
 * indices [..., k] name k leading coordinates of data; updates has shape indices.shape[:-1] +
 * data.shape[k:]. Each slice goes in through indexPut_ on one clone of data, so gradients reach data
 * (zero where overwritten) and updates.
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
  const slices = updates.reshape([n, ...data.shape.slice(k)]);
  const out = data.clone();
  for (let i = 0; i < n; i++) {
    const at = Array.from({ length: k }, (_, j) => {
      const v = Number(tuples[i * k + j]);
      return v < 0 ? v + data.shape[j] : v;
    });
    const u = slices.select(0, i);
    const current = () => at.reduce((t: Tensor, v) => t.select(0, v), out);
    const value = reduction === 'add' ? current().add(u) : reduction === 'mul' ? current().clone().mul(u) : u;
    out.indexPut_(at, value);
  }
  return out;
}
