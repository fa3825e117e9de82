/** Activation functions, as torch.nn.functional: relu, leaky_relu, elu, gelu, sigmoid, tanh, softmax, log_softmax, ... */
import { Pointwise, Tensor } from '@cresset/autograd';
import { ValueError } from '@cresset/tensor';

/** Applies a pointwise op, writing the result into x when inplace (as F.leaky_relu_, F.elu_). */
const maybeInplace = (x: Tensor, y: Tensor, inplace: boolean) => (inplace ? x.copy_(y) : y);

export const relu = (x: Tensor, inplace = false) => (inplace ? x.relu_() : x.relu());
export const sigmoid = (x: Tensor) => x.sigmoid();
export const tanh = (x: Tensor) => x.tanh();
export const leakyRelu = (x: Tensor, negativeSlope = 0.01, inplace = false) => maybeInplace(x, new Pointwise('leakyRelu', negativeSlope).apply(x), inplace);
export const elu = (x: Tensor, alpha = 1.0, inplace = false) => maybeInplace(x, new Pointwise('elu', alpha).apply(x), inplace);
/** GELU, exact (erf) or with approximate = 'tanh'. */
export function gelu(x: Tensor, approximate: 'none' | 'tanh' = 'none'): Tensor {
  if (approximate !== 'none' && approximate !== 'tanh') throw new ValueError(`gelu: approximate must be 'none' or 'tanh', got '${String(approximate)}'`);
  return new Pointwise(approximate === 'tanh' ? 'geluTanh' : 'gelu').apply(x);
}
export const softplus = (x: Tensor, beta = 1, threshold = 20) => new Pointwise('softplus', beta, threshold).apply(x);

/** PyTorch's implicit dim for softmax when none is given (deprecated there): 0 for 0-d, 1-d and 3-d input, else 1. */
function softmaxDim(x: Tensor, dim: number | null | undefined): number {
  if (dim !== null && dim !== undefined) return dim;
  return x.ndim === 0 || x.ndim === 1 || x.ndim === 3 ? 0 : 1;
}
export const softmax = (x: Tensor, dim?: number | null) => x.softmax(softmaxDim(x, dim));
export const logSoftmax = (x: Tensor, dim?: number | null) => x.logSoftmax(softmaxDim(x, dim));
