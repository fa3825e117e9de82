/**
 * Regression and distribution losses, as torch.nn.functional: huber_loss, smooth_l1_loss, kl_div,
 * poisson_nll_loss, gaussian_nll_loss, soft_margin_loss, composed from autograd ops with ATen's
 * formulas (aten/src/ATen/native/Loss.cpp) and torch/nn/functional.py's checks.
 */
import { noGrad, Reduction, Tensor, where } from '@cresset/autograd';
import { ShapeError, ValueError } from '@cresset/tensor';
import { checkShapes } from './loss';
import { applyReduction, checkReduction } from './reduction';

export interface HuberOptions { reduction?: Reduction; delta?: number }
export interface SmoothL1Options { reduction?: Reduction; beta?: number }
export interface KLDivOptions { reduction?: Reduction | 'batchmean'; logTarget?: boolean }
export interface PoissonNLLOptions { logInput?: boolean; full?: boolean; eps?: number; reduction?: Reduction }
export interface GaussianNLLOptions { full?: boolean; eps?: number; reduction?: Reduction }

/** Huber: 0.5 d^2 where |d| < delta, else delta (|d| - 0.5 delta), d = input - target. */
export function huberLoss(input: Tensor, target: Tensor, opts: HuberOptions = {}): Tensor {
  checkShapes(input, target, 'huber_loss');
  const delta = opts.delta ?? 1.0;
  const d = input.sub(target);
  const a = d.abs();
  const l = where(a.lt(delta), d.mul(d).mul(0.5), a.sub(0.5 * delta).mul(delta));
  return applyReduction(l, checkReduction(opts.reduction ?? 'mean', 'huber_loss'));
}

/** Smooth L1: 0.5 d^2 / beta where |d| < beta, else |d| - 0.5 beta; beta 0 is the L1 loss. */
export function smoothL1Loss(input: Tensor, target: Tensor, opts: SmoothL1Options = {}): Tensor {
  checkShapes(input, target, 'smooth_l1_loss');
  const beta = opts.beta ?? 1.0;
  if (beta < 0) throw new ValueError('smooth_l1_loss does not support negative values for beta.');
  const d = input.sub(target);
  const a = d.abs();
  const l = beta === 0 ? a : where(a.lt(beta), d.mul(d).mul(0.5).div(beta), a.sub(0.5 * beta));
  return applyReduction(l, checkReduction(opts.reduction ?? 'mean', 'smooth_l1_loss'));
}

/**
 * KL divergence of target from input (input holds log-probabilities): target (log target - input),
 * 0 where target is 0; with logTarget, exp(target) (target - input). 'batchmean' divides the
 * sum by the batch size (PyTorch's 'mean' averages over every element).
 */
export function klDiv(input: Tensor, target: Tensor, opts: KLDivOptions = {}): Tensor {
  const r = opts.reduction ?? 'mean';
  if (r !== 'batchmean') checkReduction(r, 'kl_div');
  const l = opts.logTarget
    ? target.exp().mul(target.sub(input))
    : where(target.eq(0), 0, target.mul(target.log())).sub(target.mul(input));
  if (r === 'batchmean') return input.ndim === 0 ? l.sum() : l.sum().div(input.shape[0]);
  return applyReduction(l, r);
}

/**
 * Poisson negative log likelihood: exp(input) - target input (logInput), or input - target
 * log(input + eps); full adds Stirling's term target log target - target + 0.5 log(2 pi target)
 * where target > 1.
 */
export function poissonNllLoss(input: Tensor, target: Tensor, opts: PoissonNLLOptions = {}): Tensor {
  const eps = opts.eps ?? 1e-8;
  const r = checkReduction(opts.reduction ?? 'mean', 'poisson_nll_loss');
  let l = opts.logInput ?? true ? input.exp().sub(target.mul(input)) : input.sub(target.mul(input.add(eps).log()));
  if (opts.full) {
    const stirling = target.mul(target.log()).sub(target).add(target.mul(2 * Math.PI).log().mul(0.5));
    l = l.add(where(target.le(1), 0, stirling));
  }
  return applyReduction(l, r);
}

/**
 * Gaussian negative log likelihood: 0.5 (log var + (input - target)^2 / var) (+ 0.5 log 2 pi when
 * full), var clamped to eps without changing its gradient, as torch.nn.functional does. var has
 * input's shape, or one dim fewer, or a last dim of 1.
 */
export function gaussianNllLoss(input: Tensor, target: Tensor, variance: Tensor, opts: GaussianNLLOptions = {}): Tensor {
  const r = checkReduction(opts.reduction ?? 'mean', 'gaussian_nll_loss');
  const eps = opts.eps ?? 1e-6;
  let v = variance;
  const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((s, i) => s === b[i]);
  if (!same(v.shape, input.shape)) {
    if (same(input.shape.slice(0, -1), v.shape)) v = v.unsqueeze(-1);
    else if (!(same(input.shape.slice(0, -1), v.shape.slice(0, -1)) && v.shape[v.ndim - 1] === 1)) throw new ValueError('var is of incorrect size');
  }
  if (noGrad(() => v.lt(0).any().item())) throw new ValueError('var has negative entry/entries');
  v = v.clone();
  noGrad(() => v.clamp_(eps));
  let l = v.log().add(input.sub(target).square().div(v)).mul(0.5);
  if (opts.full) l = l.add(0.5 * Math.log(2 * Math.PI));
  return applyReduction(l, r);
}

/** Soft margin: log(1 + exp(-target input)). */
export function softMarginLoss(input: Tensor, target: Tensor, opts: { reduction?: Reduction } = {}): Tensor {
  if (input.ndim !== target.ndim || input.shape.some((s, i) => s !== target.shape[i])) {
    throw new ShapeError(`soft_margin_loss: target size ([${target.shape.join(', ')}]) must be the same as input size ([${input.shape.join(', ')}])`);
  }
  return applyReduction(input.neg().mul(target).exp().log1p(), checkReduction(opts.reduction ?? 'mean', 'soft_margin_loss'));
}
