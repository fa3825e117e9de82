/** F.bilinear. */
import type { Tensor } from '@cresset/autograd';
import { ShapeError } from '@cresset/tensor';

/** y[..., o] = sum_ij x1[..., i] W[o, i, j] x2[..., j] + b[o], for x1 [*, in1], x2 [*, in2], W [out, in1, in2]. */
export function bilinear(x1: Tensor, x2: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  const [out, in1, in2] = weight.shape;
  if (x1.shape[x1.ndim - 1] !== in1 || x2.shape[x2.ndim - 1] !== in2) {
    throw new ShapeError(`bilinear: input1 [${x1.shape.join(', ')}] and input2 [${x2.shape.join(', ')}] do not fit a weight of [${weight.shape.join(', ')}]`);
  }
  const lead = x1.shape.slice(0, -1);
  const a = x1.reshape([-1, in1]).matmul(weight.permute(1, 0, 2).reshape([in1, out * in2])).reshape([-1, out, in2]);
  let y = a.mul(x2.reshape([-1, 1, in2])).sum(2).reshape([...lead, out]);
  if (bias) y = y.add(bias);
  return y;
}
