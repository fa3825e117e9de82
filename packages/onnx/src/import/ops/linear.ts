/** ONNX Gemm (alpha A' B' + beta C; as F.linear when it is one) and MatMul. */
import type { Tensor } from '@cresset/autograd';
import { functional as F } from '@cresset/nn';
import type { OpContext } from '../op_context';

export function gemm(c: OpContext): Tensor {
  if (c.opset < 7 && c.attrs.int('broadcast', 0) === 0 && c.optional(2) && c.optional(2)!.ndim !== 2) c.unsupported('Gemm without broadcast of a non-matrix C');
  const [a, b, bias] = [c.input(0), c.input(1), c.optional(2)];
  const alpha = c.attrs.float('alpha', 1);
  const beta = c.attrs.float('beta', 1);
  const transA = c.attrs.int('transA', 0) === 1;
  const transB = c.attrs.int('transB', 0) === 1;
  if (!transA && transB && alpha === 1 && beta === 1 && (!bias || bias.ndim === 1)) return F.linear(a, b, bias ?? null);
  let y = (transA ? a.t() : a).matmul(transB ? b.t() : b);
  if (alpha !== 1) y = y.mul(alpha);
  return bias ? y.add(beta === 1 ? bias : bias.mul(beta)) : y;
}

export const matMul = (c: OpContext): Tensor => c.input(0).matmul(c.input(1));
