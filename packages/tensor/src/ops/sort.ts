/**
 * Sorting along one dim (torch.sort, torch.argsort, torch.topk) and selecting by a boolean mask
 * (torch.masked_select, x[mask]). Sorting is stable: equal values keep their order, in ascending
 * and in descending order alike, as PyTorch's sort(stable=True); NaN sorts above every number
 * (last ascending, first descending), as PyTorch's comparators put it.
 */
import { DTypeError, IndexError, ShapeError } from '../errors';
import { NDArray } from '../ndarray';
import { broadcastShapes, wrapDim } from '../shape';

/** The comparator of two values, NaN above every number; `descending` flips the order. */
function comparator(descending: boolean): (x: number, y: number) => number {
  return (x, y) => {
    const xn = x !== x, yn = y !== y;
    if (xn || yn) return xn === yn ? 0 : descending ? (xn ? -1 : 1) : (xn ? 1 : -1);
    return descending ? (x > y ? -1 : x < y ? 1 : 0) : (x < y ? -1 : x > y ? 1 : 0);
  };
}

/**
 * The first `k` elements of each run along `dim` in sorted order: values (a's dtype) and their
 * int64 positions along dim, each shaped as `a` with dim of size k (k = the dim's size for a full sort).
 */
function sortedRuns(a: NDArray, dim: number, descending: boolean, k: number): [NDArray, NDArray] {
  if (a.ndim === 0) return [a.clone(), NDArray.empty([], 'int64')];
  const moved = a.ndim - 1;
  const src = a.transpose(dim, moved).contiguous();
  const n = src.shape[moved];
  const rows = n === 0 ? 0 : src.size / n;
  const outShape = [...src.shape.slice(0, moved), k];
  const values = NDArray.empty(outShape, a.dtype);
  const indices = NDArray.empty(outShape, 'int64');
  const cmp = comparator(descending);
  const order = new Array<number>(n);
  const row = new Array<number>(n);
  const data = src.data;
  const vOut = values.data;
  const iOut = indices.data;
  for (let r = 0; r < rows; r++) {
    const base = src.offset + r * n;
    for (let i = 0; i < n; i++) {
      order[i] = i;
      row[i] = data[base + i];
    }
    // Array.prototype.sort is stable: ties keep their positions' order
    order.sort((i, j) => cmp(row[i], row[j]));
    for (let i = 0; i < k; i++) {
      const at = order[i];
      vOut[r * k + i] = row[at];
      iOut[r * k + i] = at;
    }
  }
  return [values.transpose(dim, moved).contiguous(), indices.transpose(dim, moved).contiguous()];
}

/** torch.sort(a, dim, descending, stable=True): the sorted values and their int64 indices along dim. */
export function sortAlong(a: NDArray, dim = -1, descending = false): [NDArray, NDArray] {
  const d = wrapDim(dim, Math.max(a.ndim, 1), 'sort');
  return sortedRuns(a, a.ndim === 0 ? 0 : d, descending, a.ndim === 0 ? 1 : a.shape[d]);
}

/**
 * torch.topk(a, k, dim, largest, sorted): the k largest (or smallest) values along dim and their
 * indices, in sorted order; ties keep their positions' order.
 */
export function topkAlong(a: NDArray, k: number, dim = -1, largest = true): [NDArray, NDArray] {
  const d = wrapDim(dim, Math.max(a.ndim, 1), 'topk');
  const n = a.ndim === 0 ? 1 : a.shape[d];
  if (!Number.isInteger(k) || k < 0 || k > n) throw new ShapeError(`topk(): selected index k out of range (k = ${k}, dim size = ${n})`);
  return sortedRuns(a, a.ndim === 0 ? 0 : d, largest, k);
}

/** Checks that `mask` is bool and broadcasts with `a`; returns both expanded to the common shape. */
export function broadcastMask(a: NDArray, mask: NDArray, op: string): [NDArray, NDArray] {
  if (mask.dtype !== 'bool' && mask.dtype !== 'uint8') throw new DTypeError(`${op}: only supports boolean masks, but got mask with dtype ${mask.dtype}`);
  const shape = broadcastShapes(mask.shape, a.shape, op);
  return [a.expand(shape), mask.expand(shape)];
}

/**
 * The flat (row-major) positions where `mask` is true, within `shape`; the mask is checked to
 * have `shape`'s leading dims (x[mask] with a mask over the first mask.ndim dims of x).
 */
export function maskPositions(mask: NDArray, shape: readonly number[], op: string): number[] {
  if (mask.dtype !== 'bool' && mask.dtype !== 'uint8') throw new DTypeError(`${op}: only supports boolean masks, but got mask with dtype ${mask.dtype}`);
  if (mask.ndim > shape.length) throw new ShapeError(`${op}: too many indices for tensor of dimension ${shape.length} (mask of dimension ${mask.ndim})`);
  mask.shape.forEach((s, i) => {
    if (s !== shape[i]) throw new IndexError(`${op}: The shape of the mask [${mask.shape.join(', ')}] at index ${i} does not match the shape of the indexed tensor [${shape.join(', ')}] at index ${i}`);
  });
  const m = mask.contiguous();
  const out: number[] = [];
  for (let i = 0; i < m.size; i++) if (m.data[m.offset + i]) out.push(i);
  return out;
}
