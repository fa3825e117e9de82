/** gather(dim, index) (GatherBackward0): out[i][j] = x[i][index[i][j]] for dim 1; the backward scatter-adds. */
import * as T from '@cresset/tensor';
import type { NDArray } from '@cresset/tensor';
import { Function } from '../function';

/** Runs `visit(outFlat, srcFlat)` for every element of index, with the flat source position it selects. */
function walk(x: readonly number[], index: NDArray, dim: number, visit: (o: number, s: number) => void): void {
  const iv = index.contiguous().values();
  const ishape = index.shape;
  const nd = ishape.length;
  if (nd !== x.length) throw new T.ShapeError(`gather(): Index tensor must have the same number of dimensions as input tensor (${nd} vs ${x.length})`);
  const xStrides = T.contiguousStrides(x);
  const pos = new Int32Array(nd);
  for (let o = 0; o < iv.length; o++) {
    const k = iv[o];
    if (k < -x[dim] || k >= x[dim]) throw new T.IndexError(`gather(): index ${k} is out of bounds for dimension ${dim} with size ${x[dim]}`);
    let s = 0;
    for (let d = 0; d < nd; d++) s += (d === dim ? (k < 0 ? k + x[dim] : k) : pos[d]) * xStrides[d];
    visit(o, s);
    for (let d = nd - 1; d >= 0; d--) { if (++pos[d] < ishape[d]) break; pos[d] = 0; }
  }
}

export class Gather extends Function {
  readonly name = 'GatherBackward0';
  private inShape: readonly number[] = [];
  private d = 0;
  constructor(
    /** The dim indexed along. */
    readonly dim: number,
    /** The int64 indices, shaped as the output. */
    readonly index: NDArray,
  ) { super(); }
  forward(x: NDArray) {
    this.inShape = x.shape;
    this.d = T.wrapDim(this.dim, x.ndim, 'gather');
    const xv = x.contiguous().values();
    const out = T.NDArray.empty(this.index.shape, x.dtype);
    walk(x.shape, this.index, this.d, (o, s) => (out.data[o] = xv[s]));
    return out;
  }
  backward(g: NDArray) {
    const gx = T.zeros(this.inShape, g.dtype);
    const gv = g.contiguous().values();
    walk(this.inShape, this.index, this.d, (o, s) => (gx.data[s] += gv[o]));
    return [gx];
  }
}

/** scatter_add(dim, index, src) (ScatterAddBackward0): out = self; out[.., index, ..] += src; the adjoint of gather. */
export class ScatterAdd extends Function {
  readonly name = 'ScatterAddBackward0';
  private d = 0;
  constructor(
    /** The dim indexed along. */
    readonly dim: number,
    /** The int64 indices, shaped as the output. */
    readonly index: NDArray,
  ) { super(); }
  forward(self: NDArray, src: NDArray) {
    this.d = T.wrapDim(this.dim, self.ndim, 'scatter_add');
    const out = self.clone();
    const sv = src.contiguous().values();
    walk(self.shape, this.index, this.d, (o, s) => (out.data[s] += sv[o]));
    return out;
  }
  backward(g: NDArray) {
    const gv = g.contiguous().values();
    const gs = T.NDArray.empty(this.index.shape, g.dtype);
    walk(g.shape, this.index, this.d, (o, s) => (gs.data[o] = gv[s]));
    return [g, gs];
  }
}
