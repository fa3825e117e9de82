/**
 * matmul in all its forms (dot, mv, mm, batched with broadcast batch dims). Backward:
 * dA = dC B^T and dB = A^T dC, computed on the 2-d-or-more forms and reduced to the inputs.
 */
import * as T from '@cresset/tensor';
import type { NDArray } from '@cresset/tensor';
import { Function, sumToSize } from '../function';
import type { Tensor } from '../tensor';

/** The grad_fn name PyTorch 1.13's matmul leaves for operands of these dims. */
function nodeName(a: number, b: number): string {
  if (a === 1 && b === 1) return 'DotBackward0';
  if (a === 2 && b === 1) return 'MvBackward0';
  if (a === 2 && b === 2) return 'MmBackward0';
  if (a === 1 && b === 2) return 'SqueezeBackward3';
  // a matrix times a batch runs as the transposed product, made contiguous
  if (a === 2) return 'CloneBackward0';
  return 'UnsafeViewBackward0';
}

const mT = (x: NDArray) => x.transpose(-2, -1);

export class Matmul extends Function {
  name = 'MmBackward0';
  forward(a: NDArray, b: NDArray) {
    this.name = nodeName(a.ndim, b.ndim);
    this.save(a, b);
    return T.matmul(a, b);
  }
  backward(g: NDArray) {
    const [a, b] = this.saved;
    const A = a.ndim === 1 ? a.unsqueeze(0) : a;
    const B = b.ndim === 1 ? b.unsqueeze(1) : b;
    // g with the dims that 1-d operands dropped put back
    let G = g;
    if (a.ndim === 1) G = G.unsqueeze(b.ndim === 1 ? 0 : -2);
    if (b.ndim === 1) G = G.unsqueeze(-1);
    const gA = T.sumToShape(T.matmul(G, mT(B)), A.shape).reshape(a.shape);
    const gB = T.sumToShape(T.matmul(mT(A), G), B.shape).reshape(b.shape);
    return [gA, gB];
  }
  protected override backwardGraph([g]: Tensor[], [a, b]: Tensor[]) {
    const A = a.ndim === 1 ? a.unsqueeze(0) : a;
    const B = b.ndim === 1 ? b.unsqueeze(1) : b;
    let G = g;
    if (a.ndim === 1) G = G.unsqueeze(b.ndim === 1 ? 0 : -2);
    if (b.ndim === 1) G = G.unsqueeze(-1);
    return [sumToSize(G.matmul(B.mT), A.shape).reshape(a.shape), sumToSize(A.mT.matmul(G), B.shape).reshape(b.shape)];
  }
}
