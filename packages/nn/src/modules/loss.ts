/**
 * Loss modules over their functional forms, with PyTorch's positional arguments, options and
 * defaults (reduction 'mean'). As in PyTorch, class weights (and BCEWithLogitsLoss's pos_weight)
 * are buffers, so they appear in the state dict and follow double()/float().
 */
import type { Tensor } from '@cresset/autograd';
import * as F from '../functional/loss';
import { layerArgs } from '../utils';
import { Loss, LossArgs, LossOptions, WeightedLoss, WeightedLossOptions } from './loss_base';

export type { LossOptions, WeightedLossOptions };

export interface NLLLossOptions extends WeightedLossOptions { ignoreIndex?: number | null }
export interface CrossEntropyLossOptions extends NLLLossOptions { labelSmoothing?: number | null }

export class CrossEntropyLoss extends WeightedLoss {
  readonly ignoreIndex: number;
  readonly labelSmoothing: number;
  /** CrossEntropyLoss(weight, sizeAverage, ignoreIndex = -100, reduce, reduction = 'mean', labelSmoothing = 0.0). */
  constructor(...args: LossArgs<CrossEntropyLossOptions>) {
    const o = layerArgs<CrossEntropyLossOptions>('CrossEntropyLoss', args, ['weight', 'sizeAverage', 'ignoreIndex', 'reduce', 'reduction', 'labelSmoothing']);
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
  /** NLLLoss(weight, sizeAverage, ignoreIndex = -100, reduce, reduction = 'mean'). */
  constructor(...args: LossArgs<NLLLossOptions>) {
    const o = layerArgs<NLLLossOptions>('NLLLoss', args, ['weight', 'sizeAverage', 'ignoreIndex', 'reduce', 'reduction']);
    super(o);
    this.ignoreIndex = o.ignoreIndex ?? -100;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.nllLoss(input, target, { weight: this.weight, ignoreIndex: this.ignoreIndex, reduction: this.reduction });
  }
}

const LEGACY = ['sizeAverage', 'reduce', 'reduction'] as const;

export class MSELoss extends Loss {
  /** MSELoss(sizeAverage, reduce, reduction = 'mean'). */
  constructor(...args: LossArgs<LossOptions>) { super(layerArgs<LossOptions>('MSELoss', args, [...LEGACY])); }
  forward(input: Tensor, target: Tensor): Tensor { return F.mseLoss(input, target, { reduction: this.reduction }); }
}

export class L1Loss extends Loss {
  /** L1Loss(sizeAverage, reduce, reduction = 'mean'). */
  constructor(...args: LossArgs<LossOptions>) { super(layerArgs<LossOptions>('L1Loss', args, [...LEGACY])); }
  forward(input: Tensor, target: Tensor): Tensor { return F.l1Loss(input, target, { reduction: this.reduction }); }
}

export class BCELoss extends WeightedLoss {
  /** BCELoss(weight, sizeAverage, reduce, reduction = 'mean'). */
  constructor(...args: LossArgs<WeightedLossOptions>) { super(layerArgs<WeightedLossOptions>('BCELoss', args, ['weight', ...LEGACY])); }
  forward(input: Tensor, target: Tensor): Tensor { return F.binaryCrossEntropy(input, target, { weight: this.weight, reduction: this.reduction }); }
}

export interface BCEWithLogitsLossOptions extends WeightedLossOptions { posWeight?: Tensor | null }

export class BCEWithLogitsLoss extends Loss {
  /** BCEWithLogitsLoss(weight, sizeAverage, reduce, reduction = 'mean', posWeight). */
  constructor(...args: LossArgs<BCEWithLogitsLossOptions>) {
    const o = layerArgs<BCEWithLogitsLossOptions>('BCEWithLogitsLoss', args, ['weight', ...LEGACY, 'posWeight']);
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
