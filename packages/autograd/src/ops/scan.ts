/** cumsum along a dim (CumsumBackward0): the gradient is the reversed running sum of the incoming one. */
import * as T from '@cresset/tensor';
import type { NDArray } from '@cresset/tensor';
import { Function } from '../function';
import type { Tensor } from '../tensor';

export class Cumsum extends Function {
  readonly name: string;
  constructor(
    /** The dim summed along. */
    readonly dim: number,
    /** Sums from the end (the backward of a forward cumsum, and the other way round). */
    readonly reverse = false,
  ) {
    super();
    this.name = reverse ? 'CumsumBackwardBackward' : 'CumsumBackward0';
  }
  forward(x: NDArray) { return T.scan('sum', x, this.dim, { reverse: this.reverse }); }
  backward(g: NDArray) { return [T.scan('sum', g, this.dim, { reverse: !this.reverse })]; }
  protected override backwardGraph([g]: Tensor[]) { return [new Cumsum(this.dim, !this.reverse).apply(g)]; }
}
