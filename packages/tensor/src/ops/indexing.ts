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

/**
 * A copy with the elements shifted along `dims` by `shifts` (one shift per dim), those pushed past
 * the end coming back at the start (torch.roll). With no dims, the flattened array is rolled and
 * given back its shape.
 */
export function roll(a: NDArray, shifts: readonly number[], dims: readonly number[] = []): NDArray {
  if (dims.length === 0) {
    if (shifts.length !== 1) throw new IndexError(`roll: shifts ${JSON.stringify(shifts)} need as many dims, got none (only one shift rolls the flattened tensor)`);
    return roll(a.contiguous().reshape([a.size]), shifts, [0]).reshape(a.shape);
  }
  if (shifts.length !== dims.length) throw new IndexError(`roll: shifts and dimensions must align. shifts: ${shifts.length}, dims: ${dims.length}`);
  const by = new Map<number, number>();
  dims.forEach((d, i) => {
    const w = wrapDim(d, a.ndim, 'roll');
    by.set(w, (by.get(w) ?? 0) + shifts[i]);
  });
  const tables = a.shape.map((size, d) => {
    const t = new Int32Array(size);
    const s = size === 0 ? 0 : ((((by.get(d) ?? 0) % size) + size) % size);
    for (let i = 0; i < size; i++) t[i] = ((i - s + size) % size) * a.strides[d];
    return t;
  });
  const out = NDArray.empty(a.shape, a.dtype);
  backend().gather(a.data, a.offset, tables, out.data, 0);
  return out;
}

/**
 * The diagonal of dims dim1 and dim2 as a view (torch.diagonal): those dims are removed and the
 * diagonal, starting `offset` above (below, when negative) the main one, becomes the last dim.
 */
export function diagonalView(a: NDArray, offset = 0, dim1 = 0, dim2 = 1): NDArray {
  const d1 = wrapDim(dim1, a.ndim, 'diagonal');
  const d2 = wrapDim(dim2, a.ndim, 'diagonal');
  if (d1 === d2) throw new IndexError(`diagonal dimensions cannot be identical ${dim1}, ${dim2}`);
  const len = Math.max(0, offset >= 0 ? Math.min(a.shape[d1], a.shape[d2] - offset) : Math.min(a.shape[d1] + offset, a.shape[d2]));
  const start = len === 0 ? a.offset : a.offset + (offset >= 0 ? offset * a.strides[d2] : -offset * a.strides[d1]);
  const keep = a.shape.map((_, i) => i).filter((i) => i !== d1 && i !== d2);
  return a.asStrided([...keep.map((i) => a.shape[i]), len], [...keep.map((i) => a.strides[i]), a.strides[d1] + a.strides[d2]], start);
}
