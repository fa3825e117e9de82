/**
 * batch_norm as ONNX: with running statistics (eval) one BatchNormalization node, as PyTorch's
 * exporter writes it (momentum 1 - the update factor; a missing weight or bias as constant ones or
 * zeros); with batch statistics (track_running_stats=False) the normalisation spelled out in
 * ReduceMean, Sub, Mul, Add, Sqrt, Div and Reshape.
 */
import type { BatchNorm } from '@cresset/autograd';
import { ones, zeros } from '@cresset/tensor';
import { attr } from '../../schema/attributes';
import type { ConvertContext } from '../convert_context';

export function batchNorm(c: ConvertContext, { settings }: BatchNorm): void {
  const { training, eps, momentum, hasWeight, hasBias } = settings;
  const shape = c.shapeOf(0);
  const C = shape[1];
  const dtype = c.out.dtype;
  const firstAffine = training ? 1 : 3;
  const weightValue = hasWeight ? c.input(firstAffine) : null;
  const biasValue = hasBias ? c.input(firstAffine + (hasWeight ? 1 : 0)) : null;
  if (!training) {
    const scale = weightValue ?? c.graph.constant(ones([C], dtype));
    const bias = biasValue ?? c.graph.constant(zeros([C], dtype));
    const attrs = [attr.float('epsilon', eps), attr.float('momentum', 1 - momentum)];
    c.result(...c.node('BatchNormalization', [c.input(0), scale, bias, c.input(1), c.input(2)], attrs));
    return;
  }
  const dims = shape.map((_, i) => i).filter((i) => i !== 1);
  const mean = (v: string) => c.node('ReduceMean', [v], [attr.ints('axes', dims), attr.int('keepdims', 1)])[0];
  const channel = (v: string) => c.node('Reshape', [v, c.graph.ints(shape.map((s, i) => (i === 1 ? s : 1)))])[0];
  const x = c.input(0);
  const m = mean(x);
  const centered = c.node('Sub', [x, m])[0];
  const variance = mean(c.node('Mul', [centered, centered])[0]);
  const std = c.node('Sqrt', [c.node('Add', [variance, c.graph.valueOf(eps, dtype, c.where)])[0]])[0];
  const normed = c.node('Div', [centered, std])[0];
  const scaled = weightValue ? c.node('Mul', [normed, channel(weightValue)])[0] : normed;
  c.result(biasValue ? c.node('Add', [scaled, channel(biasValue)])[0] : scaled, m, variance);
}
