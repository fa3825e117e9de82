/**
 * Normalisations over parts of a sample, as torch.nn.functional: layer_norm, group_norm,
 * instance_norm, local_response_norm. Each normalises by the mean and biased variance
 * ((x - mean) / sqrt(var + eps)), composed from autograd ops.
 */
import { noGrad, pad, Tensor } from '@cresset/autograd';
import { ShapeError, ValueError } from '@cresset/tensor';

/** (x - mean) / sqrt(var + eps) over `dims`, the statistics kept for broadcasting. */
function normalize(x: Tensor, dims: number[], eps: number): Tensor {
  const mean = x.mean(dims, true);
  const variance = x.var(dims, { correction: 0, keepdim: true });
  return x.sub(mean).div(variance.add(eps).sqrt());
}

/** Normalises over the last dims, which must be `normalizedShape`; weight and bias have that shape. */
export function layerNorm(input: Tensor, normalizedShape: readonly number[], weight: Tensor | null = null, bias: Tensor | null = null, eps = 1e-5): Tensor {
  const k = normalizedShape.length;
  const tail = input.shape.slice(input.ndim - k);
  if (k === 0 || input.ndim < k || tail.some((s, i) => s !== normalizedShape[i])) {
    throw new ShapeError(`Given normalized_shape=[${normalizedShape.join(', ')}], expected input with shape [*, ${normalizedShape.join(', ')}], but got input of size[${input.shape.join(', ')}]`);
  }
  let y = normalize(input, normalizedShape.map((_, i) => input.ndim - k + i), eps);
  if (weight) y = y.mul(weight);
  if (bias) y = y.add(bias);
  return y;
}

/** Input [N, C, *]: the C channels in numGroups groups, each normalised over its channels and positions; per-channel weight and bias. */
export function groupNorm(input: Tensor, numGroups: number, weight: Tensor | null = null, bias: Tensor | null = null, eps = 1e-5): Tensor {
  if (input.ndim < 2) throw new ShapeError(`Expected at least 2 dimensions for input tensor but received ${input.ndim}`);
  const [N, C] = input.shape;
  if (C % numGroups !== 0) throw new ShapeError(`Expected number of channels in input to be divisible by num_groups, but got input of shape [${input.shape.join(', ')}] and num_groups=${numGroups}`);
  let y = normalize(input.reshape([N, numGroups, -1]), [2], eps).reshape(input.shape);
  const cshape = input.shape.map((s, i) => (i === 1 ? s : 1));
  if (weight) y = y.mul(weight.reshape(cshape));
  if (bias) y = y.add(bias.reshape(cshape));
  return y;
}

export interface InstanceNormOptions {
  runningMean?: Tensor | null;
  runningVar?: Tensor | null;
  weight?: Tensor | null;
  bias?: Tensor | null;
  /** Normalise by each instance's statistics (and update the running stats), as PyTorch's use_input_stats. */
  useInputStats?: boolean;
  momentum?: number;
  eps?: number;
}

/**
 * Input [N, C, *]: each (sample, channel) normalised over its positions. With running stats and
 * useInputStats, they move towards the batch's mean of the instance means and unbiased
 * variances; without useInputStats they normalise instead.
 */
export function instanceNorm(input: Tensor, opts: InstanceNormOptions = {}): Tensor {
  const { runningMean = null, runningVar = null, weight = null, bias = null, useInputStats = true, momentum = 0.1, eps = 1e-5 } = opts;
  if (input.ndim < 3) throw new ShapeError(`instance_norm: expected input [N, C, *] of at least 3 dimensions, got [${input.shape.join(', ')}]`);
  const C = input.shape[1];
  const spatial = input.shape.slice(2).reduce((a, b) => a * b, 1);
  const dims = input.shape.slice(2).map((_, i) => i + 2);
  const cshape = input.shape.map((s, i) => (i === 1 ? s : 1));
  let y: Tensor;
  if (useInputStats) {
    if (spatial <= 1) throw new ValueError(`Expected more than 1 spatial element when training, got input size [${input.shape.join(', ')}]`);
    y = normalize(input, dims, eps);
    if (runningMean && runningVar) {
      noGrad(() => {
        const mean = input.mean(dims).mean(0);
        const variance = input.var(dims, { correction: 1 }).mean(0);
        runningMean.mul_(1 - momentum).add_(mean.mul(momentum));
        runningVar.mul_(1 - momentum).add_(variance.mul(momentum));
      });
    }
  } else {
    if (!runningMean || !runningVar) throw new ValueError('Expected running_mean and running_var to be defined when use_input_stats is false');
    y = input.sub(runningMean.reshape(cshape)).div(runningVar.reshape(cshape).add(eps).sqrt());
  }
  if (C && weight) y = y.mul(weight.reshape(cshape));
  if (C && bias) y = y.add(bias.reshape(cshape));
  return y;
}

/**
 * Input [N, C, *]: x / (k + alpha * mean of x^2 over `size` neighbouring channels)^beta, the
 * window running from size/2 channels before to (size-1)/2 after, zero-padded at the ends.
 */
export function localResponseNorm(input: Tensor, size: number, alpha = 1e-4, beta = 0.75, k = 1.0): Tensor {
  if (input.ndim < 3) throw new ShapeError(`Expected 3D or higher dimensionality input (got ${input.ndim} dimensions)`);
  if (input.numel() === 0) return input;
  const C = input.shape[1];
  const padded = pad(input.mul(input).transpose(1, input.ndim - 1), [Math.floor(size / 2), Math.floor((size - 1) / 2)]).transpose(1, input.ndim - 1);
  let sum = padded.narrow(1, 0, C);
  for (let s = 1; s < size; s++) sum = sum.add(padded.narrow(1, s, C));
  return input.div(sum.div(size).mul(alpha).add(k).pow(beta));
}
