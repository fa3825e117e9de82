/** Distances and norms, as torch.nn.functional: pairwise_distance, cosine_similarity and normalize. */
import type { Tensor } from '@cresset/autograd';
import { ShapeError } from '@cresset/tensor';

/** The p-norm of x along dim: sum |x|^p ^ (1/p), with p = 1, 2 and Infinity written directly. */
function pNorm(x: Tensor, p: number, dim: number, keepdim: boolean): Tensor {
  if (p === 2) return x.square().sum(dim, keepdim).sqrt();
  if (p === 1) return x.abs().sum(dim, keepdim);
  if (p === Infinity) return x.abs().amax(dim, keepdim);
  if (p === 0) return x.ne(0).to(x.dtype).sum(dim, keepdim);
  return x.abs().pow(p).sum(dim, keepdim).pow(1 / p);
}

/**
 * ||x1 - x2 + eps||_p over the last dim (x1, x2: [N, D] or [D], broadcasting), as
 * torch.pairwise_distance; keepdim keeps that dim as 1.
 */
export function pairwiseDistance(x1: Tensor, x2: Tensor, opts: { p?: number; eps?: number; keepdim?: boolean } = {}): Tensor {
  const nd = Math.max(x1.ndim, x2.ndim);
  if (nd === 0) throw new ShapeError('pairwise_distance: expected inputs of at least 1 dimension');
  return pNorm(x1.sub(x2).add(opts.eps ?? 1e-6), opts.p ?? 2, nd - 1, opts.keepdim ?? false);
}

/**
 * sum(x1 * x2) / (max(||x1||, eps) * max(||x2||, eps)) along dim (default 1), the inputs
 * broadcast against each other, as torch.cosine_similarity.
 */
export function cosineSimilarity(x1: Tensor, x2: Tensor, opts: { dim?: number; eps?: number } = {}): Tensor {
  const dim = opts.dim ?? 1;
  const eps = opts.eps ?? 1e-8;
  const n1 = x1.square().sum(dim, true).sqrt().clamp(eps);
  const n2 = x2.square().sum(dim, true).sqrt().clamp(eps);
  return x1.div(n1).mul(x2.div(n2)).sum(dim);
}

/**
 * x divided by its p-norm along dim (default 2 and 1), the norm clamped below at eps (1e-12), as
 * F.normalize; the result has x's shape.
 */
export function normalize(x: Tensor, opts: { p?: number; dim?: number; eps?: number } = {}): Tensor {
  const dim = opts.dim ?? 1;
  if (x.ndim === 0) throw new ShapeError('normalize: expected an input of at least 1 dimension, got a 0-d tensor');
  return x.div(x.norm(opts.p ?? 2, dim, true).clamp(opts.eps ?? 1e-12).expandAs(x));
}
