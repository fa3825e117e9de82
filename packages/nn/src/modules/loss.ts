/** Loss modules over their functional forms, with PyTorch's options and defaults (reduction 'mean'). */
import type { Tensor } from '@cresset/autograd';
import * as F from '../functional/loss';
import { Module } from '../module';

type R = { reduction?: F.Reduction };

export class CrossEntropyLoss extends Module {
  constructor(readonly options: F.CrossEntropyOptions = {}) { super(); }
  forward(input: Tensor, target: Tensor): Tensor { return F.crossEntropy(input, target, this.options); }
}
export class NLLLoss extends Module {
  constructor(readonly options: F.NllOptions = {}) { super(); }
  forward(input: Tensor, target: Tensor): Tensor { return F.nllLoss(input, target, this.options); }
}
export class MSELoss extends Module {
  constructor(readonly options: R = {}) { super(); }
  forward(input: Tensor, target: Tensor): Tensor { return F.mseLoss(input, target, this.options); }
}
export class L1Loss extends Module {
  constructor(readonly options: R = {}) { super(); }
  forward(input: Tensor, target: Tensor): Tensor { return F.l1Loss(input, target, this.options); }
}
export class BCELoss extends Module {
  constructor(readonly options: R & { weight?: Tensor | null } = {}) { super(); }
  forward(input: Tensor, target: Tensor): Tensor { return F.binaryCrossEntropy(input, target, this.options); }
}
export class BCEWithLogitsLoss extends Module {
  constructor(readonly options: R & { weight?: Tensor | null; posWeight?: Tensor | null } = {}) { super(); }
  forward(input: Tensor, target: Tensor): Tensor { return F.binaryCrossEntropyWithLogits(input, target, this.options); }
}
