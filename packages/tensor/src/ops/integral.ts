/**
 * PyTorch's rules for integer arithmetic that has no integer answer: integer division or
 * remainder by zero raises ZeroDivisionError, an integer to a negative scalar power raises, a
 * fractional alpha of add/sub raises, and an integer to a fractional scalar power computes in the
 * default float dtype.
 */
import { DEFAULT_FLOAT, DType, isFloating } from '../dtype';
import { ValueError } from '../errors';
import type { BinaryOp } from '../kernels';
import type { NDArray } from '../ndarray';

const DIVISIONS: readonly BinaryOp[] = ['floorDivide', 'remainder', 'fmod'];

/**
 * Throws for an integer division by zero (any zero in the divisor), a negative scalar power of
 * integers, or a fractional alpha (`p` of addScaled) on integers.
 */
export function checkIntegral(op: BinaryOp, dtype: DType, divisor: NDArray, exponent?: number, p?: number): void {
  if (isFloating(dtype)) return;
  if (op === 'pow' && exponent !== undefined) checkPowScalar(dtype, exponent);
  if (op === 'addScaled' && p !== undefined && !Number.isInteger(p)) {
    throw new ValueError(`For integral input tensors, argument alpha must not be a floating point number. (alpha ${p} with ${dtype} tensors)`);
  }
  if (!DIVISIONS.includes(op)) return;
  const v = divisor.values();
  for (let i = 0; i < v.length; i++) {
    if (v[i] === 0) throw new ValueError(`ZeroDivisionError (${op} of a ${dtype} tensor by zero)`);
  }
}

/** Throws for integers to a negative power, as torch.pow. */
export function checkPowScalar(dtype: DType, exponent: number): void {
  if (!isFloating(dtype) && Number.isInteger(exponent) && exponent < 0) {
    throw new ValueError(`Integers to negative integer powers are not allowed. (${dtype} tensor to the power ${exponent})`);
  }
}

/** The dtype of tensor ** scalar: a fractional power of integers is float32, as PyTorch's promotion. */
export function powScalarType(dtype: DType, exponent: number): DType {
  return !isFloating(dtype) && !Number.isInteger(exponent) ? DEFAULT_FLOAT : dtype;
}
