/**
 * Elementwise math with PyTorch's broadcasting and type promotion. A JS number stands for a
 * Python scalar: it takes part in promotion only across categories (bool < integer < float).
 */
import { castScalar, category, DEFAULT_FLOAT, DType, isFloating, promoteTypes, scalarDType, scalarTypeName } from '../dtype';
import { DTypeError, ValueError } from '../errors';
import { backend, BinaryOp, UnaryOp } from '../kernels';
import { noteInitialized } from '../capture';
import { NDArray } from '../ndarray';
import { broadcastShapes, broadcastStrides } from '../shape';
import { checkIntegral, checkPowScalar, powScalarType } from './integral';

export type Operand = NDArray | number | boolean;

/** A 0-d array holding a scalar in the given dtype. */
export function scalarArray(v: number | boolean, dtype: DType): NDArray {
  const a = NDArray.empty([], dtype);
  a.data[0] = castScalar(Number(v), dtype);
  noteInitialized(a.data, false);
  return a;
}

/**
 * torch.result_type over operands: dimensioned tensors first, then 0-d tensors, then scalars,
 * each tier able to raise the category only.
 */
export function resultType(...ops: Operand[]): DType {
  const tiers: (DType | null)[] = [null, null, null];
  for (const o of ops) {
    const [tier, d] = o instanceof NDArray ? [o.ndim > 0 ? 0 : 1, o.dtype] : [2, scalarDType(o)];
    tiers[tier] = tiers[tier] === null ? d : promoteTypes(tiers[tier]!, d);
  }
  let out: DType | null = null;
  for (let t = 0; t < 3; t++) {
    const d = tiers[t];
    if (d === null) continue;
    if (out === null) out = t === 2 && isFloating(d) ? DEFAULT_FLOAT : d;
    else if (category(d) > category(out)) out = t === 2 ? (isFloating(d) ? DEFAULT_FLOAT : 'int64') : d;
  }
  return out ?? DEFAULT_FLOAT;
}

/** The operand as an array of `dtype` (a cast copy only when its dtype differs). */
export function asArray(o: Operand, dtype: DType): NDArray {
  if (!(o instanceof NDArray)) return scalarArray(o, dtype);
  return o.dtype === dtype ? o : cast(o, dtype);
}

/** A contiguous copy converted to `dtype` (Tensor.to(dtype)); C-style truncation for integers. */
export function cast(a: NDArray, dtype: DType): NDArray {
  const out = NDArray.empty(a.shape, dtype, `to(${dtype})`);
  const op: UnaryOp = dtype === 'bool' ? 'toBool' : !isFloating(dtype) && isFloating(a.dtype) ? 'trunc' : 'copy';
  backend().unary(op, a.shape, a, out);
  return int64Zeros(out);
}

/** int64 lives in doubles, which have -0 (from -0, 0 * -1, trunc(-0.5)): adding 0 gives the integer 0. */
function int64Zeros(out: NDArray): NDArray {
  if (out.dtype === 'int64') backend().binary('add', out.shape, out, { data: ZERO, offset: 0, strides: out.shape.map(() => 0) }, out);
  return out;
}
const ZERO = new Float64Array(1);

/** Which dtype an op computes in and returns, given the promoted input dtype. */
type DTypeRule = 'same' | 'float' | 'bool';

const UNARY_RULES: Partial<Record<UnaryOp, DTypeRule>> = {
  exp: 'float', log: 'float', sqrt: 'float', rsqrt: 'float', sigmoid: 'float', tanh: 'float', sin: 'float', cos: 'float',
  reciprocal: 'float', log1p: 'float', expm1: 'float', gelu: 'float', geluTanh: 'float', elu: 'float', softplus: 'float',
  isnan: 'bool', logicalNot: 'bool', toBool: 'bool',
};

/** out = op(a) elementwise; integer inputs of floating ops compute in float32, as PyTorch. */
export function unary(op: UnaryOp, a: NDArray, p?: number, q?: number): NDArray {
  let rule = UNARY_RULES[op] ?? 'same';
  if (op === 'powScalar') {
    checkPowScalar(a.dtype, p ?? 0);
    if (powScalarType(a.dtype, p ?? 0) !== a.dtype) rule = 'float';
  }
  const outType: DType = rule === 'bool' ? 'bool' : rule === 'float' && !isFloating(a.dtype) ? DEFAULT_FLOAT : a.dtype;
  const src = rule === 'float' ? asArray(a, outType) : a;
  const out = NDArray.output(a.shape, outType, op);
  backend().unary(op, a.shape, src, out, p, q);
  return int64Zeros(out);
}

const BINARY_RULES: Partial<Record<BinaryOp, DTypeRule>> = {
  div: 'float', atan2: 'float',
  eq: 'bool', ne: 'bool', lt: 'bool', le: 'bool', gt: 'bool', ge: 'bool', logicalAnd: 'bool', logicalOr: 'bool', logicalXor: 'bool',
};

