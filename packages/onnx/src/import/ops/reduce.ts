/**
 * ONNX ReduceMean, ReduceMax, ReduceMin and ReduceSum (axes an attribute, or for ReduceSum from opset 13 an optional
 * input; no axes: every axis unless noop_with_empty_axes), Sqrt, and Pow by a tensor or scalar.
 */
import type { Tensor } from '@cresset/autograd';
import type { OpContext } from '../op_context';

type ReduceKind = 'sum' | 'mean' | 'max' | 'min';
const apply = (x: Tensor, op: ReduceKind, dims: number[], keepdim: boolean) =>
  (op === 'sum' ? x.sum(dims, keepdim) : op === 'mean' ? x.mean(dims, keepdim) : op === 'max' ? x.amax(dims, keepdim) : x.amin(dims, keepdim));

function reduceOf(op: ReduceKind, axesInput: (opset: number) => boolean) {
  return (c: OpContext): Tensor => {
    const x = c.input(0);
    const keepdim = c.attrs.int('keepdims', 1) === 1;
    const axes = axesInput(c.opset) ? (c.optional(1) ? c.intsInput(1) : undefined) : c.attrs.ints('axes');
    if (!axes || axes.length === 0) {
      if (c.attrs.int('noop_with_empty_axes', 0) === 1) return x;
      return apply(x, op, x.shape.map((_, i) => i), keepdim);
    }
    return apply(x, op, axes, keepdim);
  };
}

export const reduceSum = reduceOf('sum', (opset) => opset >= 13);
export const reduceMean = reduceOf('mean', (opset) => opset >= 18);
export const reduceMax = reduceOf('max', (opset) => opset >= 18);
export const reduceMin = reduceOf('min', (opset) => opset >= 18);
export const sqrt = (c: OpContext) => c.input(0).sqrt();
/** Pow: a scalar exponent as pow(number), else elementwise. */
export function pow(c: OpContext): Tensor {
  const e = c.input(1);
  return e.numel() === 1 ? c.input(0).pow(Number(e.item())) : c.input(0).pow(e);
}
