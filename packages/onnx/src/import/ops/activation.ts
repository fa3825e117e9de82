/**
 * ONNX activations and the pointwise ops their exported compositions use: Elu, Celu, Selu, Shrink,
 * HardSigmoid, HardSwish, Clip, Softplus, Softsign, PRelu, Abs, Neg, Exp, Log, Erf, Sign, Floor, Ceil, Round (half to
 * even), Cos, Sin, Reciprocal, Greater, Where, Split.
 */
import { Tensor, where } from '@cresset/autograd';
import { functional as F } from '@cresset/nn';
import type { OpContext } from '../op_context';

export const elu = (c: OpContext) => F.elu(c.input(0), c.attrs.float('alpha', 1));
export const celu = (c: OpContext) => F.celu(c.input(0), c.attrs.float('alpha', 1));
/** Selu(alpha, gamma): gamma * (x > 0 ? x : alpha * (exp(x) - 1)). */
export function selu(c: OpContext): Tensor {
  const x = c.input(0);
  const alpha = c.attrs.float('alpha', 1.67326319217681884765625);
  const gamma = c.attrs.float('gamma', 1.05070102214813232421875);
  return F.elu(x, alpha).mul(gamma);
}
/** Shrink(lambd, bias): x + bias below -lambd, x - bias above lambd, else 0. */
export function shrink(c: OpContext): Tensor {
  const x = c.input(0);
  const lambd = c.attrs.float('lambd', 0.5);
  const bias = c.attrs.float('bias', 0);
  return where(x.lt(-lambd), x.add(bias), where(x.gt(lambd), x.sub(bias), x.mul(0)));
}
/** HardSigmoid(alpha, beta): max(0, min(1, alpha x + beta)). */
export const hardSigmoid = (c: OpContext) => c.input(0).mul(c.attrs.float('alpha', 0.2)).add(c.attrs.float('beta', 0.5)).clamp(0, 1);
export const hardSwish = (c: OpContext) => F.hardswish(c.input(0));
/** Clip: bounds as attributes before opset 11, as optional inputs since. */
export function clip(c: OpContext): Tensor {
  const x = c.input(0);
  const bound = (i: number, name: string, dflt: number) => (c.opset >= 11 ? Number(c.optional(i)?.item() ?? dflt) : c.attrs.float(name, dflt));
  return x.clamp(bound(1, 'min', -Infinity), bound(2, 'max', Infinity));
}
export const softplus = (c: OpContext) => F.softplus(c.input(0));
export const softsign = (c: OpContext) => F.softsign(c.input(0));
/** PRelu: the slope broadcasts against x (unidirectionally). */
export function pRelu(c: OpContext): Tensor {
  const x = c.input(0);
  const slope = c.input(1);
  return where(x.gt(0), x, x.mul(slope));
}
export const abs = (c: OpContext) => c.input(0).abs();
export const neg = (c: OpContext) => c.input(0).neg();
export const exp = (c: OpContext) => c.input(0).exp();
export const sign = (c: OpContext) => c.input(0).sign();
export const floor = (c: OpContext) => c.input(0).floor();
export const ceil = (c: OpContext) => c.input(0).ceil();
export const round = (c: OpContext) => c.input(0).round();
export const cos = (c: OpContext) => c.input(0).cos();
export const sin = (c: OpContext) => c.input(0).sin();
export const reciprocal = (c: OpContext) => c.input(0).reciprocal();
export const log = (c: OpContext) => c.input(0).log();
/** Erf(z) as 2 Phi(z sqrt 2) - 1, Phi from the gelu kernel (gelu(v) / v), 0 at 0. */
export function erf(c: OpContext): Tensor {
  const v = c.input(0).mul(Math.SQRT2);
  const zero = v.eq(0);
  const safe = where(zero, v.mul(0).add(1), v);
  return where(zero, v.mul(0), F.gelu(safe).div(safe).mul(2).sub(1));
}
export const greater = (c: OpContext) => c.input(0).gt(c.input(1));
export const whereOp = (c: OpContext) => where(c.input(0), c.input(1), c.input(2));
/** Split along `axis` into the sizes of `split` (an input from opset 13, an attribute before), or equal parts. */
export function split(c: OpContext): Tensor[] {
  const x = c.input(0);
  let axis = c.attrs.int('axis', 0);
  if (axis < 0) axis += x.ndim;
  const n = c.nOutputs;
  const sizes = (c.opset >= 13 ? (c.optional(1) ? c.intsInput(1) : undefined) : c.attrs.ints('split')) ?? new Array(n).fill(x.shape[axis] / n);
  let start = 0;
  return sizes.map((s) => {
    const part = x.narrow(axis, start, s);
    start += s;
    return part;
  });
}
