/**
 * ONNX NegativeLogLikelihoodLoss (opset 12/13): input [N, C, d1, ...] of log-probabilities,
 * target [N, d1, ...] of class indices, optional per-class weight; reduction none / sum / mean
 * (weighted mean over the targets not equal to ignore_index), as F.nllLoss.
 */
import type { Tensor } from '@cresset/autograd';
import { functional as F } from '@cresset/nn';
import type { OpContext } from '../op_context';

export function negativeLogLikelihoodLoss(c: OpContext): Tensor {
  const reduction = c.attrs.string('reduction', 'mean');
  if (reduction !== 'none' && reduction !== 'sum' && reduction !== 'mean') c.unsupported(`reduction '${reduction}'`);
  // without ignore_index no target is ignored: F.nllLoss's default (-100) is not a class either way
  const ignoreIndex = c.attrs.int('ignore_index');
  return F.nllLoss(c.input(0), c.input(1).to('int64'), { weight: c.optional(2), reduction, ...(ignoreIndex !== undefined ? { ignoreIndex } : {}) });
}
