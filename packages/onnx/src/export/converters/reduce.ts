/**
 * Reductions as ONNX: sum as ReduceSum (axes an input from opset 13, an attribute before), mean as ReduceMean, max/min and
 * amax/amin as ReduceMax/ReduceMin, var/std
 * as the mean of squared deviations scaled by n / (n - correction) (then Sqrt), pow by a number as Pow.
 */
import type { Extreme, Mean, PowScalar, Sum, Variance } from '@cresset/autograd';
import { attr } from '../../schema/attributes';
import type { ConvertContext } from '../convert_context';

/** ReduceMean over `dims` of value x (axes an attribute up to opset 17). */
function reduceMean(c: ConvertContext, x: string, dims: readonly number[], keepdim: boolean): string {
  return c.node('ReduceMean', [x], [attr.ints('axes', dims), attr.int('keepdims', keepdim ? 1 : 0)])[0];
}

export function sum(c: ConvertContext, op: Sum): void {
  const { dims, keepdim } = op.reduced;
  const keep = attr.int('keepdims', keepdim ? 1 : 0);
  if (c.opset >= 13) c.result(...c.node('ReduceSum', [c.input(0), c.graph.ints(dims)], [keep]));
  else c.result(...c.node('ReduceSum', [c.input(0)], [attr.ints('axes', dims), keep]));
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
