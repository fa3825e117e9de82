/**
 * Dropout as PyTorch computes it on the CPU: a mask from bernoulli_(1 - p) on the default
 * generator, scaled by 1 / (1 - p); dropout2d/3d drop whole channels.
 */
import { noGrad, Tensor } from '@cresset/autograd';
import * as T from '@cresset/tensor';
import { ValueError } from '@cresset/tensor';

function check(p: number, op: string): void {
  if (p < 0 || p > 1) throw new ValueError(`${op}: dropout probability has to be between 0 and 1, but got ${p}`);
}

/** The scaled keep-mask of shape `maskShape` (bernoulli_(1 - p) / (1 - p)), or 0 when p is 1. */
function maskOf(x: Tensor, p: number, maskShape: number[]): Tensor | number {
  if (p === 1) return 0;
  return noGrad(() => new Tensor(T.zeros(maskShape, x.dtype)).bernoulli_(1 - p).div_(1 - p));
}

/** Multiplies by a mask of shape `maskShape` (broadcast over the input). */
function dropWithMask(x: Tensor, p: number, maskShape: number[]): Tensor {
  return x.mul(maskOf(x, p, maskShape));
}

/** In place, x.mul_(mask): the product's backward then keeps only the mask, so x may be saved by the op before. */
export function dropout(x: Tensor, p = 0.5, training = true, inplace = false): Tensor {
  check(p, 'dropout');
  if (!training || p === 0) return x;
  return inplace ? x.mul_(maskOf(x, p, x.shape)) : dropWithMask(x, p, x.shape);
}

/** Zeroes whole channels: input [N, C, ...] (or [C, ...] unbatched), one draw per (n, c). */
export function dropoutNd(x: Tensor, p = 0.5, training = true, nd = 2): Tensor {
  check(p, `dropout${nd}d`);
  if (!training || p === 0) return x;
  const spatial = x.ndim - (x.ndim === nd + 2 ? 2 : 1);
  return dropWithMask(x, p, [...x.shape.slice(0, x.ndim - spatial), ...new Array(spatial).fill(1)]);
}
export const dropout1d = (x: Tensor, p = 0.5, training = true) => dropoutNd(x, p, training, 1);
export const dropout2d = (x: Tensor, p = 0.5, training = true) => dropoutNd(x, p, training, 2);
export const dropout3d = (x: Tensor, p = 0.5, training = true) => dropoutNd(x, p, training, 3);

/** SELU's alpha times its scale: the value alpha dropout sets dropped elements to, before the affine correction. */
const ALPHA_PRIME = 1.7580993408473766;

/**
 * Alpha dropout (feature: whole channels), as ATen's _dropout_impl: a bernoulli_(1 - p) mask
 * m of the mask shape, a = 1 / sqrt((alpha'^2 p + 1)(1 - p)), and x (m a) + (m - 1) alpha' a + alpha' a p,
 * keeping SELU's mean and variance.
 */
function alphaDropoutNd(x: Tensor, p: number, training: boolean, inplace: boolean, feature: boolean): Tensor {
  check(p, feature ? 'feature_alpha_dropout' : 'alpha_dropout');
  if (p === 0 || !training || x.numel() === 0) return x;
  if (p === 1) return inplace ? x.mul_(0) : x.mul(0);
  const shape = feature ? [x.shape[0], x.shape[1], ...new Array(Math.max(x.ndim - 2, 0)).fill(1)] : x.shape;
  const a = 1 / Math.sqrt((ALPHA_PRIME * ALPHA_PRIME * p + 1) * (1 - p));
  const [noise, b] = noGrad(() => {
    const m = new Tensor(T.zeros(shape, x.dtype)).bernoulli_(1 - p);
    return [m.mul(a), m.add(-1).mul(ALPHA_PRIME * a).add(ALPHA_PRIME * a * p)];
  });
  const y = x.mul(noise).add(b);
  return inplace ? x.copy_(y) : y;
}
export const alphaDropout = (x: Tensor, p = 0.5, training = false, inplace = false) => alphaDropoutNd(x, p, training, inplace, false);
export const featureAlphaDropout = (x: Tensor, p = 0.5, training = false, inplace = false) => alphaDropoutNd(x, p, training, inplace, true);
