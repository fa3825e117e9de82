/** softmax and log_softmax along a dim, computed stably (x - max), with their backward formulas. */
import * as T from '@cresset/tensor';
import type { NDArray } from '@cresset/tensor';
import { Function } from '../function';
import type { Tensor } from '../tensor';
import { mul, sub } from './util';

/** log_softmax(x) = x - logsumexp(x). */
export function logSoftmaxArray(x: NDArray, dim: number): NDArray {
  const xf = T.isFloating(x.dtype) ? x : T.cast(x, 'float32');
  return sub(xf, T.reduce('logsumexp', xf, dim, true));
}

export class LogSoftmax extends Function {
  readonly name = 'LogSoftmaxBackward0';
  constructor(
    /** The dim the probabilities sum to one along. */
    readonly dim: number,
  ) { super(); }
  forward(x: NDArray) {
    const y = logSoftmaxArray(x, this.dim);
    this.save(y);
    return y;
  }
  backward(g: NDArray) {
    const [y] = this.saved;
    // dx = g - softmax * sum(g)
    return [sub(g, mul(T.unary('exp', y), T.reduce('sum', g, this.dim, true)))];
  }
  protected override backwardGraph([g]: Tensor[], _x: unknown[], [y]: Tensor[]) {
    return [g.sub(y.exp().mul(g.sum(this.dim, true)))];
  }
}

export class Softmax extends Function {
  readonly name = 'SoftmaxBackward0';
  constructor(
    /** The dim the probabilities sum to one along. */
    readonly dim: number,
  ) { super(); }
  forward(x: NDArray) {
    const y = T.unary('exp', logSoftmaxArray(x, this.dim));
    this.save(y);
    return y;
  }
  backward(g: NDArray) {
    const [y] = this.saved;
    // dx = y * (g - sum(g * y))
    return [mul(y, sub(g, T.reduce('sum', mul(g, y), this.dim, true)))];
  }
  protected override backwardGraph([g]: Tensor[], _x: unknown[], [y]: Tensor[]) {
    return [y.mul(g.sub(g.mul(y).sum(this.dim, true)))];
  }
}
