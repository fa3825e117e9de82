/** The argument checks convolution makes before it computes, with PyTorch's messages. */
import type { Tensor } from '@cresset/autograd';
import { DType, DTypeError, scalarTypeName, ValueError } from '@cresset/tensor';

/** c10's lower-case name of a dtype, as "Input type (float) and bias type (int)" spells it. */
const C_TYPE: Record<DType, string> = { float32: 'float', float64: 'double', int32: 'int', int64: 'long', uint8: 'unsigned char', bool: 'bool' };

/** Input, weight and bias must share one dtype: PyTorch does not promote inside convolution. */
export function checkConvDTypes(op: string, input: Tensor, weight: Tensor, bias: Tensor | null): void {
  if (weight.dtype !== input.dtype) {
    throw new DTypeError(`${op}: expected scalar type ${scalarTypeName(input.dtype)} but found ${scalarTypeName(weight.dtype)} (input ${input.dtype}, weight ${weight.dtype})`);
  }
  if (bias && bias.dtype !== input.dtype) {
    throw new DTypeError(`${op}: Input type (${C_TYPE[input.dtype]}) and bias type (${C_TYPE[bias.dtype]}) should be the same`);
  }
}

/** Stride and dilation positive integers, padding a non-negative integer, groups positive. */
export function checkConvGeometry(op: string, stride: readonly number[], padding: readonly number[] | null, dilation: readonly number[], groups: number): void {
  const ints = (v: readonly number[]) => v.every(Number.isSafeInteger);
  if (!ints(stride) || stride.some((s) => s <= 0)) throw new ValueError(`${op}: non-positive stride is not supported (stride [${stride.join(', ')}])`);
  if (padding && (!ints(padding) || padding.some((p) => p < 0))) throw new ValueError(`${op}: negative padding is not supported (padding [${padding.join(', ')}])`);
  if (!ints(dilation) || dilation.some((d) => d <= 0)) throw new ValueError(`${op}: dilation should be greater than zero, but got [${dilation.join(', ')}]`);
  if (!Number.isSafeInteger(groups) || groups <= 0) throw new ValueError(`${op}: non-positive groups is not supported (groups ${groups})`);
}
