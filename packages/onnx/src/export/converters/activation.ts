/**
 * The activation ops as ONNX: Celu, Selu, Elu, Shrink (hardshrink, softshrink), HardSigmoid,
 * HardSwish (x * HardSigmoid(x) before opset 14), Clip (hardtanh, relu6), PRelu, Softplus, and
 * the compositions PyTorch's exporter writes for gelu, log_sigmoid, mish, silu, threshold and glu.
 */
import { Activation, Glu, RreluWithNoise, SELU_ALPHA, SELU_SCALE } from '@cresset/autograd';
import { attr } from '../../schema/attributes';
import type { ConvertContext } from '../convert_context';

const scalar = (c: ConvertContext, v: number) => c.graph.valueOf(v, c.out.dtype, c.where);
const one = (c: ConvertContext, op: string, x: string, attrs = [] as ReturnType<typeof attr.float>[]) => c.node(op, [x], attrs)[0];

/** x where x > threshold, else value, as Where(Greater(x, threshold), x, value). */
function thresholdOf(c: ConvertContext, x: string, th: number, value: string): string {
  const cond = c.node('Greater', [x, scalar(c, th)])[0];
  return c.node('Where', [cond, x, value])[0];
}

export function activation(c: ConvertContext, { kind, p, q }: Activation): void {
  const x = c.input(0);
  switch (kind) {
    case 'celu': return c.result(...c.node('Celu', [x], [attr.float('alpha', p)]));
    case 'selu': return c.result(...c.node('Selu', [x], [attr.float('alpha', SELU_ALPHA), attr.float('gamma', SELU_SCALE)]));
    case 'hardshrink': return c.result(...c.node('Shrink', [x], [attr.float('lambd', p), attr.float('bias', 0)]));
    case 'softshrink': return c.result(...c.node('Shrink', [x], [attr.float('lambd', p), attr.float('bias', p)]));
    case 'hardsigmoid': return c.result(one(c, 'HardSigmoid', x, [attr.float('alpha', 1 / 6), attr.float('beta', 0.5)]));
    case 'hardswish':
      if (c.opset >= 14) return c.result(one(c, 'HardSwish', x));
      return c.result(...c.node('Mul', [x, one(c, 'HardSigmoid', x, [attr.float('alpha', 1 / 6), attr.float('beta', 0.5)])]));
    case 'hardtanh': return c.result(...c.node('Clip', [x, scalar(c, p), scalar(c, q)]));
    case 'logSigmoid': return c.result(one(c, 'Log', one(c, 'Sigmoid', x)));
    case 'mish': return c.result(...c.node('Mul', [x, one(c, 'Tanh', one(c, 'Softplus', x))]));
    case 'silu': return c.result(...c.node('Mul', [x, one(c, 'Sigmoid', x)]));
    case 'threshold': return c.result(thresholdOf(c, x, p, scalar(c, q)));
    default: return c.unsupported(`the activation '${String(kind)}'`);
  }
}

/** softplus(x, beta, threshold): Softplus(beta x) / beta, and x itself where beta x > threshold. */
export function softplus(c: ConvertContext, beta: number, threshold: number): void {
  const x = c.input(0);
  const bx = beta === 1 ? x : c.node('Mul', [x, scalar(c, beta)])[0];
  const sp = one(c, 'Softplus', bx);
  const y = beta === 1 ? sp : c.node('Div', [sp, scalar(c, beta)])[0];
  const cond = c.node('Greater', [bx, scalar(c, threshold)])[0];
  c.result(...c.node('Where', [cond, x, y]));
}

/** gelu as PyTorch's exporter writes it: x * 0.5 * (1 + Erf(x / sqrt 2)), or the tanh approximation. */
export function gelu(c: ConvertContext, approximate: boolean): void {
  const x = c.input(0);
  const mul = (a: string, b: string) => c.node('Mul', [a, b])[0];
  const inner = approximate
    ? one(c, 'Tanh', mul(c.node('Add', [x, mul(mul(mul(x, x), x), scalar(c, 0.044715))])[0], scalar(c, Math.sqrt(2 / Math.PI))))
    : one(c, 'Erf', c.node('Div', [x, scalar(c, Math.SQRT2)])[0]);
  c.result(mul(mul(x, scalar(c, 0.5)), c.node('Add', [inner, scalar(c, 1)])[0]));
}

/** glu: Split into halves a, b along the dim, then a * Sigmoid(b). */
export function glu(c: ConvertContext, { dim }: Glu): void {
  const h = c.shapeOf(0)[dim] / 2;
  const [a, b] = c.opset >= 13
    ? c.node('Split', [c.input(0), c.graph.ints([h, h])], [attr.int('axis', dim)], 2)
    : c.node('Split', [c.input(0)], [attr.int('axis', dim), attr.ints('split', [h, h])], 2);
  c.result(...c.node('Mul', [a, one(c, 'Sigmoid', b)]));
}

export function prelu(c: ConvertContext): void {
  c.result(...c.node('PRelu', [c.promoted(0), c.promoted(1)]));
}

export function rreluWithNoise(c: ConvertContext, _op: RreluWithNoise): void {
  c.unsupported('rrelu in training mode (its slopes are drawn per call)');
}
