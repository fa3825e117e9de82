/**
 * ONNX BatchNormalization (inference, and training_mode as ONNX defines it: batch statistics,
 * running stats updated with ONNX's momentum and the population variance) and Dropout
 * (the identity with an all-true mask in inference; in training, cresset's own random mask), and
 * LayerNormalization.
 */
import { noGrad, Tensor } from '@cresset/autograd';
import { functional as F } from '@cresset/nn';
import { full, zeros } from '@cresset/tensor';
import type { OpContext } from '../op_context';

export function batchNormalization(c: OpContext): (Tensor | null)[] {
  const [x, scale, bias, mean, variance] = [0, 1, 2, 3, 4].map((i) => c.input(i));
  const eps = c.attrs.float('epsilon', 1e-5);
  if (c.opset < 9 && c.attrs.int('spatial', 1) === 0) c.unsupported('spatial=0 (per-activation statistics)');
  const training = c.opset >= 14 && c.attrs.int('training_mode', 0) === 1;
  if (!training) return [F.batchNorm(x, mean, variance, scale, bias, { training: false, eps })];
  const momentum = c.attrs.float('momentum', 0.9);
  const dims = x.shape.map((_, i) => i).filter((i) => i !== 1);
  const bshape = x.shape.map((s, i) => (i === 1 ? s : 1));
  const m = x.mean(dims, true);
  const v = x.var(dims, { correction: 0, keepdim: true });
  const y = x.sub(m).div(v.add(eps).sqrt()).mul(scale.reshape(bshape)).add(bias.reshape(bshape));
  const C = x.shape[1];
  const runningMean = mean.mul(momentum).add(m.reshape([C]).mul(1 - momentum));
  const runningVar = variance.mul(momentum).add(v.reshape([C]).mul(1 - momentum));
  return [y, runningMean, runningVar];
}

/**
 * LayerNormalization (opset 17): normalised over the dims from `axis` (default -1) on, then scale
 * and bias; the optional Mean and InvStdDev outputs keep the reduced dims as 1.
 */
export function layerNormalization(c: OpContext): (Tensor | null)[] {
  const x = c.input(0);
  let axis = c.attrs.int('axis', -1);
  if (axis < 0) axis += x.ndim;
  const eps = c.attrs.float('epsilon', 1e-5);
  const tail = x.shape.slice(axis);
  const y = F.layerNorm(x, tail, c.input(1).expand(tail), c.optional(2)?.expand(tail) ?? null, eps);
  if (!c.wants(1) && !c.wants(2)) return [y];
  const dims = tail.map((_, i) => axis + i);
  const mean = x.mean(dims, true);
  const invStd = x.var(dims, { correction: 0, keepdim: true }).add(eps).rsqrt();
  return [y, c.wants(1) ? mean : null, c.wants(2) ? invStd : null];
}

export function dropout(c: OpContext): (Tensor | null)[] {
  const x = c.input(0);
  const ratio = c.opset >= 12 ? (c.optional(1) ? Number(c.input(1).item()) : 0.5) : c.attrs.float('ratio', 0.5);
  const training = c.opset >= 12 ? !!(c.optional(2) && c.input(2).item()) : c.opset < 7 && c.attrs.int('is_test', 0) === 0;
  const maskDtype = c.opset >= 10 ? 'bool' : x.dtype;
  if (!training || ratio === 0) return [x, c.wants(1) ? new Tensor(full(x.shape, true, maskDtype)) : null];
  const keep = noGrad(() => new Tensor(zeros(x.shape, x.dtype)).bernoulli_(1 - ratio));
  return [x.mul(keep).div(1 - ratio), c.wants(1) ? keep.to(maskDtype) : null];
}
