/** F.ctc_loss: the connectionist temporal classification loss over log_probs [T, N, C] (or [T, C] unbatched). */
import { CtcLoss, Tensor, tensor } from '@cresset/autograd';
import type { Reduction } from '@cresset/autograd';
import { ShapeError, ValueError } from '@cresset/tensor';
import { checkReduction } from './reduction';

export interface CtcLossOptions {
  /** The blank class (default 0). */
  blank?: number;
  reduction?: Reduction;
  /** Infinite losses (targets no alignment can produce) and their gradients become 0. */
  zeroInfinity?: boolean;
}

/** Lengths given as a tensor or a list, as a list of integers. */
function lengthsOf(v: Tensor | readonly number[] | number): number[] {
  if (typeof v === 'number') return [v];
  if (v instanceof Tensor) return (v.reshape(-1).toArray() as number[]).map(Number);
  return [...v];
}

/**
 * ctc_loss(logProbs, targets, inputLengths, targetLengths, { blank, reduction, zeroInfinity }), as
 * torch.nn.functional.ctc_loss: targets are [N, S] padded rows or the N targets concatenated (1-d);
 * 'mean' divides each loss by its target length (at least 1) and averages over the batch, 'sum'
 * adds them, 'none' gives the N losses. Backward follows PyTorch's (see CtcLoss).
 */
export function ctcLoss(logProbs: Tensor, targets: Tensor, inputLengths: Tensor | readonly number[] | number, targetLengths: Tensor | readonly number[] | number, opts: CtcLossOptions = {}): Tensor {
  const reduction = checkReduction(opts.reduction ?? 'mean', 'ctc_loss');
  const blank = opts.blank ?? 0;
  const batched = logProbs.ndim === 3;
  if (!batched && logProbs.ndim !== 2) throw new ShapeError(`ctc_loss: expected log_probs of 2 (unbatched) or 3 dimensions [T, N, C], got ${logProbs.ndim} (shape [${logProbs.shape.join(', ')}])`);
  const lp = batched ? logProbs : logProbs.unsqueeze(1);
  const tg = batched ? targets : targets.unsqueeze(0);
  const [frames, n, classes] = lp.shape;
  if (!Number.isInteger(blank) || blank < 0 || blank >= classes) throw new ValueError('ctc_loss: blank must be in label range');
  const inLens = lengthsOf(inputLengths);
  const tgLens = lengthsOf(targetLengths);
  if (inLens.length !== n) throw new ShapeError(`ctc_loss: input_lengths must be of size batch_size (got ${inLens.length}, batch size ${n})`);
  if (tgLens.length !== n) throw new ShapeError(`ctc_loss: target_lengths must be of size batch_size (got ${tgLens.length}, batch size ${n})`);
  const flat = tg.reshape(-1).toArray() as number[];
  let offset = 0;
  const rows = tgLens.map((len, b) => {
    if (tg.ndim === 2 && len > tg.shape[1]) {
      throw new ShapeError(`Expected tensor to have size at least ${len} at dimension 1, but got size ${tg.shape[1]} for argument #2 'targets' (while checking arguments for ctc_loss_cpu)`);
    }
    const start = tg.ndim === 2 ? b * tg.shape[1] : offset;
    offset += len;
    if (start + len > flat.length) throw new ShapeError(`ctc_loss: target_lengths add up to more than the ${flat.length} targets given`);
    return flat.slice(start, start + len);
  });
  inLens.forEach((len) => {
    if (len > frames) throw new ShapeError(`Expected input_lengths to have value at most ${frames}, but got value ${len} (while checking arguments for ctc_loss_cpu)`);
  });
  let losses = new CtcLoss(rows, inLens, blank, opts.zeroInfinity ?? false).apply(lp);
  if (!batched) losses = losses.squeeze(0);
  if (reduction === 'sum') return losses.sum();
  if (reduction === 'none') return losses;
  const divisors = tensor(tgLens.map((l) => Math.max(l, 1)), { dtype: losses.dtype });
  return losses.div(batched ? divisors : divisors.squeeze(0)).mean();
}
