/**
 * PyTorch's _Loss and _WeightedLoss: the reduction (from `reduction`, or the legacy sizeAverage
 * and reduce when either is given) and the optional per-class `weight` buffer. Constructor
 * arguments come positionally in PyTorch's order and/or as an options object; null stands for None.
 */
import type { Reduction, Tensor } from '@cresset/autograd';
import { legacyReduction } from '../functional/reduction';
import { Module } from '../module';

export interface LossOptions { sizeAverage?: boolean | null; reduce?: boolean | null; reduction?: Reduction }
export interface WeightedLossOptions extends LossOptions { weight?: Tensor | null }

/** A positional constructor argument of a loss. */
export type LossArg = Tensor | number | boolean | string | null | undefined;
/** A loss's constructor arguments: positional ones in PyTorch's order, then optionally options. */
export type LossArgs<O> = (LossArg | O)[];

export abstract class Loss extends Module {
  readonly reduction: Reduction;
  constructor(o: LossOptions) {
    super();
    this.reduction = legacyReduction(o.sizeAverage, o.reduce, o.reduction ?? 'mean');
  }
}

export abstract class WeightedLoss extends Loss {
  constructor(o: WeightedLossOptions) {
    super(o);
    this.registerBuffer('weight', o.weight ?? null);
  }
  get weight(): Tensor | null { return this.buffer('weight'); }
}