/** Broadcasts two operands and applies `op`, returning a new contiguous array. */
export function binary(op: BinaryOp, a: Operand, b: Operand, p?: number): NDArray {
  const rule = BINARY_RULES[op] ?? 'same';
  let compute = resultType(a, b);
  if (rule === 'float' && !isFloating(compute)) compute = DEFAULT_FLOAT;
  if (rule === 'bool' && op.startsWith('logical')) compute = 'float64';
  if (op === 'sub' && compute === 'bool') {
    throw new DTypeError('Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.');
  }
  const A = asArray(a, compute);
  const B = asArray(b, compute);
  checkIntegral(op, compute, B, typeof b === 'number' ? b : undefined, p);
  const shape = broadcastShapes(A.shape, B.shape, op);
  const out = NDArray.output(shape, rule === 'bool' ? 'bool' : compute, op);
  backend().binary(op, shape, { ...viewOf(A), strides: broadcastStrides(A.shape, A.strides, shape) },
    { ...viewOf(B), strides: broadcastStrides(B.shape, B.strides, shape) }, out, p);
  if (out.dtype === 'bool' && rule !== 'bool') backend().unary('toBool', shape, out, out);
  // int64 is stored in doubles: truncate what integer pow leaves fractional (2 ** -1 is 0)
  if (out.dtype === 'int64' && op === 'pow') backend().unary('trunc', shape, out, out);
  return int64Zeros(out);
}

const viewOf = (a: NDArray) => ({ data: a.data, offset: a.offset, strides: a.strides });

/**
 * In-place `target op= b` (add_, mul_, ...): the result is cast to target's dtype, and b must
 * broadcast to target's shape; PyTorch refuses to write a float result into an integer tensor.
 */
export function binaryInPlace(op: BinaryOp, target: NDArray, b: Operand, p?: number): NDArray {
  const compute = resultType(target, b);
  if (category(compute) > category(target.dtype)) {
    throw new DTypeError(`${op}_: result type ${scalarTypeName(compute)} can't be cast to the desired output type ${scalarTypeName(target.dtype)}`);
  }
  checkWritable(target, `${op}_`);
  const B = asArray(b, target.dtype);
  checkIntegral(op, target.dtype, B, typeof b === 'number' ? b : undefined, p);
  const shape = broadcastShapes(target.shape, B.shape, `${op}_`);
  if (shape.length !== target.ndim || shape.some((s, i) => s !== target.shape[i])) {
    throw new DTypeError(`${op}_: output with shape [${target.shape.join(', ')}] doesn't match the broadcast shape [${shape.join(', ')}]`);
  }
  backend().binary(op, shape, target, { ...viewOf(B), strides: broadcastStrides(B.shape, B.strides, shape) }, target, p);
  if (target.dtype === 'bool') backend().unary('toBool', shape, target, target);
  int64Zeros(target);
  target.bumpVersion();
  return target;
}

/** Refuses to write into a tensor whose elements share memory (an expanded view), as PyTorch. */
function checkWritable(target: NDArray, op: string): void {
  if (target.shape.some((s, d) => s > 1 && target.strides[d] === 0)) {
    throw new ValueError(`${op}: unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation.`);
  }
}

/** In-place unary on `target` (relu_, clamp_, fill_, ...). */
export function unaryInPlace(op: UnaryOp, target: NDArray, p?: number, q?: number): NDArray {
  if (op !== 'fill') checkWritable(target, `${op}_`);
  backend().unary(op, target.shape, target, target, p, q);
  int64Zeros(target);
  target.bumpVersion();
  return target;
}

/** Copies src into target, broadcasting and casting (Tensor.copy_). */
export function copyInto(target: NDArray, src: Operand): NDArray {
  if (src instanceof NDArray) checkWritable(target, 'copy_'); // a scalar fills, which PyTorch allows
  const S = asArray(src, target.dtype);
  const shape = broadcastShapes(target.shape, S.shape, 'copy_');
  if (shape.length !== target.ndim || shape.some((s, i) => s !== target.shape[i])) {
    throw new DTypeError(`copy_: the source of shape [${S.shape.join(', ')}] does not broadcast to the target's shape [${target.shape.join(', ')}]`);
  }
  const op: UnaryOp = target.dtype === 'bool' ? 'toBool' : 'copy';
  backend().unary(op, shape, { ...viewOf(S), strides: broadcastStrides(S.shape, S.strides, shape) }, target);
  target.bumpVersion();
  return target;
}

/** torch.where(cond, a, b) with broadcasting over all three. */
export function where(cond: NDArray, a: Operand, b: Operand): NDArray {
  if (cond.dtype !== 'bool' && cond.dtype !== 'uint8') throw new DTypeError(`where expected condition to be a boolean tensor, but got a tensor with dtype ${cond.dtype}`);
  const dtype = resultType(a, b);
  const A = asArray(a, dtype);
  const B = asArray(b, dtype);
  const shape = broadcastShapes(broadcastShapes(cond.shape, A.shape, 'where'), B.shape, 'where');
  const out = NDArray.empty(shape, dtype, 'where');
  const bc = (x: NDArray) => ({ ...viewOf(x), strides: broadcastStrides(x.shape, x.strides, shape) });
  backend().where(shape, bc(cond), bc(A), bc(B), out);
  return out;
}
