/**
 * Losses, as torch.nn.functional: cross_entropy (class indices or probabilities, weight,
 * ignore_index, label_smoothing), nll_loss, mse_loss, l1_loss, binary_cross_entropy(_with_logits).
 */
import { BinaryCrossEntropy, BinaryCrossEntropyWithLogits, checkClassIndices, MseLoss, NllLoss, Reduction, Tensor } from '@cresset/autograd';
import { isFloating, ShapeError, ValueError } from '@cresset/tensor';
import { applyReduction, checkReduction } from './reduction';

export type { Reduction };

export interface NllOptions {
  weight?: Tensor | null;
  ignoreIndex?: number;
  reduction?: Reduction;
}

export interface CrossEntropyOptions extends NllOptions {
  labelSmoothing?: number;
}

export function nllLoss(input: Tensor, target: Tensor, opts: NllOptions = {}): Tensor {
  const reduction = checkReduction(opts.reduction ?? 'mean', 'nll_loss');
  return new NllLoss(target.array, opts.weight?.array ?? null, opts.ignoreIndex ?? -100, reduction).apply(input);
}

export function crossEntropy(input: Tensor, target: Tensor, opts: CrossEntropyOptions = {}): Tensor {
  const reduction = checkReduction(opts.reduction ?? 'mean', 'cross_entropy');
  const ls = opts.labelSmoothing ?? 0;
  if (ls < 0 || ls > 1) throw new ValueError(`cross_entropy: label_smoothing must be between 0.0 and 1.0. Got: ${ls}`);
  const classDim = input.ndim === 1 ? 0 : 1;
  const C = input.shape[classDim];
  const logp = input.logSoftmax(classDim);
  const wshape = input.shape.map((s, i) => (i === classDim ? s : 1));
  const w = opts.weight ?? null;
  const sameShape = target.ndim === input.ndim && target.shape.every((s, i) => s === input.shape[i]);
  if (isFloating(target.dtype) && sameShape) {
    // class probabilities
    if (opts.ignoreIndex !== undefined && opts.ignoreIndex !== -100) throw new ValueError('cross_entropy: ignore_index is only applicable when the target contains class indices');
    const t = ls > 0 ? target.mul(1 - ls).add(ls / C) : target;
    let l = logp.mul(t);
    if (w) l = l.mul(w.reshape(wshape));
    const perSample = l.sum(classDim).neg();
    return reduction === 'mean' ? perSample.sum().div(input.ndim === 1 ? 1 : input.numel() / C) : applyReduction(perSample, reduction);
  }
  // class indices, as PyTorch decides: a target not of the input's shape
  checkClassIndices(target.dtype, 'cross_entropy', isFloating(target.dtype)
    ? ` (a target of class probabilities would have the input's shape [${input.shape.join(', ')}], this one has [${target.shape.join(', ')}])`
    : '');
  const ignoreIndex = opts.ignoreIndex ?? -100;
  const nll = nllLoss(logp, target, { weight: w, ignoreIndex, reduction });
  if (ls === 0) return nll;
  // label smoothing: (1 - ls) * nll + ls / C * (-sum over classes of w_c log p_c), ignoring ignored targets
  let smooth = (w ? logp.mul(w.reshape(wshape)) : logp).sum(classDim).neg();
  const keep = target.ne(ignoreIndex);
  smooth = smooth.mul(keep.to(smooth.dtype));
  let smoothLoss: Tensor;
  if (reduction === 'none') smoothLoss = smooth;
  else if (reduction === 'sum') smoothLoss = smooth.sum();
  else {
    const denom = w ? w.gather(0, target.mul(keep.long()).reshape(-1)).mul(keep.reshape(-1).to(w.dtype)).sum() : keep.to(smooth.dtype).sum();
    smoothLoss = smooth.sum().div(denom);
  }
  return nll.mul(1 - ls).add(smoothLoss.mul(ls / C));
}

export function mseLoss(input: Tensor, target: Tensor, opts: { reduction?: Reduction } = {}): Tensor {
  checkShapes(input, target, 'mse_loss');
  return new MseLoss(checkReduction(opts.reduction ?? 'mean', 'mse_loss')).apply(input, target);
}

export function l1Loss(input: Tensor, target: Tensor, opts: { reduction?: Reduction } = {}): Tensor {
  checkShapes(input, target, 'l1_loss');
  return applyReduction(input.sub(target).abs(), checkReduction(opts.reduction ?? 'mean', 'l1_loss'));
}

export function binaryCrossEntropy(input: Tensor, target: Tensor, opts: { weight?: Tensor | null; reduction?: Reduction } = {}): Tensor {
  if (input.ndim !== target.ndim || input.shape.some((s, i) => s !== target.shape[i])) {
    throw new ShapeError(`binary_cross_entropy: Using a target size ([${target.shape.join(', ')}]) that is different to the input size ([${input.shape.join(', ')}]) is deprecated. Please ensure they have the same size.`);
  }
  const r = checkReduction(opts.reduction ?? 'mean', 'binary_cross_entropy');
  const args = opts.weight ? [input, target, opts.weight.expandAs(input)] : [input, target];
  return new BinaryCrossEntropy(r).apply(...args);
}

export function binaryCrossEntropyWithLogits(
  input: Tensor, target: Tensor, opts: { weight?: Tensor | null; posWeight?: Tensor | null; reduction?: Reduction } = {},
): Tensor {
  if (input.ndim !== target.ndim || input.shape.some((s, i) => s !== target.shape[i])) {
    throw new ShapeError(`binary_cross_entropy_with_logits: Target size ([${target.shape.join(', ')}]) must be the same as input size ([${input.shape.join(', ')}])`);
  }
  const r = checkReduction(opts.reduction ?? 'mean', 'binary_cross_entropy_with_logits');
  const extra = [opts.weight?.expandAs(input), opts.posWeight?.expandAs(input)].filter((t): t is Tensor => !!t);
  return new BinaryCrossEntropyWithLogits(r, !!opts.weight, !!opts.posWeight).apply(input, target, ...extra);
}

/** Input and target must have one shape, or broadcast (PyTorch warns there). */
export function checkShapes(a: Tensor, b: Tensor, op: string): void {
  if (a.ndim !== b.ndim || a.shape.some((s, i) => s !== b.shape[i])) {
    // PyTorch warns and broadcasts; a silent broadcast is a common bug, so cresset says so and broadcasts too
    try {
      a.add(b);
    } catch {
      throw new ShapeError(`${op}: input of shape [${a.shape.join(', ')}] and target of shape [${b.shape.join(', ')}] do not broadcast`);
    }
  }
}
