/**
 * Arithmetic (Add, Sub with alpha, Mul, Div; operands of other dtypes Cast to the result's), clamp
 * by numbers (Max and Min), activations and softmax as ONNX ops.
 */
import type { Add, Clamp, LogSoftmax, Pointwise, Softmax, Sub } from '@cresset/autograd';
import { gelu, softplus } from './activation';
import { attr } from '../../schema/attributes';
import type { ConvertContext } from '../convert_context';

/** Add or Sub; alpha != 1 scales the second operand first, as PyTorch's symbolic does. */
function addSub(opType: 'Add' | 'Sub') {
  return (c: ConvertContext, { alpha }: Add | Sub): void => {
    let b = c.promoted(1);
    if (alpha !== 1) b = c.node('Mul', [b, c.graph.valueOf(alpha, c.out.dtype, c.where)])[0];
    c.result(...c.node(opType, [c.promoted(0), b]));
  };
}

function binary(opType: string) {
  return (c: ConvertContext): void => {
    c.result(...c.node(opType, [c.promoted(0), c.promoted(1)]));
  };
}

/** where(cond, a, b) as Where, numbers as constants of the output's dtype. */
export function whereOp(c: ConvertContext): void {
  c.result(...c.node('Where', [c.input(0, 'bool'), c.input(1), c.input(2)]));
}

/** clamp(x, lo, hi) by numbers: Max with lo, then Min with hi (either left out when null). */
export function clamp(c: ConvertContext, { lo, hi }: Clamp): void {
  let x = c.input(0);
  if (lo !== null) x = c.node('Max', [x, c.graph.valueOf(lo, c.out.dtype, c.where)])[0];
  if (hi !== null) x = c.node('Min', [x, c.graph.valueOf(hi, c.out.dtype, c.where)])[0];
  c.result(lo === null && hi === null ? c.node('Identity', [x])[0] : x);
}

export const add = addSub('Add');
export const sub = addSub('Sub');
export const mul = binary('Mul');
export const div = binary('Div');

/** Pointwise ops that have an ONNX op of one input. */
const SIMPLE: Record<string, string> = {
  relu: 'Relu', sigmoid: 'Sigmoid', tanh: 'Tanh', abs: 'Abs', exp: 'Exp', log: 'Log', sqrt: 'Sqrt',
  reciprocal: 'Reciprocal', floor: 'Floor', ceil: 'Ceil', sign: 'Sign', neg: 'Neg',
};

/** Pointwise ops and activations that have an ONNX op (softplus with its threshold). */
export function pointwise(c: ConvertContext, { op, p, q }: Pointwise): void {
  if (SIMPLE[op]) c.result(...c.node(SIMPLE[op], [c.input(0)]));
  else if (op === 'leakyRelu') c.result(...c.node('LeakyRelu', [c.input(0)], [attr.float('alpha', p)]));
  else if (op === 'elu') c.result(...c.node('Elu', [c.input(0)], [attr.float('alpha', p)]));
  else if (op === 'softplus') softplus(c, p, q);
  else if (op === 'gelu' || op === 'geluTanh') gelu(c, op === 'geluTanh');
  else c.unsupported(`the pointwise op '${op}'`);
}

export function neg(c: ConvertContext): void {
  c.result(...c.node('Neg', [c.input(0)]));
}

/**
 * Softmax / LogSoftmax along `dim`. Before opset 13 ONNX's op normalises the input flattened to 2-d
 * at `axis`, which is the softmax along one dim only for the last: another dim is swapped to the
 * end and back around it, as PyTorch's exporter does.
 */
function softmaxOf(opType: 'Softmax' | 'LogSoftmax') {
  return (c: ConvertContext, { dim }: Softmax | LogSoftmax): void => {
    const n = c.out.ndim;
    const axis = dim < 0 ? dim + n : dim;
    if (c.opset >= 13 || axis === n - 1) return c.result(...c.node(opType, [c.input(0)], [attr.int('axis', c.opset >= 13 ? dim : axis)]));
    const perm = Array.from({ length: n }, (_, i) => (i === axis ? n - 1 : i === n - 1 ? axis : i));
    const [t] = c.node('Transpose', [c.input(0)], [attr.ints('perm', perm)]);
    const [y] = c.node(opType, [t], [attr.int('axis', n - 1)]);
    c.result(...c.node('Transpose', [y], [attr.ints('perm', perm)]));
  };
}
export const softmax = softmaxOf('Softmax');
export const logSoftmax = softmaxOf('LogSoftmax');
