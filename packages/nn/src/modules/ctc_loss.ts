/** nn.CTCLoss(blank = 0, reduction = 'mean', zeroInfinity = false) over F.ctcLoss. */
import type { Reduction, Tensor } from '@cresset/autograd';
import { ctcLoss } from '../functional/ctc_loss';
import { checkReduction } from '../functional/reduction';
import { Module } from '../module';
import { layerArgs } from '../utils';

export interface CTCLossOptions {
  blank?: number;
  reduction?: Reduction;
  zeroInfinity?: boolean;
}

export class CTCLoss extends Module {
  readonly blank: number;
  readonly reduction: Reduction;
  readonly zeroInfinity: boolean;
  /** CTCLoss(blank = 0, reduction = 'mean', zeroInfinity = false), positional or by name. */
  constructor(...args: (number | string | boolean | CTCLossOptions | undefined)[]) {
    super();
    const o = layerArgs<CTCLossOptions>('CTCLoss', args, ['blank', 'reduction', 'zeroInfinity']);
    this.blank = o.blank ?? 0;
    this.reduction = checkReduction(o.reduction ?? 'mean', 'CTCLoss');
    this.zeroInfinity = o.zeroInfinity ?? false;
  }
  /** forward(logProbs [T, N, C], targets, inputLengths [N], targetLengths [N]). */
  forward(logProbs: Tensor, targets: Tensor, inputLengths: Tensor | readonly number[], targetLengths: Tensor | readonly number[]): Tensor {
    return ctcLoss(logProbs, targets, inputLengths, targetLengths, { blank: this.blank, reduction: this.reduction, zeroInfinity: this.zeroInfinity });
  }
}
