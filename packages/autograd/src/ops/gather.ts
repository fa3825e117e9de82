/** gather(dim, index) (GatherBackward0): out[i][j] = x[i][index[i][j]] for dim 1; the backward scatter-adds. */
import * as T from '@cresset/tensor';
import type { NDArray } from '@cresset/tensor';
import { Function, tensorOf } from '../function';
import type { Tensor } from '../tensor';

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
    return T.gatherAlong(x, this.d, this.index);
  }
  backward(g: NDArray) {
    const gx = T.zeros(this.inShape, g.dtype);
    T.scatterAlong(gx, this.d, this.index, g, true, 'gather');
    return [gx];
  }
  protected override backwardGraph([g]: Tensor[]) {
    return [tensorOf(T.zeros(this.inShape, g.dtype)).scatterAdd(this.d, tensorOf(this.index), g)];
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
    T.scatterAlong(out, this.d, this.index, src, true);
    return out;
  }
  backward(g: NDArray) {
    return [g, T.gatherAlong(g, this.d, this.index, 'scatter_add')];
  }
  protected override backwardGraph([g]: Tensor[]) { return [g, g.gather(this.d, tensorOf(this.index))]; }
}
