/**
 * InstanceNorm1d/2d/3d: one generic class (PyTorch's _InstanceNorm): affine weight and bias
 * (off by default), optional running stats under PyTorch's buffer names, unbatched input
 * (one dim fewer) taken as a batch of one.
 */
import { ones, tensor, Tensor, zeros } from '@cresset/autograd';
import { ShapeError, ValueError } from '@cresset/tensor';
import { instanceNorm } from '../functional/norm_layers';
import { Module } from '../module';
import { Parameter } from '../parameter';
import { layerArgs, pyFloat, pyValue } from '../utils';

export interface InstanceNormOptions {
  eps?: number;
  momentum?: number;
  affine?: boolean;
  trackRunningStats?: boolean;
  dtype?: 'float32' | 'float64';
}

/** (numFeatures, eps?, momentum?, affine?, trackRunningStats?) positionally and/or by name. */
type InstanceNormCtor = [number, ...(number | boolean | InstanceNormOptions | undefined)[]] | [InstanceNormOptions & { numFeatures: number }];

export class InstanceNormNd extends Module {
  readonly numFeatures: number;
  readonly eps: number;
  readonly momentum: number;
  readonly affine: boolean;
  readonly trackRunningStats: boolean;
  weight: Parameter | null;
  bias: Parameter | null;

  /** `nd`: the spatial dims of a batched input. */
  constructor(private readonly nd: number, args: readonly unknown[]) {
    super();
    const o = layerArgs<InstanceNormOptions & { numFeatures: number }>(this.constructor.name, args,
      ['numFeatures', 'eps', 'momentum', 'affine', 'trackRunningStats'], ['numFeatures']);
    const n = o.numFeatures;
    const dtype = o.dtype ?? 'float32';
    this.numFeatures = n;
    this.eps = o.eps ?? 1e-5;
    this.momentum = o.momentum ?? 0.1;
    this.affine = o.affine ?? false;
    this.trackRunningStats = o.trackRunningStats ?? false;
    this.weight = this.affine ? new Parameter(ones([n], { dtype })) : null;
    this.bias = this.affine ? new Parameter(zeros([n], { dtype })) : null;
    if (this.trackRunningStats) {
      this.registerBuffer('running_mean', zeros([n], { dtype }));
      this.registerBuffer('running_var', ones([n], { dtype }));
      this.registerBuffer('num_batches_tracked', tensor(0, { dtype: 'int64' }));
    }
  }

  forward(x: Tensor): Tensor {
    if (x.ndim !== this.nd + 1 && x.ndim !== this.nd + 2) throw new ShapeError(`expected ${this.nd + 1}D or ${this.nd + 2}D input (got ${x.ndim}D input)`);
    const unbatched = x.ndim === this.nd + 1;
    const featureDim = unbatched ? 0 : 1;
    if (x.shape[featureDim] !== this.numFeatures && this.affine) {
      throw new ValueError(`expected input's size at dim=${featureDim} to match num_features (${this.numFeatures}), but got: ${x.shape[featureDim]}.`);
    }
    const y = instanceNorm(unbatched ? x.unsqueeze(0) : x, {
      runningMean: this.buffer('running_mean'), runningVar: this.buffer('running_var'), weight: this.weight, bias: this.bias,
      useInputStats: this.training || !this.trackRunningStats, momentum: this.momentum, eps: this.eps,
    });
    return unbatched ? y.squeeze(0) : y;
  }

  override extraRepr(): string {
    return `${this.numFeatures}, eps=${pyFloat(this.eps)}, momentum=${pyFloat(this.momentum)}, affine=${pyValue(this.affine)}, track_running_stats=${pyValue(this.trackRunningStats)}`;
  }
}

export class InstanceNorm1d extends InstanceNormNd {
  constructor(...args: InstanceNormCtor) { super(1, args); }
}
export class InstanceNorm2d extends InstanceNormNd {
  constructor(...args: InstanceNormCtor) { super(2, args); }
}
export class InstanceNorm3d extends InstanceNormNd {
  constructor(...args: InstanceNormCtor) { super(3, args); }
}
