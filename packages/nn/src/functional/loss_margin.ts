/**
 * Margin and embedding losses, as torch.nn.functional: margin_ranking_loss, hinge_embedding_loss,
 * cosine_embedding_loss, multilabel_soft_margin_loss, multi_margin_loss, multilabel_margin_loss,
 * triplet_margin_loss, composed from autograd ops with ATen's formulas.
 */
import { arange, noGrad, Reduction, Tensor, tensor, where } from '@cresset/autograd';
import { ShapeError, ValueError } from '@cresset/tensor';
import { logsigmoid } from './activation';
import { pairwiseDistance } from './distance';
import { applyReduction, checkReduction } from './reduction';

export interface MarginOptions { margin?: number; reduction?: Reduction }
export interface MultiMarginOptions { p?: 1 | 2; margin?: number; weight?: Tensor | null; reduction?: Reduction }
export interface TripletMarginOptions { margin?: number; p?: number; eps?: number; swap?: boolean; reduction?: Reduction }

/** max(0, -target (input1 - input2) + margin). */
export function marginRankingLoss(input1: Tensor, input2: Tensor, target: Tensor, opts: MarginOptions = {}): Tensor {
  if (input1.ndim !== input2.ndim || input1.ndim !== target.ndim) {
    throw new ShapeError(`margin_ranking_loss : All input tensors should have same dimension but got sizes: input1: [${input1.shape.join(', ')}], input2: [${input2.shape.join(', ')}], target: [${target.shape.join(', ')}] `);
  }
  const l = target.neg().mul(input1.sub(input2)).add(opts.margin ?? 0).clamp(0);
  return applyReduction(l, checkReduction(opts.reduction ?? 'mean', 'margin_ranking_loss'));
}

/** input where target is 1, max(0, margin - input) where target is -1 (both terms for other targets, as ATen). */
export function hingeEmbeddingLoss(input: Tensor, target: Tensor, opts: MarginOptions = {}): Tensor {
  const margin = opts.margin ?? 1.0;
  const l = where(target.ne(1), input.neg().add(margin).clamp(0), 0).add(where(target.ne(-1), input, 0));
  return applyReduction(l, checkReduction(opts.reduction ?? 'mean', 'hinge_embedding_loss'));
}

/**
 * 1 - cos(x1, x2) where target is 1, max(0, cos - margin) where it is -1; cos over dim 1 of
 * [N, D] input (dim 0 of [D]) with 1e-12 added to each squared norm, as ATen.
 */
export function cosineEmbeddingLoss(input1: Tensor, input2: Tensor, target: Tensor, opts: MarginOptions = {}): Tensor {
  const nd = input1.ndim;
  if (nd !== input2.ndim) throw new ShapeError(`cosine_embedding_loss: expected input1 and input2 to have the same number of dimensions, got ${nd} and ${input2.ndim}`);
  if (nd !== target.ndim + 1) throw new ShapeError(`${nd}D target tensor expects ${nd - 1}D input tensors, but found inputs with sizes [${input1.shape.join(', ')}] and [${input2.shape.join(', ')}].`);
  const dim = nd === 1 ? 0 : 1;
  const EPS = 1e-12;
  const prod = input1.mul(input2).sum(dim);
  const m1 = input1.mul(input1).sum(dim).add(EPS);
  const m2 = input2.mul(input2).sum(dim).add(EPS);
  const cos = prod.div(m1.mul(m2).sqrt());
  const l = where(target.eq(1), cos.neg().add(1), 0).add(where(target.eq(-1), cos.sub(opts.margin ?? 0).clamp(0), 0));
  return applyReduction(l, checkReduction(opts.reduction ?? 'mean', 'cosine_embedding_loss'));
}

/** -(target logsigmoid(x) + (1 - target) logsigmoid(-x)), weighted, averaged over the classes (last dim). */
export function multilabelSoftMarginLoss(input: Tensor, target: Tensor, opts: { weight?: Tensor | null; reduction?: Reduction } = {}): Tensor {
  let l = target.mul(logsigmoid(input)).add(target.neg().add(1).mul(logsigmoid(input.neg()))).neg();
  if (opts.weight) l = l.mul(opts.weight);
  const classDim = input.ndim - 1;
  l = l.sum(classDim).div(input.shape[classDim]);
  return applyReduction(l, checkReduction(opts.reduction ?? 'mean', 'multilabel_soft_margin_loss'));
}

/** Input [N, C] (or [C]) and int64 target [N] (or []), checked as ATen does; the 2-d views. */
function marginInputs(input: Tensor, target: Tensor, op: string, targetDims: number): [Tensor, Tensor] {
  if (input.ndim > 2 || (input.ndim === 2 && input.shape[1] === 0) || (input.ndim === 1 && input.shape[0] === 0)) {
    throw new ShapeError(`${op}: Expected non-empty vector or matrix with optional 0-dim batch size, but got: [${input.shape.join(', ')}]`);
  }
  const x = input.ndim < 2 ? input.reshape([1, -1]) : input;
  const t = target.reshape(targetDims === 1 ? [x.shape[0]] : [x.shape[0], x.shape[1]]);
  return [x, t];
}

