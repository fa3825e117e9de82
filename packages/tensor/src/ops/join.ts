/** torch.cat and torch.stack: copy each input into its slot of one new array. */
import { ShapeError } from '../errors';
import { NDArray } from '../ndarray';
import { formatSize, wrapDim } from '../shape';
import { copyInto, resultType } from './elementwise';

export function cat(arrays: readonly NDArray[], dim = 0): NDArray {
  if (arrays.length === 0) throw new ShapeError('cat(): expected a non-empty list of Tensors');
  // PyTorch skips 1-d empty tensors (legacy behaviour)
  const parts = arrays.filter((a) => !(a.ndim === 1 && a.shape[0] === 0));
  if (parts.length === 0) return NDArray.empty([0], resultType(...arrays));
  const scalar = parts.findIndex((a) => a.ndim === 0);
  if (scalar >= 0) throw new ShapeError(`cat(): zero-dimensional tensor (at position ${arrays.indexOf(parts[scalar])}) cannot be concatenated`);
  const ref = parts[0];
  const d = wrapDim(dim, ref.ndim, 'cat');
  parts.forEach((a, i) => {
    if (a.ndim !== ref.ndim) throw new ShapeError(`cat(): Tensors must have same number of dimensions: got ${ref.ndim} and ${a.ndim}`);
    a.shape.forEach((s, j) => {
      if (j !== d && s !== ref.shape[j]) {
        throw new ShapeError(`cat(): Sizes of tensors must match except in dimension ${d}. Expected size ${ref.shape[j]} but got size ${s} for tensor number ${i} in the list. (cat of shapes ${parts.map((p) => `[${p.shape.join(', ')}]`).join(', ')})`);
      }
    });
  });
  const shape = [...ref.shape];
  shape[d] = parts.reduce((n, a) => n + a.shape[d], 0);
  const out = NDArray.empty(shape, resultType(...parts), 'cat');
  let at = 0;
  for (const a of parts) {
    copyInto(out.slice(d, at, at + a.shape[d]), a);
    at += a.shape[d];
  }
  out.versionCounter.version = 0;
  return out;
}

export function stack(arrays: readonly NDArray[], dim = 0): NDArray {
  if (arrays.length === 0) throw new ShapeError('stack expects a non-empty TensorList');
  const ref = arrays[0];
  arrays.forEach((a, i) => {
    if (a.ndim !== ref.ndim || a.shape.some((s, j) => s !== ref.shape[j])) {
      throw new ShapeError(`stack expects each tensor to be equal size, but got ${formatSize(ref.shape).slice(11, -1)} at entry 0 and ${formatSize(a.shape).slice(11, -1)} at entry ${i}`);
    }
  });
  const d = wrapDim(dim, ref.ndim + 1, 'stack');
  return cat(arrays.map((a) => a.unsqueeze(d)), d);
}
