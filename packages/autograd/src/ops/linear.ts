/**
 * linear(x, W, b) = x W^T + b over the last dim of x, with PyTorch's node names
 * (AddmmBackward0 for a 2-d input with bias, MmBackward0 without, ViewBackward0 for more dims).
 */
import * as T from '@cresset/tensor';
import type { NDArray } from '@cresset/tensor';
import { Function } from '../function';
import type { Tensor } from '../tensor';

export class Linear extends Function {
  name = 'AddmmBackward0';
  private hasBias = false;
  constructor() { super(); }
  forward(x: NDArray, w: NDArray, b?: NDArray) {
    this.hasBias = b !== undefined;
    if (x.shape[x.ndim - 1] !== w.shape[1] || w.ndim !== 2) {
      const rows = x.ndim === 1 ? 1 : x.size / x.shape[x.ndim - 1];
      throw new T.ShapeError(`mat1 and mat2 shapes cannot be multiplied (${rows}x${x.shape[x.ndim - 1]} and ${w.shape.slice().reverse().join('x')})`);
    }
    this.name = x.ndim === 2 ? (this.hasBias ? 'AddmmBackward0' : 'MmBackward0') : x.ndim === 1 ? (this.hasBias ? 'AddBackward0' : 'SqueezeBackward4') : this.hasBias ? 'ViewBackward0' : 'UnsafeViewBackward0';
    this.save(x, w);
    const x2 = x.reshape([-1, w.shape[1]]);
    let y = T.mm(x2, w.t());
    if (b) y = T.binary('add', y, b);
    return y.reshape([...x.shape.slice(0, -1), w.shape[0]]);
  }
  backward(g: NDArray) {
    const [x, w] = this.saved;
    const g2 = g.reshape([-1, w.shape[0]]);
    const x2 = x.reshape([-1, w.shape[1]]);
    const gx = this.next[0] ? T.mm(g2, w).reshape(x.shape) : null;
    const gw = this.next[1] ? T.mm(g2.t(), x2) : null;
    const gb = this.hasBias && this.next[2] ? T.reduce('sum', g2, 0) : null;
    return [gx, gw, gb];
  }
  protected override backwardGraph([g]: Tensor[], [x, w]: Tensor[]) {
    const g2 = g.reshape(-1, w.shape[0]);
    return [g2.matmul(w).reshape(x.shape), g2.t().matmul(x.reshape(-1, w.shape[1])), this.hasBias ? g2.sum(0) : null];
  }
}
