/** LPPool1d and LPPool2d: power-average pooling over F.lp_pool1d/2d. */
import type { Tensor } from '@cresset/autograd';
import { lpPoolNd } from '../functional/lp_pool';
import { Module } from '../module';
import { IntOrTuple, layerArgs, pyValue } from '../utils';

export interface LPPoolArgs { normType: number; kernelSize: IntOrTuple; stride?: IntOrTuple | null; ceilMode?: boolean }
type LPPoolCtor = [number, IntOrTuple, ...(IntOrTuple | boolean | null | Omit<LPPoolArgs, 'normType' | 'kernelSize'> | undefined)[]] | [LPPoolArgs];

export class LPPoolNd extends Module {
  readonly normType: number;
  readonly kernelSize: IntOrTuple;
  readonly stride: IntOrTuple | null;
  readonly ceilMode: boolean;
  /** (normType, kernelSize, stride = null, ceilMode = false); stride null means kernelSize. */
  constructor(private readonly nd: number, args: readonly unknown[]) {
    super();
    const o = layerArgs<LPPoolArgs>(this.constructor.name, args, ['normType', 'kernelSize', 'stride', 'ceilMode'], ['normType', 'kernelSize']);
    this.normType = o.normType;
    this.kernelSize = o.kernelSize;
    this.stride = o.stride ?? null;
    this.ceilMode = o.ceilMode ?? false;
  }
  forward(x: Tensor): Tensor { return lpPoolNd(this.nd, x, this.normType, this.kernelSize, this.stride, this.ceilMode); }
  override extraRepr(): string {
    return `norm_type=${this.normType}, kernel_size=${pyValue(this.kernelSize)}, stride=${pyValue(this.stride)}, ceil_mode=${pyValue(this.ceilMode)}`;
  }
}

export class LPPool1d extends LPPoolNd {
  constructor(...args: LPPoolCtor) { super(1, args); }
}
export class LPPool2d extends LPPoolNd {
  constructor(...args: LPPoolCtor) { super(2, args); }
}
