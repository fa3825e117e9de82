/**
 * Gather and scatter along one dim by an index array (torch.gather, scatter_ / scatter_add_ with
 * a src tensor): out[i][j][k] = x[i][index[i][j][k]][k] for dim 1, and its adjoint. The index
 * may be smaller than x in the other dims (only its extent there is read or written); negative
 * indices count from the end when `wrap` is set. Shapes and bounds errors name the op.
 */
import { IndexError, ShapeError } from '../errors';
import { backend } from '../kernels';
import { NDArray } from '../ndarray';
import { binary, where } from './elementwise';
import { wrapDim } from '../shape';

/** [outer, n, inner] and the index's m of `shape` along `dim`. */
function axis(shape: readonly number[], index: readonly number[], dim: number) {
  const prod = (v: readonly number[]) => v.reduce((a, b) => a * b, 1);
  return { outer: prod(index.slice(0, dim)), n: shape[dim], inner: prod(index.slice(dim + 1)), m: index[dim] };
}

/** Checks the index against x along the other dims; returns x narrowed to the index's extent there. */
function narrowTo(x: NDArray, index: NDArray, dim: number, op: string): NDArray {
  if (index.ndim !== x.ndim) throw new ShapeError(`${op}(): Index tensor must have the same number of dimensions as input tensor (${index.ndim} vs ${x.ndim})`);
  let v = x;
  for (let d = 0; d < x.ndim; d++) {
    if (d === dim) continue;
    if (index.shape[d] > x.shape[d]) {
      throw new ShapeError(`${op}(): Size does not match at dimension ${d} expected index [${index.shape.join(', ')}] to be smaller than self [${x.shape.join(', ')}] apart from dimension ${dim}`);
    }
    if (index.shape[d] < x.shape[d]) v = v.narrow(d, 0, index.shape[d]);
  }
  return v;
}

/** The index as the kernels take it: contiguous, negative entries wrapped when `wrap`. */
function prepared(ic: NDArray, n: number, wrap: boolean): NDArray {
  return wrap ? where(binary('lt', ic, 0), binary('add', ic, n), ic) : ic;
}

/** Builds the error for an index value outside the dim (the op's own words, or gather's). */
export type BadIndex = (value: number) => Error;

const outOfBounds = (op: string, dim: number, n: number): BadIndex => (v) => new IndexError(`${op}(): index ${v} is out of bounds for dimension ${dim} with size ${n}`);

/** torch.gather(x, dim, index): a new array shaped as index. */
export function gatherAlong(x: NDArray, dim: number, index: NDArray, op = 'gather', wrap = true, bad?: BadIndex): NDArray {
  const d = wrapDim(dim, x.ndim, op);
  const src = narrowTo(x, index, d, op).contiguous();
  const { outer, n, inner, m } = axis(x.shape, index.shape, d);
  const ic = index.contiguous();
  const ix = prepared(ic, n, wrap);
  const out = NDArray.empty(index.shape, x.dtype);
  const at = backend().gatherAxis(outer, n, inner, m, src.data, src.offset, ix.data, ix.offset, out.data);
  if (at >= 0) throw (bad ?? outOfBounds(op, d, n))(ic.data[ic.offset + at]);
  return out;
}

/**
 * Writes src (shaped as index) into dst along dim, in place: dst[..][index][..] += src (or =
 * without `accumulate`, the last write winning). dst keeps its storage; the caller bumps its version.
 */
export function scatterAlong(dst: NDArray, dim: number, index: NDArray, src: NDArray, accumulate: boolean, op = 'scatter_add', wrap = true, bad?: BadIndex): void {
  const d = wrapDim(dim, dst.ndim, op);
  if (src.ndim !== index.ndim || src.shape.some((s, i) => s < index.shape[i])) {
    throw new ShapeError(`${op}(): Expected index [${index.shape.join(', ')}] to be smaller than src [${src.shape.join(', ')}] in every dimension`);
  }
  const view = narrowTo(dst, index, d, op);
  const target = view.isContiguous() ? view : view.clone();
  const { outer, n, inner, m } = axis(dst.shape, index.shape, d);
  const ic = index.contiguous();
  const ix = prepared(ic, n, wrap);
  let s = src;
  for (let k = 0; k < src.ndim; k++) if (src.shape[k] > index.shape[k]) s = s.narrow(k, 0, index.shape[k]);
  const sc = s.contiguous();
  const at = backend().scatterAxis(outer, n, inner, m, sc.data, sc.offset, ix.data, ix.offset, target.data, target.offset, accumulate);
  if (at >= 0) throw (bad ?? outOfBounds(op, d, n))(ic.data[ic.offset + at]);
  if (target !== view) backend().unary('copy', view.shape, target, view);
}
