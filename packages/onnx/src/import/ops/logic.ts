/**
 * ONNX comparisons and logic (Equal, Less, LessOrEqual, GreaterOrEqual, Not, And, Or, Xor) and
 * Mod (fmod 0: the remainder has the divisor's sign, as Python's %; fmod 1: the dividend's, as C's fmod).
 */
import type { Tensor } from '@cresset/autograd';
import { isFloating } from '@cresset/tensor';
import type { OpContext } from '../op_context';

export const equal = (c: OpContext) => c.input(0).eq(c.input(1));
export const less = (c: OpContext) => c.input(0).lt(c.input(1));
export const lessOrEqual = (c: OpContext) => c.input(0).le(c.input(1));
export const greaterOrEqual = (c: OpContext) => c.input(0).ge(c.input(1));
export const not = (c: OpContext) => c.input(0).logicalNot();
export const and = (c: OpContext) => c.input(0).logicalAnd(c.input(1));
export const or = (c: OpContext) => c.input(0).logicalOr(c.input(1));
export const xor = (c: OpContext) => c.input(0).logicalXor(c.input(1));

/** Mod: a - q b with q = floor(a / b) (fmod 0) or trunc(a / b) (fmod 1; required for floating inputs). */
export function mod(c: OpContext): Tensor {
  const [a, b] = [c.input(0), c.input(1)];
  const fmod = c.attrs.int('fmod', 0) === 1;
  if (!fmod && isFloating(a.dtype)) c.unsupported('fmod=0 with floating inputs (ONNX requires fmod=1 for them)');
  const q = a.to('float64').div(b.to('float64'));
  return a.sub(b.mul(fmod ? q.trunc() : q.floor()).to(a.dtype));
}
