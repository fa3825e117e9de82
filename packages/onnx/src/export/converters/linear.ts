/** linear and matmul as ONNX Gemm (2-d input) or MatMul + Add, as PyTorch 1.13 exports them. */
import { attr } from '../../schema/attributes';
import type { ConvertContext } from '../convert_context';

export function linear(c: ConvertContext): void {
  if (c.shapeOf(0).length === 2) {
    const ins = [c.input(0), c.input(1)];
    if (c.hasInput(2)) ins.push(c.input(2));
    c.result(...c.node('Gemm', ins, [attr.float('alpha', 1), attr.float('beta', 1), attr.int('transB', 1)]));
    return;
  }
  const [wt] = c.node('Transpose', [c.input(1)], [attr.ints('perm', [1, 0])]);
  const [y] = c.node('MatMul', [c.input(0), wt]);
  c.result(c.hasInput(2) ? c.node('Add', [y, c.input(2)])[0] : y);
}

export function matmul(c: ConvertContext): void {
  c.result(...c.node('MatMul', [c.promoted(0), c.promoted(1)]));
}
