/**
 * embedding(weight, indices) (EmbeddingBackward0): rows of weight [num, dim] picked by integer
 * indices of any shape, giving [...indices.shape, dim]; the backward adds each gradient row into
 * the row it was read from, except for the padding row.
 */
import * as T from '@cresset/tensor';
import type { NDArray } from '@cresset/tensor';
import { Function } from '../function';

export class Embedding extends Function {
  readonly name = 'EmbeddingBackward0';
  private index: NDArray | null = null;
  private weightShape: readonly number[] = [];
  constructor(
    /** The row that gets no gradient (non-negative), or -1 for none. */
    readonly paddingIdx: number,
    /** The max_norm the caller renormalised the looked-up rows to beforehand, or null. */
    readonly maxNorm: number | null = null,
  ) { super(); }
  forward(weight: NDArray, indices: NDArray) {
    const [, dim] = weight.shape;
    const n = indices.size;
    this.weightShape = weight.shape;
    this.index = T.cast(indices.reshape([n, 1]), 'int64').expand([n, dim]).contiguous();
    this.save(indices);
    return T.gatherAlong(weight, 0, this.index).reshape([...indices.shape, dim]);
  }
  backward(g: NDArray) {
    const [indices] = this.saved;
    const dim = this.weightShape[1];
    let rows = g.reshape([-1, dim]);
    if (this.paddingIdx >= 0) rows = T.binary('mul', rows, T.cast(T.binary('ne', indices.reshape([-1, 1]), this.paddingIdx), g.dtype));
    const gw = T.zeros(this.weightShape, g.dtype);
    T.scatterAlong(gw, 0, this.index!, rows.contiguous(), true, 'embedding_backward');
    return [gw, null];
  }
}
