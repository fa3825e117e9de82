/**
 * F.batch_norm: in training, normalise by the batch's mean and biased variance over all dims but
 * the channel dim (1) and update the running stats with the unbiased variance; in eval, use them.
 * The normalisation is one autograd op (BatchNorm, PyTorch's NativeBatchNormBackward0).
 */
import { BatchNorm, noGrad, Tensor } from '@cresset/autograd';
import { ShapeError } from '@cresset/tensor';

export interface BatchNormOptions {
  training?: boolean;
  momentum?: number;
  eps?: number;
}

export function batchNorm(
  input: Tensor, runningMean: Tensor | null, runningVar: Tensor | null, weight: Tensor | null = null, bias: Tensor | null = null,
  opts: BatchNormOptions = {},
): Tensor {
  const { training = false, momentum = 0.1, eps = 1e-5 } = opts;
  if (input.ndim < 2) throw new ShapeError(`batch_norm: expected at least 2-D input [N, C, ...], got [${input.shape.join(', ')}]`);
  const C = input.shape[1];
  const count = input.numel() / C;
  // an empty batch gives an empty output and leaves the running stats as they are, as in PyTorch
  if (input.numel() === 0) return input.mul(1);
  if (training && count <= 1) throw new ShapeError(`Expected more than 1 value per channel when training, got input size [${input.shape.join(', ')}]`);
  if (!training && (!runningMean || !runningVar)) throw new ShapeError('batch_norm: running_mean and running_var must be defined in evaluation mode');
  const inputs = [input, ...(training ? [] : [runningMean!, runningVar!]), ...(weight ? [weight] : []), ...(bias ? [bias] : [])];
  const [y, mean, variance] = new BatchNorm({ training, eps, momentum, hasWeight: !!weight, hasBias: !!bias }).applyMany(...inputs);
  if (training && runningMean && runningVar) {
    noGrad(() => {
      runningMean.mul_(1 - momentum).add_(mean.reshape(C).mul(momentum));
      runningVar.mul_(1 - momentum).add_(variance.reshape(C).mul((momentum * count) / (count - 1)));
    });
  }
  return y;
}
