/**
 * Loss modules over their functional forms, with PyTorch's options and defaults (reduction
 * 'mean'). As in PyTorch, class weights (and BCEWithLogitsLoss's pos_weight) are buffers, so they
 * appear in the state dict and follow double()/float().
 */
import type { Tensor } from '@cresset/autograd';
import * as F from '../functional/loss';
import { Module } from '../module';

export interface LossOptions { reduction?: F.Reduction }
export interface WeightedLossOptions extends LossOptions { weight?: Tensor | null }

/** PyTorch's _Loss: holds the reduction. */
abstract class Loss extends Module {
  readonly reduction: F.Reduction;
  constructor(o: LossOptions) {
    super();
    this.reduction = o.reduction ?? 'mean';
  }
}

/** PyTorch's _WeightedLoss: a reduction and an optional per-class `weight` buffer. */
abstract class WeightedLoss extends Loss {
  constructor(o: WeightedLossOptions) {
    super(o);
    this.registerBuffer('weight', o.weight ?? null);
  }
  get weight(): Tensor | null { return this.buffer('weight'); }
}

export class CrossEntropyLoss extends WeightedLoss {
  readonly ignoreIndex: number;
  readonly labelSmoothing: number;
  constructor(o: F.CrossEntropyOptions = {}) {
    super(o);
    this.ignoreIndex = o.ignoreIndex ?? -100;
    this.labelSmoothing = o.labelSmoothing ?? 0;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.crossEntropy(input, target, { weight: this.weight, ignoreIndex: this.ignoreIndex, reduction: this.reduction, labelSmoothing: this.labelSmoothing });
  }
}

export class NLLLoss extends WeightedLoss {
  readonly ignoreIndex: number;
  constructor(o: F.NllOptions = {}) {
    super(o);
    this.ignoreIndex = o.ignoreIndex ?? -100;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.nllLoss(input, target, { weight: this.weight, ignoreIndex: this.ignoreIndex, reduction: this.reduction });
  }
}

export class MSELoss extends Loss {
  constructor(o: LossOptions = {}) { super(o); }
  forward(input: Tensor, target: Tensor): Tensor { return F.mseLoss(input, target, { reduction: this.reduction }); }
}

export class L1Loss extends Loss {
  constructor(o: LossOptions = {}) { super(o); }
  forward(input: Tensor, target: Tensor): Tensor { return F.l1Loss(input, target, { reduction: this.reduction }); }
}

export class BCELoss extends WeightedLoss {
  constructor(o: WeightedLossOptions = {}) { super(o); }
  forward(input: Tensor, target: Tensor): Tensor { return F.binaryCrossEntropy(input, target, { weight: this.weight, reduction: this.reduction }); }
}

export class BCEWithLogitsLoss extends Loss {
  constructor(o: WeightedLossOptions & { posWeight?: Tensor | null } = {}) {
    super(o);
    this.registerBuffer('weight', o.weight ?? null);
    this.registerBuffer('pos_weight', o.posWeight ?? null);
  }
  get weight(): Tensor | null { return this.buffer('weight'); }
  get posWeight(): Tensor | null { return this.buffer('pos_weight'); }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.binaryCrossEntropyWithLogits(input, target, { weight: this.weight, posWeight: this.posWeight, reduction: this.reduction });
  }
}
