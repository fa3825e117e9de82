/** ONNX Gather (indices of any shape taken along an axis; negative ones count from the end) and GatherElements. */
import { cat, Tensor, where } from '@cresset/autograd';
import { isFloating } from '@cresset/tensor';
import { functional as F } from '@cresset/nn';
import type { OpContext } from '../op_context';

/** Indices made non-negative against a dim of size n. */
const wrap = (idx: Tensor, n: number) => where(idx.lt(0), idx.add(n), idx).to('int64');

export function gather(c: OpContext): Tensor {
  const x = c.input(0);
  let axis = c.attrs.int('axis', 0);
  if (axis < 0) axis += x.ndim;
  const idx = wrap(c.input(1), x.shape[axis]);
  if (idx.ndim === 0) return x.select(axis, Number(idx.item()));
  if (!isFloating(x.dtype)) return gatherBySelect(x, axis, idx);
  // rows along `axis` looked up as an embedding of the other dims, then put back in place
  const moved = axis === 0 ? x : x.transpose(0, axis);
  const picked = F.embedding(idx.reshape(-1), moved.reshape([x.shape[axis], -1])).reshape([idx.numel(), ...moved.shape.slice(1)]);
  const back = axis === 0 ? picked : picked.transpose(0, axis);
  return back.reshape([...x.shape.slice(0, axis), ...idx.shape, ...x.shape.slice(axis + 1)]);
}

/** Gather of a non-floating tensor (shapes, indices): the picked slices stacked along `axis`. */
function gatherBySelect(x: Tensor, axis: number, idx: Tensor): Tensor {
  const picks = Array.from(idx.array.contiguous().values(), (i) => x.select(axis, Number(i)).unsqueeze(axis));
  const picked = picks.length ? cat(picks, axis) : x.narrow(axis, 0, 0);
  return picked.reshape([...x.shape.slice(0, axis), ...idx.shape, ...x.shape.slice(axis + 1)]);
}

export function gatherElements(c: OpContext): Tensor {
  const x = c.input(0);
  let axis = c.attrs.int('axis', 0);
  if (axis < 0) axis += x.ndim;
  return x.gather(axis, wrap(c.input(1), x.shape[axis]));
}
