/**
 * MarginRankingLoss, HingeEmbeddingLoss, CosineEmbeddingLoss, MultiLabelSoftMarginLoss,
 * MultiMarginLoss, MultiLabelMarginLoss, TripletMarginLoss and TripletMarginWithDistanceLoss, with
 * PyTorch's positional arguments.
 */
import type { Reduction, Tensor } from '@cresset/autograd';
import { ValueError } from '@cresset/tensor';
import * as F from '../functional/loss_margin';
import { Module } from '../module';
import { layerArgs } from '../utils';
import { PairwiseDistance } from './distance';
import { Loss, LossArgs, LossOptions, WeightedLoss, WeightedLossOptions } from './loss_base';

const LEGACY = ['sizeAverage', 'reduce', 'reduction'] as const;

export interface MarginLossOptions extends LossOptions { margin?: number }

/** A loss whose first argument is `margin` (default `dflt`), then the legacy reduction arguments. */
abstract class MarginLoss extends Loss {
  readonly margin: number;
  constructor(op: string, args: LossArgs<MarginLossOptions>, dflt: number) {
    const o = layerArgs<MarginLossOptions>(op, args, ['margin', ...LEGACY]);
    super(o);
    this.margin = o.margin ?? dflt;
  }
}

export class MarginRankingLoss extends MarginLoss {
  /** MarginRankingLoss(margin = 0.0, sizeAverage, reduce, reduction = 'mean'). */
  constructor(...args: LossArgs<MarginLossOptions>) { super('MarginRankingLoss', args, 0); }
  forward(input1: Tensor, input2: Tensor, target: Tensor): Tensor {
    return F.marginRankingLoss(input1, input2, target, { margin: this.margin, reduction: this.reduction });
  }
}

export class HingeEmbeddingLoss extends MarginLoss {
  /** HingeEmbeddingLoss(margin = 1.0, sizeAverage, reduce, reduction = 'mean'). */
  constructor(...args: LossArgs<MarginLossOptions>) { super('HingeEmbeddingLoss', args, 1.0); }
  forward(input: Tensor, target: Tensor): Tensor { return F.hingeEmbeddingLoss(input, target, { margin: this.margin, reduction: this.reduction }); }
}

export class CosineEmbeddingLoss extends MarginLoss {
  /** CosineEmbeddingLoss(margin = 0.0, sizeAverage, reduce, reduction = 'mean'). */
  constructor(...args: LossArgs<MarginLossOptions>) { super('CosineEmbeddingLoss', args, 0); }
  forward(input1: Tensor, input2: Tensor, target: Tensor): Tensor {
    return F.cosineEmbeddingLoss(input1, input2, target, { margin: this.margin, reduction: this.reduction });
  }
}

export class MultiLabelSoftMarginLoss extends WeightedLoss {
  /** MultiLabelSoftMarginLoss(weight, sizeAverage, reduce, reduction = 'mean'). */
  constructor(...args: LossArgs<WeightedLossOptions>) { super(layerArgs<WeightedLossOptions>('MultiLabelSoftMarginLoss', args, ['weight', ...LEGACY])); }
  forward(input: Tensor, target: Tensor): Tensor { return F.multilabelSoftMarginLoss(input, target, { weight: this.weight, reduction: this.reduction }); }
}

export interface MultiMarginLossOptions extends WeightedLossOptions { p?: 1 | 2; margin?: number }

export class MultiMarginLoss extends WeightedLoss {
  readonly p: 1 | 2;
  readonly margin: number;
  /** MultiMarginLoss(p = 1, margin = 1.0, weight, sizeAverage, reduce, reduction = 'mean'); p is 1 or 2. */
  constructor(...args: LossArgs<MultiMarginLossOptions>) {
    const o = layerArgs<MultiMarginLossOptions>('MultiMarginLoss', args, ['p', 'margin', 'weight', ...LEGACY]);
    super(o);
    this.p = o.p ?? 1;
    if (this.p !== 1 && this.p !== 2) throw new ValueError('only p == 1 and p == 2 supported');
    this.margin = o.margin ?? 1.0;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.multiMarginLoss(input, target, { p: this.p, margin: this.margin, weight: this.weight, reduction: this.reduction });
  }
}

export class MultiLabelMarginLoss extends Loss {
  /** MultiLabelMarginLoss(sizeAverage, reduce, reduction = 'mean'). */
  constructor(...args: LossArgs<LossOptions>) { super(layerArgs<LossOptions>('MultiLabelMarginLoss', args, [...LEGACY])); }
  forward(input: Tensor, target: Tensor): Tensor { return F.multilabelMarginLoss(input, target, { reduction: this.reduction }); }
}

export interface TripletMarginLossOptions extends LossOptions { margin?: number; p?: number; eps?: number; swap?: boolean }

export class TripletMarginLoss extends Loss {
  readonly margin: number;
  readonly p: number;
  readonly eps: number;
  readonly swap: boolean;
  /** TripletMarginLoss(margin = 1.0, p = 2.0, eps = 1e-6, swap = false, sizeAverage, reduce, reduction = 'mean'). */
  constructor(...args: LossArgs<TripletMarginLossOptions>) {
    const o = layerArgs<TripletMarginLossOptions>('TripletMarginLoss', args, ['margin', 'p', 'eps', 'swap', ...LEGACY]);
    super(o);
    this.margin = o.margin ?? 1.0;
    this.p = o.p ?? 2;
    this.eps = o.eps ?? 1e-6;
    this.swap = o.swap ?? false;
  }
  forward(anchor: Tensor, positive: Tensor, negative: Tensor): Tensor {
    return F.tripletMarginLoss(anchor, positive, negative, { margin: this.margin, p: this.p, eps: this.eps, swap: this.swap, reduction: this.reduction });
  }
}

export interface TripletMarginWithDistanceLossOptions {
  /** A function of two batches, or a module such as PairwiseDistance (the default); a module is a child, as in PyTorch. */
  distanceFunction?: ((a: Tensor, b: Tensor) => Tensor) | Module | null;
  margin?: number;
  swap?: boolean;
  reduction?: Reduction;
}

export class TripletMarginWithDistanceLoss extends Loss {
  readonly margin: number;
  readonly swap: boolean;
  private readonly distance: (a: Tensor, b: Tensor) => Tensor;
  /** TripletMarginWithDistanceLoss({ distanceFunction = PairwiseDistance(), margin = 1.0, swap = false, reduction = 'mean' }): keyword arguments only. */
  constructor(o: TripletMarginWithDistanceLossOptions = {}) {
    super(layerArgs<TripletMarginWithDistanceLossOptions>('TripletMarginWithDistanceLoss', [o], []));
    const fn = o.distanceFunction ?? new PairwiseDistance();
    if (fn instanceof Module) {
      this.registerModule('distance_function', fn);
      this.distance = (a, b) => fn.forward(a, b) as Tensor;
    } else this.distance = fn;
    this.margin = o.margin ?? 1.0;
    this.swap = o.swap ?? false;
  }
  forward(anchor: Tensor, positive: Tensor, negative: Tensor): Tensor {
    return F.tripletMarginWithDistanceLoss(anchor, positive, negative, { distanceFunction: this.distance, margin: this.margin, swap: this.swap, reduction: this.reduction });
  }
}
