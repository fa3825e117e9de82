/**
 * Basic indexing, as Python's x[...] on a tensor: integers select, slices narrow (with steps),
 * null inserts a dim (None), '...' stands for the remaining dims. Results are views.
 * Slices are written as strings ('2:6', '::2', ':') or as [start, stop, step] arrays.
 */
import { IndexError } from '../errors';
import { backend } from '../kernels';
import { wrapDim } from '../shape';
import { NDArray } from '../ndarray';

export type Slice = string | readonly (number | null)[];
export type IndexSpec = number | Slice | null;

function parseSlice(s: Slice): [number | null, number | null, number] {
  if (typeof s !== 'string') return [s[0] ?? null, s[1] ?? null, s[2] ?? 1];
  const parts = s.split(':').map((p) => p.trim());
  if (parts.length < 2 || parts.length > 3) throw new IndexError(`index: cannot parse slice '${s}' (expected 'start:stop' or 'start:stop:step')`);
  const num = (p: string | undefined) => {
    if (p === undefined || p === '') return null;
    const v = Number(p);
    if (!Number.isInteger(v)) throw new IndexError(`index: slice bound '${p}' in '${s}' is not an integer`);
    return v;
  };
  return [num(parts[0]), num(parts[1]), num(parts[2]) ?? 1];
}

/** x[spec0, spec1, ...] as a view of `a`. */
export function index(a: NDArray, specs: readonly IndexSpec[]): NDArray {
  const consuming = specs.filter((s) => s !== null && s !== '...').length;
  if (specs.filter((s) => s === '...').length > 1) throw new IndexError('index: an index can only have a single ellipsis (\'...\')');
  if (consuming > a.ndim) throw new IndexError(`too many indices for tensor of dimension ${a.ndim}`);
  let out = a;
  let dim = 0;
  for (const s of specs) {
    if (s === '...') {
      dim += a.ndim - consuming;
      continue;
    }
    if (s === null) {
      out = out.unsqueeze(dim);
      dim++;
    } else if (typeof s === 'number') {
      const size = out.shape[dim];
      if (!Number.isInteger(s) || s < -size || s >= size) {
        throw new IndexError(`index ${s} is out of bounds for dimension ${dim} with size ${size}`);
      }
      out = out.select(dim, s);
    } else {
      const [start, stop, step] = parseSlice(s);
      out = out.slice(dim, start, stop, step);
      dim++;
    }
  }
  return out;
}

/** A copy with the order of elements reversed along `dims` (torch.flip). */
export function flip(a: NDArray, dims: readonly number[]): NDArray {
  const rev = new Set(dims.map((d) => wrapDim(d, a.ndim, 'flip')));
  const tables = a.shape.map((size, d) => {
    const t = new Int32Array(size);
    for (let i = 0; i < size; i++) t[i] = (rev.has(d) ? size - 1 - i : i) * a.strides[d];
    return t;
  });
  const out = NDArray.empty(a.shape, a.dtype);
  backend().gather(a.data, a.offset, tables, out.data, 0);
  return out;
}