/** The loss rows back in the input's batch form, reduced. */
const reduceRows = (l: Tensor, input: Tensor, r: Reduction) => applyReduction(input.ndim < 2 ? l.reshape([]) : l, r);

/**
 * Multi-class hinge loss: for each sample, the sum over classes j != y of
 * max(0, margin - x[y] + x[j])^p (times weight[y]), divided by the class count.
 */
export function multiMarginLoss(input: Tensor, target: Tensor, opts: MultiMarginOptions = {}): Tensor {
  const p = opts.p ?? 1;
  if (p !== 1 && p !== 2) throw new ValueError('only p == 1 and p == 2 supported');
  const r = checkReduction(opts.reduction ?? 'mean', 'multi_margin_loss');
  const [x, t] = marginInputs(input, target, 'multi_margin_loss', 1);
  const C = x.shape[1];
  const idx = t.reshape([-1, 1]);
  let z = x.sub(x.gather(1, idx)).add(opts.margin ?? 1.0).clamp(0);
  if (p === 2) z = z.square();
  if (opts.weight) z = z.mul(opts.weight.gather(0, t).reshape([-1, 1]));
  const others = noGrad(() => arange(C).reshape([1, C]).ne(idx).to(x.dtype));
  return reduceRows(z.mul(others).sum(1).div(C), input, r);
}

/**
 * Multi-label hinge loss: target holds each sample's class indices, ended by the first -1; the
 * sum over its targets j and non-targets i of max(0, 1 - (x[j] - x[i])), divided by the class count.
 */
export function multilabelMarginLoss(input: Tensor, target: Tensor, opts: { reduction?: Reduction } = {}): Tensor {
  const r = checkReduction(opts.reduction ?? 'mean', 'multilabel_margin_loss');
  const [x, t] = marginInputs(input, target, 'multilabel_margin_loss', 2);
  const [N, C] = x.shape;
  const rows = t.toArray() as number[][];
  const labels = rows.map((row) => {
    const end = row.indexOf(-1);
    const ys = end < 0 ? row : row.slice(0, end);
    ys.forEach((y) => { if (y < 0 || y >= C) throw new ValueError(`multilabel_margin_loss: target index ${y} is out of bounds for ${C} classes`); });
    return ys;
  });
  const isTarget = tensor(labels.map((ys) => Array.from({ length: C }, (_, c) => (ys.includes(c) ? 0 : 1))), { dtype: x.dtype });
  const most = Math.max(0, ...labels.map((ys) => ys.length));
  let l: Tensor = x.sum(1).mul(0);
  for (let k = 0; k < most; k++) {
    const idx = tensor(labels.map((ys) => [ys[k] ?? 0]), { dtype: 'int64' });
    const valid = tensor(labels.map((ys) => [k < ys.length ? 1 : 0]), { dtype: x.dtype });
    const z = x.sub(x.gather(1, idx)).add(1).clamp(0).mul(isTarget).mul(valid);
    l = l.add(z.sum(1));
  }
  return reduceRows(l.div(C), input, N === 0 ? 'none' : r);
}

/** max(0, margin + d(anchor, positive) - d(anchor, negative)), d the p-norm distance; swap uses the smaller of d(a, n) and d(p, n). */
export function tripletMarginLoss(anchor: Tensor, positive: Tensor, negative: Tensor, opts: TripletMarginOptions = {}): Tensor {
  const nd = anchor.ndim;
  if (nd !== positive.ndim || nd !== negative.ndim) {
    throw new ShapeError(`The anchor, positive, and negative tensors are expected to have the same number of dimensions, but got: anchor ${nd}D, positive ${positive.ndim}D, and negative ${negative.ndim}D inputs`);
  }
  const d = { p: opts.p ?? 2, eps: opts.eps ?? 1e-6 };
  const dPos = pairwiseDistance(anchor, positive, d);
  let dNeg = pairwiseDistance(anchor, negative, d);
  if (opts.swap) dNeg = dNeg.minimum(pairwiseDistance(positive, negative, d));
  const l = dPos.sub(dNeg).add(opts.margin ?? 1.0).clamp(0);
  return applyReduction(l, checkReduction(opts.reduction ?? 'mean', 'triplet_margin_loss'));
}

export interface TripletMarginWithDistanceOptions {
  /** The distance of two [N, D] batches, [N]; pairwise_distance when null. */
  distanceFunction?: ((a: Tensor, b: Tensor) => Tensor) | null;
  margin?: number;
  swap?: boolean;
  reduction?: Reduction;
}

/** max(0, margin + d(anchor, positive) - d(anchor, negative)) for any distance d; swap as tripletMarginLoss. */
export function tripletMarginWithDistanceLoss(anchor: Tensor, positive: Tensor, negative: Tensor, opts: TripletMarginWithDistanceOptions = {}): Tensor {
  const d = opts.distanceFunction ?? ((a: Tensor, b: Tensor) => pairwiseDistance(a, b));
  const dPos = d(anchor, positive);
  let dNeg = d(anchor, negative);
  if (opts.swap) dNeg = dNeg.minimum(d(positive, negative));
  const l = dPos.sub(dNeg).add(opts.margin ?? 1.0).clamp(0);
  return applyReduction(l, checkReduction(opts.reduction ?? 'mean', 'triplet_margin_with_distance_loss'));
}
