/** Arithmetic (Add, Sub with alpha, Mul, Div), activations and softmax as ONNX ops. */
import type { Add, LogSoftmax, Pointwise, Softmax, Sub } from '@cresset/autograd';
import { gelu, softplus } from './activation';
import { attr } from '../../schema/attributes';
import type { ConvertContext } from '../convert_context';

/** Add or Sub; alpha != 1 scales the second operand first, as PyTorch's symbolic does. */
function addSub(opType: 'Add' | 'Sub') {
  return (c: ConvertContext, { alpha }: Add | Sub): void => {
    c.checkSameDType();
    let b = c.input(1);
    if (alpha !== 1) b = c.node('Mul', [b, c.graph.valueOf(alpha, c.out.dtype, c.where)])[0];
    c.result(...c.node(opType, [c.input(0), b]));
  };
}

function binary(opType: string) {
  return (c: ConvertContext): void => {
    c.checkSameDType();
    c.result(...c.node(opType, [c.input(0), c.input(1)]));
  };
}

/** where(cond, a, b) as Where, numbers as constants of the output's dtype. */
export function whereOp(c: ConvertContext): void {
  c.result(...c.node('Where', [c.input(0, 'bool'), c.input(1), c.input(2)]));
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

export function softmax(c: ConvertContext, { dim }: Softmax): void {
  c.result(...c.node('Softmax', [c.input(0)], [attr.int('axis', dim)]));
}

export function logSoftmax(c: ConvertContext, { dim }: LogSoftmax): void {
  c.result(...c.node('LogSoftmax', [c.input(0)], [attr.int('axis', dim)]));
}
