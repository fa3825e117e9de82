/**
 * Reductions as ONNX: sum as ReduceSum (axes an input from opset 13, an attribute before), mean as ReduceMean, max/min and
 * amax/amin as ReduceMax/ReduceMin, var/std
 * as the mean of squared deviations scaled by n / (n - correction) (then Sqrt), pow by a number as Pow,
 * and p-norms as the Sqrt of the ReduceSum of squares, the ReduceSum of Abs, ReduceMax of Abs for
 * Infinity, else the ReduceSum of |x|^p to the 1/p.
 */
import type { Extreme, Mean, Norm, PowScalar, Sum, Variance } from '@cresset/autograd';
import { attr } from '../../schema/attributes';
import type { ConvertContext } from '../convert_context';

/** ReduceMean over `dims` of value x (axes an attribute up to opset 17). */
function reduceMean(c: ConvertContext, x: string, dims: readonly number[], keepdim: boolean): string {
  return c.node('ReduceMean', [x], [attr.ints('axes', dims), attr.int('keepdims', keepdim ? 1 : 0)])[0];
}

export function mean(c: ConvertContext, op: Mean): void {
  const { dims, keepdim } = op.reduced;
  c.result(reduceMean(c, c.input(0), dims, keepdim));
}

export function variance(c: ConvertContext, op: Variance): void {
  const { dims, keepdim } = op.reduced;
  const x = c.input(0);
  const shape = c.shapeOf(0);
  const n = dims.reduce((k, d) => k * shape[d], 1);
  const centered = c.node('Sub', [x, reduceMean(c, x, dims, true)])[0];
  let v = reduceMean(c, c.node('Mul', [centered, centered])[0], dims, keepdim);
  if (op.correction !== 0) v = c.node('Mul', [v, c.graph.valueOf(n / Math.max(n - op.correction, 0), c.out.dtype, c.where)])[0];
  c.result(op.isStd ? c.node('Sqrt', [v])[0] : v);
}

export function extreme(c: ConvertContext, op: Extreme): void {
  const { dims, keepdim } = op.reduced;
  c.result(...c.node(op.op === 'max' ? 'ReduceMax' : 'ReduceMin', [c.input(0)], [attr.ints('axes', dims), attr.int('keepdims', keepdim ? 1 : 0)]));
}

export function powScalar(c: ConvertContext, { p }: PowScalar): void {
  c.result(...c.node('Pow', [c.input(0), c.graph.valueOf(p, c.out.dtype, c.where)]));
}

/** ReduceSum over `dims` of value x (axes an input from opset 13, an attribute before). */
function reduceSum(c: ConvertContext, x: string, dims: readonly number[], keepdim: boolean): string {
  const keep = attr.int('keepdims', keepdim ? 1 : 0);
  return c.opset >= 13 ? c.node('ReduceSum', [x, c.graph.ints(dims)], [keep])[0] : c.node('ReduceSum', [x], [attr.ints('axes', dims), keep])[0];
}

export function sum(c: ConvertContext, op: Sum): void {
  const { dims, keepdim } = op.reduced;
  c.result(reduceSum(c, c.input(0), dims, keepdim));
}

export function norm(c: ConvertContext, op: Norm): void {
  const { dims, keepdim } = op.reduced;
  const x = c.input(0);
  if (op.p === 0) c.unsupported('the 0-norm (a count of non-zeros)');
  if (op.p === 2) return c.result(...c.node('Sqrt', [reduceSum(c, c.node('Mul', [x, x])[0], dims, keepdim)]));
  const abs = c.node('Abs', [x])[0];
  if (op.p === 1) return c.result(reduceSum(c, abs, dims, keepdim));
  if (op.p === Infinity) return c.result(...c.node('ReduceMax', [abs], [attr.ints('axes', dims), attr.int('keepdims', keepdim ? 1 : 0)]));
  const pow = (v: string, e: number) => c.node('Pow', [v, c.graph.valueOf(e, c.out.dtype, c.where)])[0];
  c.result(pow(reduceSum(c, pow(abs, op.p), dims, keepdim), 1 / op.p));
}
