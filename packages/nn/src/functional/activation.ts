/**
 * Activation functions, as torch.nn.functional: relu, leaky_relu, elu, celu, selu, gelu, glu,
 * hardshrink, softshrink, hardsigmoid, hardswish, hardtanh, relu6, logsigmoid, mish, silu,
 * prelu, rrelu, softplus, softsign, tanhshrink, threshold, sigmoid, tanh, softmax, softmin,
 * log_softmax.
 */
import { Activation, ActivationKind, Glu, noGrad, Prelu, Pointwise, RreluWithNoise, Tensor, tensor } from '@cresset/autograd';
import * as T from '@cresset/tensor';
import { ShapeError, ValueError } from '@cresset/tensor';

/** f(x), or with `inplace` its result written into x (Tensor.applyInPlace_), as F.leaky_relu_ and F.elu_ do. */
const maybeInplace = (x: Tensor, f: (t: Tensor) => Tensor, inplace: boolean, direct?: () => void) => (inplace ? x.applyInPlace_(f, direct) : f(x));
const act = (kind: ActivationKind, p = 0, q = 0) => (t: Tensor) => new Activation(kind, p, q).apply(t);

export const relu = (x: Tensor, inplace = false) => (inplace ? x.relu_() : x.relu());
export const sigmoid = (x: Tensor) => x.sigmoid();
export const tanh = (x: Tensor) => x.tanh();
export const leakyRelu = (x: Tensor, negativeSlope = 0.01, inplace = false) => maybeInplace(x, (t) => new Pointwise('leakyRelu', negativeSlope).apply(t), inplace);
export const elu = (x: Tensor, alpha = 1.0, inplace = false) => maybeInplace(x, (t) => new Pointwise('elu', alpha).apply(t), inplace);
/** CELU: max(0, x) + min(0, alpha * (exp(x / alpha) - 1)); alpha must not be 0. */
export function celu(x: Tensor, alpha = 1.0, inplace = false): Tensor {
  if (alpha === 0) throw new ValueError('ZeroDivisionError: alpha cannot be 0 for CELU');
  return maybeInplace(x, act('celu', alpha), inplace);
}
/** SELU: scale * elu(x, alpha) with PyTorch's fixed scale and alpha. */
export const selu = (x: Tensor, inplace = false) => maybeInplace(x, act('selu'), inplace);
/** GELU, exact (erf) or with approximate = 'tanh'. */
export function gelu(x: Tensor, approximate: 'none' | 'tanh' = 'none'): Tensor {
  if (approximate !== 'none' && approximate !== 'tanh') throw new ValueError(`gelu: approximate must be 'none' or 'tanh', got '${String(approximate)}'`);
  return new Pointwise(approximate === 'tanh' ? 'geluTanh' : 'gelu').apply(x);
}
export const hardshrink = (x: Tensor, lambd = 0.5) => act('hardshrink', lambd)(x);
export const softshrink = (x: Tensor, lambd = 0.5) => act('softshrink', lambd)(x);
export const hardsigmoid = (x: Tensor, inplace = false) => maybeInplace(x, act('hardsigmoid'), inplace);
export const hardswish = (x: Tensor, inplace = false) => maybeInplace(x, act('hardswish'), inplace);
/** Clamps to [minVal, maxVal]; PyTorch's gradient is zero at and beyond the bounds. */
export const hardtanh = (x: Tensor, minVal = -1.0, maxVal = 1.0, inplace = false) =>
  maybeInplace(x, act('hardtanh', minVal, maxVal), inplace, () => T.unaryInPlace('clamp', x.array, minVal, maxVal));
export const relu6 = (x: Tensor, inplace = false) => hardtanh(x, 0, 6, inplace);
export const logsigmoid = (x: Tensor) => act('logSigmoid')(x);
export const mish = (x: Tensor, inplace = false) => maybeInplace(x, act('mish'), inplace);
export const silu = (x: Tensor, inplace = false) => maybeInplace(x, act('silu'), inplace);
/** x where x > threshold, else value. */
export const threshold = (x: Tensor, thresholdValue: number, value: number, inplace = false) => maybeInplace(x, act('threshold', thresholdValue, value), inplace);
export const softplus = (x: Tensor, beta = 1, threshold = 20) => new Pointwise('softplus', beta, threshold).apply(x);
/** x / (1 + |x|), composed as PyTorch composes it. */
export const softsign = (x: Tensor) => x.div(x.abs().add(1));
/** x - tanh(x), composed as PyTorch composes it. */
export const tanhshrink = (x: Tensor) => x.sub(x.tanh());

/** GLU: the first half of x along dim times the sigmoid of the second half; the size there must be even. */
export function glu(x: Tensor, dim = -1): Tensor {
  if (x.ndim === 0) throw new ShapeError('glu does not support scalars because halving size must be even');
  const d = dim < 0 ? dim + x.ndim : dim;
  const n = x.shape[d];
  if (n % 2 !== 0) throw new ShapeError(`Halving dimension must be even, but dimension ${d} is size ${n}`);
  return new Glu(d).apply(x);
}

/**
 * PReLU: x where x > 0, else weight * x; weight has one entry or one per channel (dim 1;
 * input of fewer dims has one channel).
 */
export function prelu(x: Tensor, weight: Tensor): Tensor {
  const n = weight.numel();
  if (n !== 1) {
    const channels = x.ndim >= 2 ? x.shape[1] : 1;
    if (channels !== n) throw new ShapeError(`Mismatch of parameter numbers and input channel size. Found parameter numbers = ${n} and channel size = ${channels}.`);
  }
  const w = n === 1 ? weight.reshape([]) : weight.reshape([n, ...new Array(x.ndim - 2).fill(1)]);
  return new Prelu().apply(x, w);
}

/**
 * RReLU. Training: each non-positive element is multiplied by a slope drawn from U(lower, upper)
 * on the default generator, in order, one double per element (ATen's CPU kernel); positive
 * elements pass. Eval: leaky_relu with slope (lower + upper) / 2.
 */
export function rrelu(x: Tensor, lower = 1.0 / 8, upper = 1.0 / 3, training = false, inplace = false): Tensor {
  if (!training) return leakyRelu(x, (lower + upper) / 2, inplace);
  const noise = noGrad(() => {
    const xs = x.detach().contiguous().reshape(-1).toArray() as number[];
    const gen = T.defaultGenerator;
    const r = xs.map((v) => (v <= 0 ? gen.uniformDouble() * (upper - lower) + lower : 1));
    return tensor(r, { dtype: x.dtype }).reshape(x.shape);
  });
  return maybeInplace(x, (t) => new RreluWithNoise().apply(t, noise), inplace);
}

/** PyTorch's implicit dim for softmax when none is given (deprecated there): 0 for 0-d, 1-d and 3-d input, else 1. */
function softmaxDim(x: Tensor, dim: number | null | undefined): number {
  if (dim !== null && dim !== undefined) return dim;
  return x.ndim === 0 || x.ndim === 1 || x.ndim === 3 ? 0 : 1;
}
export const softmax = (x: Tensor, dim?: number | null) => x.softmax(softmaxDim(x, dim));
export const softmin = (x: Tensor, dim?: number | null) => x.neg().softmax(softmaxDim(x, dim));
export const logSoftmax = (x: Tensor, dim?: number | null) => x.logSoftmax(softmaxDim(x, dim));
