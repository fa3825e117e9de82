/** HuberLoss, SmoothL1Loss, KLDivLoss, PoissonNLLLoss, GaussianNLLLoss and SoftMarginLoss, with PyTorch's positional arguments. */
import type { Reduction, Tensor } from '@cresset/autograd';
import * as F from '../functional/loss_regression';
import { layerArgs } from '../utils';
import { Loss, LossArgs, LossOptions } from './loss_base';

const LEGACY = ['sizeAverage', 'reduce', 'reduction'] as const;

export interface HuberLossOptions { reduction?: Reduction; delta?: number }

export class HuberLoss extends Loss {
  readonly delta: number;
  /** HuberLoss(reduction = 'mean', delta = 1.0). */
  constructor(...args: LossArgs<HuberLossOptions>) {
    const o = layerArgs<HuberLossOptions>('HuberLoss', args, ['reduction', 'delta']);
    super(o);
    this.delta = o.delta ?? 1.0;
  }
  forward(input: Tensor, target: Tensor): Tensor { return F.huberLoss(input, target, { reduction: this.reduction, delta: this.delta }); }
}

export interface SmoothL1LossOptions extends LossOptions { beta?: number }

export class SmoothL1Loss extends Loss {
  readonly beta: number;
  /** SmoothL1Loss(sizeAverage, reduce, reduction = 'mean', beta = 1.0). */
  constructor(...args: LossArgs<SmoothL1LossOptions>) {
    const o = layerArgs<SmoothL1LossOptions>('SmoothL1Loss', args, [...LEGACY, 'beta']);
    super(o);
    this.beta = o.beta ?? 1.0;
  }
  forward(input: Tensor, target: Tensor): Tensor { return F.smoothL1Loss(input, target, { reduction: this.reduction, beta: this.beta }); }
}

export interface KLDivLossOptions { sizeAverage?: boolean | null; reduce?: boolean | null; reduction?: Reduction | 'batchmean'; logTarget?: boolean }

export class KLDivLoss extends Loss {
  readonly logTarget: boolean;
  private readonly batchmean: boolean;
  /** KLDivLoss(sizeAverage, reduce, reduction = 'mean', logTarget = false); reduction may be 'batchmean'. */
  constructor(...args: LossArgs<KLDivLossOptions>) {
    const o = layerArgs<KLDivLossOptions>('KLDivLoss', args, [...LEGACY, 'logTarget']);
    const batchmean = o.reduction === 'batchmean';
    super({ ...o, reduction: batchmean ? 'mean' : (o.reduction as Reduction | undefined) });
    this.batchmean = batchmean && (o.sizeAverage ?? null) === null && (o.reduce ?? null) === null;
    this.logTarget = o.logTarget ?? false;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.klDiv(input, target, { reduction: this.batchmean ? 'batchmean' : this.reduction, logTarget: this.logTarget });
  }
}

export interface PoissonNLLLossOptions extends LossOptions { logInput?: boolean; full?: boolean; eps?: number }

export class PoissonNLLLoss extends Loss {
  readonly logInput: boolean;
  readonly full: boolean;
  readonly eps: number;
  /** PoissonNLLLoss(logInput = true, full = false, sizeAverage, eps = 1e-8, reduce, reduction = 'mean'). */
  constructor(...args: LossArgs<PoissonNLLLossOptions>) {
    const o = layerArgs<PoissonNLLLossOptions>('PoissonNLLLoss', args, ['logInput', 'full', 'sizeAverage', 'eps', 'reduce', 'reduction']);
    super(o);
    this.logInput = o.logInput ?? true;
    this.full = o.full ?? false;
    this.eps = o.eps ?? 1e-8;
  }
  forward(logInput: Tensor, target: Tensor): Tensor {
    return F.poissonNllLoss(logInput, target, { logInput: this.logInput, full: this.full, eps: this.eps, reduction: this.reduction });
  }
}

export interface GaussianNLLLossOptions { full?: boolean; eps?: number; reduction?: Reduction }

export class GaussianNLLLoss extends Loss {
  readonly full: boolean;
  readonly eps: number;
  /** GaussianNLLLoss({ full = false, eps = 1e-6, reduction = 'mean' }): keyword arguments only, as in PyTorch. */
  constructor(o: GaussianNLLLossOptions = {}) {
    super(layerArgs<GaussianNLLLossOptions>('GaussianNLLLoss', [o], []));
    this.full = o.full ?? false;
    this.eps = o.eps ?? 1e-6;
  }
  forward(input: Tensor, target: Tensor, variance: Tensor): Tensor {
    return F.gaussianNllLoss(input, target, variance, { full: this.full, eps: this.eps, reduction: this.reduction });
  }
}

export class SoftMarginLoss extends Loss {
  /** SoftMarginLoss(sizeAverage, reduce, reduction = 'mean'). */
  constructor(...args: LossArgs<LossOptions>) { super(layerArgs<LossOptions>('SoftMarginLoss', args, [...LEGACY])); }
  forward(input: Tensor, target: Tensor): Tensor { return F.softMarginLoss(input, target, { reduction: this.reduction }); }
}
