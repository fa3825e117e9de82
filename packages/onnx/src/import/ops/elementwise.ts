/** ONNX Add, Sub, Mul, Div (integer Div truncates, as ONNX's), Max and Min (of any number of inputs), Relu, LeakyRelu, Sigmoid, Tanh, Softmax, LogSoftmax. */
import type { Tensor } from '@cresset/autograd';
import { functional as F } from '@cresset/nn';
import { isIntegral } from '@cresset/tensor';
import type { OpContext } from '../op_context';

/** Opsets before 7 broadcast only when told to, along `axis`: the numpy-style cases work as they are. */
function operands(c: OpContext): [Tensor, Tensor] {
  if (c.opset < 7 && c.attrs.int('broadcast', 0) === 1 && c.attrs.has('axis')) c.unsupported('legacy broadcasting with axis');
  return [c.input(0), c.input(1)];
}

export const add = (c: OpContext) => { const [a, b] = operands(c); return a.add(b); };
export const sub = (c: OpContext) => { const [a, b] = operands(c); return a.sub(b); };
export const mul = (c: OpContext) => { const [a, b] = operands(c); return a.mul(b); };
export function div(c: OpContext): Tensor {
  const [a, b] = operands(c);
  if (!isIntegral(a.dtype)) return a.div(b);
  return a.div(b).trunc().to(a.dtype);
}

/** Max / Min: the elementwise maximum / minimum of all inputs, broadcast together. */
function extremumOf(op: 'maximum' | 'minimum') {
  return (c: OpContext): Tensor => {
    const xs = c.inputs.filter((t): t is Tensor => t !== undefined);
    if (xs.length === 0) c.unsupported('no inputs');
    return xs.slice(1).reduce((a, b) => a[op](b), xs[0]);
  };
}
export const max = extremumOf('maximum');
export const min = extremumOf('minimum');

export const relu = (c: OpContext) => c.input(0).relu();
export const sigmoid = (c: OpContext) => c.input(0).sigmoid();
export const tanh = (c: OpContext) => c.input(0).tanh();
export const leakyRelu = (c: OpContext) => F.leakyRelu(c.input(0), c.attrs.float('alpha', 0.01));

/**
 * Softmax / LogSoftmax: from opset 13 along one axis (default -1); before, over the input
 * coerced to 2-d at `axis` (default 1).
 */
function softmaxOf(log: boolean) {
  return (c: OpContext): Tensor => {
    const x = c.input(0);
    const f = (t: Tensor, d: number) => (log ? t.logSoftmax(d) : t.softmax(d));
    if (c.opset >= 13) return f(x, c.attrs.int('axis', -1));
    let axis = c.attrs.int('axis', 1);
    if (axis < 0) axis += x.ndim;
    const rows = x.shape.slice(0, axis).reduce((p, s) => p * s, 1);
    return f(x.reshape([rows, -1]), 1).reshape(x.shape);
  };
}
export const softmax = softmaxOf(false);
export const logSoftmax = softmaxOf(true);
