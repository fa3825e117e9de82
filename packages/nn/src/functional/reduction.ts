/** The reduction argument of the losses: its check, applying it, and PyTorch's legacy size_average/reduce. */
import type { Reduction, Tensor } from '@cresset/autograd';
import { ValueError } from '@cresset/tensor';

/** Fails as PyTorch does for anything but 'mean', 'sum' and 'none'. */
export function checkReduction(r: string, op: string): Reduction {
  if (r !== 'mean' && r !== 'sum' && r !== 'none') throw new ValueError(`${op}: ${r} is not a valid value for reduction`);
  return r;
}

/** The per-element loss reduced: as it is, summed, or averaged over every element. */
export const applyReduction = (l: Tensor, r: Reduction) => (r === 'none' ? l : r === 'sum' ? l.sum() : l.mean());

/**
 * The reduction the legacy arguments stand for (torch.nn._reduction.legacy_get_string): when
 * either of sizeAverage and reduce is given (null or undefined meaning true), reduce false is
 * 'none', sizeAverage false is 'sum', else 'mean'; when neither is, `reduction` itself.
 */
export function legacyReduction(sizeAverage: boolean | null | undefined, reduce: boolean | null | undefined, reduction: Reduction = 'mean'): Reduction {
  if ((sizeAverage === null || sizeAverage === undefined) && (reduce === null || reduce === undefined)) return reduction;
  const avg = sizeAverage ?? true;
  const red = reduce ?? true;
  return avg && red ? 'mean' : red ? 'sum' : 'none';
}
