/** cat and stack: the gradient of each input is its slice of the output gradient. */
import * as T from '@cresset/tensor';
import type { NDArray } from '@cresset/tensor';
import { Function } from '../function';
import type { Tensor } from '../tensor';

export class Cat extends Function {
  readonly name = 'CatBackward0';
  private sizes: number[] = [];
  private d = 0;
  constructor(
    /** The dim the inputs are joined along (may be negative). */
    readonly dim: number,
  ) { super(); }
  forward(...xs: NDArray[]) {
    const out = T.cat(xs, this.dim);
    this.d = T.wrapDim(this.dim, out.ndim, 'cat');
    this.sizes = xs.map((x) => (x.ndim === 1 && x.shape[0] === 0 ? 0 : x.shape[this.d]));
    return out;
  }
  backward(g: NDArray) {
    let at = 0;
    return this.sizes.map((n) => {
      const part = g.slice(this.d, at, at + n);
      at += n;
      return part;
    });
  }
  protected override backwardGraph([g]: Tensor[]) {
    let at = 0;
    return this.sizes.map((n) => {
      const part = g.narrow(this.d, at, n);
      at += n;
      return part;
    });
  }
}

export class Stack extends Function {
  readonly name = 'StackBackward0';
  private d = 0;
  constructor(
    /** The dim the inputs are joined along (may be negative). */
    readonly dim: number,
  ) { super(); }
  forward(...xs: NDArray[]) {
    const out = T.stack(xs, this.dim);
    this.d = T.wrapDim(this.dim, out.ndim, 'stack');
    return out;
  }
  backward(g: NDArray) {
    return Array.from({ length: g.shape[this.d] }, (_, i) => g.select(this.d, i));
  }
  protected override backwardGraph([g]: Tensor[]) {
    return Array.from({ length: g.shape[this.d] }, (_, i) => g.select(this.d, i));
  }
}
