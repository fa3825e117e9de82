/**
 * The ONNX ops of shape arithmetic that make new values: Shape (start/end from opset 15), Size,
 * ConstantOfShape, Range, Cast and CastLike. Their integer outputs carry no gradient; Cast
 * between floating types keeps it (ToCopy's backward).
 */
import { Tensor } from '@cresset/autograd';
import { DType, full, isFloating, NDArray } from '@cresset/tensor';
import { cressetDType } from '../../schema/tensor_proto';
import type { OpContext } from '../op_context';

/** A 1-d int64 tensor of the given integers. */
export function int64Vector(values: readonly number[]): Tensor {
  const a = NDArray.empty([values.length], 'int64');
  values.forEach((v, i) => (a.data[i] = v));
  return new Tensor(a);
}

/** Shape: the input's dims as int64, cut to [start, end) (negative counts from the end, clamped) from opset 15. */
export function shape(c: OpContext): Tensor {
  const dims = c.input(0).shape;
  const n = dims.length;
  const at = (v: number) => Math.min(Math.max(v < 0 ? v + n : v, 0), n);
  const start = c.opset >= 15 ? at(c.attrs.int('start', 0)) : 0;
  const end = c.opset >= 15 ? at(c.attrs.int('end', n)) : n;
  return int64Vector(dims.slice(start, Math.max(start, end)));
}

/** Size: the input's element count as an int64 scalar. */
export function size(c: OpContext): Tensor {
  const a = NDArray.empty([], 'int64');
  a.data[0] = c.input(0).numel();
  return new Tensor(a);
}

/** ConstantOfShape: a tensor of the shape in input 0 filled with the attribute 'value' (one element; default float 0). */
export function constantOfShape(c: OpContext): Tensor {
  const dims = c.intsInput(0);
  const v = c.attrs.tensor('value');
  if (v && v.size !== 1) c.unsupported(`a value of ${v.size} elements (ONNX takes one)`);
  const dtype = v ? v.dtype : 'float32';
  const value = v ? v.contiguous().values()[0] : 0;
  return new Tensor(full(dims, dtype === 'bool' ? !!value : Number(value), dtype));
}

/** Range(start, limit, delta): ceil((limit - start) / delta) values start + i delta, of the inputs' type. */
export function range(c: OpContext): Tensor {
  const [start, limit, delta] = [0, 1, 2].map((i) => Number(c.input(i).item()));
  if (delta === 0) c.unsupported('a delta of 0');
  const n = Math.max(Math.ceil((limit - start) / delta), 0);
  const a = NDArray.empty([n], c.input(0).dtype);
  for (let i = 0; i < n; i++) a.data[i] = start + i * delta;
  return new Tensor(a);
}

/** Cast to the attribute 'to' (an ONNX element type); float to integer truncates toward zero, as ONNX's. */
export function cast(c: OpContext): Tensor {
  const to = cressetDType(c.attrs.int('to'), `${c.where}: attribute 'to'`);
  return castTo(c.input(0), to);
}

/** CastLike: input 0 cast to the element type of input 1. */
export const castLike = (c: OpContext): Tensor => castTo(c.input(0), c.input(1).dtype);

function castTo(x: Tensor, to: DType): Tensor {
  if (x.dtype === to) return x;
  if (isFloating(x.dtype) && !isFloating(to) && to !== 'bool') return x.trunc().to(to);
  return x.to(to);
}
