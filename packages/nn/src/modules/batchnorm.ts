/**
 * BatchNorm1d/2d/3d: one generic class (PyTorch's _BatchNorm) with affine weight and bias,
 * running_mean / running_var / num_batches_tracked buffers under PyTorch's state-dict names.
 */
import { noGrad, ones, tensor, Tensor, zeros } from '@cresset/autograd';
import { ShapeError } from '@cresset/tensor';
import { batchNorm } from '../functional/normalization';
import { Module } from '../module';
import { Parameter } from '../parameter';
import { layerArgs, pyFloat, pyValue } from '../utils';

export interface BatchNormOptions {
  eps?: number;
  /** null: cumulative moving average, as PyTorch's momentum=None. */
  momentum?: number | null;
  affine?: boolean;
  trackRunningStats?: boolean;
}

/** (numFeatures, opts?), all positional in PyTorch's order, or ({ numFeatures, ... }). */
type BatchNormCtor = [number, BatchNormOptions?] | [BatchNormOptions & { numFeatures: number }];

export class BatchNormNd extends Module {
  readonly numFeatures: number;
  readonly eps: number;
  readonly momentum: number | null;
  readonly affine: boolean;
  readonly trackRunningStats: boolean;
  weight: Parameter | null;
  bias: Parameter | null;

  constructor(private readonly inputDims: number[], args: readonly unknown[]) {
    super();
    const o = layerArgs<BatchNormOptions & { numFeatures: number }>(this.constructor.name, args,
      ['numFeatures', 'eps', 'momentum', 'affine', 'trackRunningStats'], ['numFeatures']);
    const numFeatures = o.numFeatures;
    this.numFeatures = numFeatures;
    this.eps = o.eps ?? 1e-5;
    this.momentum = o.momentum === undefined ? 0.1 : o.momentum;
    this.affine = o.affine ?? true;
    this.trackRunningStats = o.trackRunningStats ?? true;
    this.weight = this.affine ? new Parameter(ones(numFeatures)) : null;
    this.bias = this.affine ? new Parameter(zeros(numFeatures)) : null;
    if (this.trackRunningStats) {
      this.registerBuffer('running_mean', zeros(numFeatures));
      this.registerBuffer('running_var', ones(numFeatures));
      this.registerBuffer('num_batches_tracked', tensor(0, { dtype: 'int64' }));
    }
  }

  get runningMean(): Tensor | null { return this.buffer('running_mean'); }
  get runningVar(): Tensor | null { return this.buffer('running_var'); }
  get numBatchesTracked(): Tensor | null { return this.buffer('num_batches_tracked'); }

  forward(x: Tensor): Tensor {
    if (!this.inputDims.includes(x.ndim)) {
      throw new ShapeError(`${this.constructor.name}: expected ${this.inputDims.join('D or ')}D input (got ${x.ndim}D input of shape [${x.shape.join(', ')}])`);
    }
    if (x.shape[1] !== this.numFeatures) {
      throw new ShapeError(`${this.constructor.name}: running_mean should contain ${x.shape[1]} elements not ${this.numFeatures}`);
    }
    let momentum = this.momentum ?? 0;
    if (this.training && this.trackRunningStats && this.numBatchesTracked) {
      noGrad(() => this.numBatchesTracked!.add_(1));
      if (this.momentum === null) momentum = 1 / (this.numBatchesTracked.item() as number);
    }
    const useBatchStats = this.training || !this.trackRunningStats;
    return batchNorm(x, useBatchStats && !this.training ? null : this.runningMean, useBatchStats && !this.training ? null : this.runningVar,
      this.weight, this.bias, { training: useBatchStats, momentum, eps: this.eps });
  }

  override extraRepr(): string {
    return `${this.numFeatures}, eps=${pyFloat(this.eps)}, momentum=${this.momentum === null ? 'None' : pyFloat(this.momentum)}, affine=${pyValue(this.affine)}, track_running_stats=${pyValue(this.trackRunningStats)}`;
  }
}

export class BatchNorm1d extends BatchNormNd {
  constructor(...args: BatchNormCtor) { super([2, 3], args); }
}
export class BatchNorm2d extends BatchNormNd {
  constructor(...args: BatchNormCtor) { super([4], args); }
}
export class BatchNorm3d extends BatchNormNd {
  constructor(...args: BatchNormCtor) { super([5], args); }
}
