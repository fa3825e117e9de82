/**
 * Pooling layers: MaxPool1d/2d/3d, AvgPool1d/2d/3d, AdaptiveAvgPool1d/2d/3d,
 * AdaptiveMaxPool1d/2d/3d, MaxUnpool1d/2d/3d. One generic class per kind, thin rank subclasses;
 * arguments positional in PyTorch's order or by name; reprs as PyTorch's. Max pooling layers are
 * generic in returnIndices, so forward() is typed Tensor, or [values, indices] when it is true.
 */
import type { Tensor } from '@cresset/autograd';
import { adaptiveAvgPoolNd, adaptiveMaxPoolNd, avgPoolNd, maxPoolNd, maxUnpoolNd } from '../functional/pooling';
import type { AvgPoolOptions, MaxPoolOptions } from '../functional/pooling';
import { Module } from '../module';
import { IntOrTuple, layerArgs, ntuple, pyValue } from '../utils';

export type { AvgPoolOptions, MaxPoolOptions };

/** What a max pooling layer returns: values, or [values, indices] with returnIndices. */
export type MaxPoolResult<R extends boolean> = R extends true ? [Tensor, Tensor] : Tensor;

export interface MaxPoolArgs<R extends boolean = boolean> extends MaxPoolOptions<R> {
  kernelSize: IntOrTuple;
}

/** (kernelSize, opts?), (kernelSize, stride, opts?) or ({ kernelSize, ... }). */
type PoolCtor<O> = [IntOrTuple, O?] | [IntOrTuple, IntOrTuple | null, O?] | [O & { kernelSize: IntOrTuple }];

export class MaxPoolNd<R extends boolean = false> extends Module {
  readonly kernelSize: IntOrTuple;
  readonly stride: IntOrTuple;
  readonly padding: IntOrTuple;
  readonly dilation: IntOrTuple;
  readonly returnIndices: R;
  readonly ceilMode: boolean;
  constructor(private readonly nd: number, args: readonly unknown[]) {
    super();
    const a = layerArgs<MaxPoolArgs<R>>(`MaxPool${nd}d`, args, ['kernelSize', 'stride', 'padding', 'dilation', 'returnIndices', 'ceilMode'], ['kernelSize']);
    this.kernelSize = a.kernelSize;
    this.stride = a.stride ?? a.kernelSize;
    this.padding = a.padding ?? 0;
    this.dilation = a.dilation ?? 1;
    this.returnIndices = (a.returnIndices ?? false) as R;
    this.ceilMode = a.ceilMode ?? false;
  }
  forward(x: Tensor): MaxPoolResult<R> {
    return maxPoolNd(this.nd, x, this.kernelSize, this) as MaxPoolResult<R>;
  }
  override extraRepr(): string {
    return `kernel_size=${pyValue(this.kernelSize)}, stride=${pyValue(this.stride)}, padding=${pyValue(this.padding)}, dilation=${pyValue(this.dilation)}, ceil_mode=${pyValue(this.ceilMode)}`;
  }
}

export class MaxPool1d<R extends boolean = false> extends MaxPoolNd<R> {
  constructor(...args: PoolCtor<MaxPoolOptions<R>>) { super(1, args); }
}
export class MaxPool2d<R extends boolean = false> extends MaxPoolNd<R> {
  constructor(...args: PoolCtor<MaxPoolOptions<R>>) { super(2, args); }
}
export class MaxPool3d<R extends boolean = false> extends MaxPoolNd<R> {
  constructor(...args: PoolCtor<MaxPoolOptions<R>>) { super(3, args); }
}

export interface AvgPoolArgs extends AvgPoolOptions {
  kernelSize: IntOrTuple;
}

export class AvgPoolNd extends Module {
  readonly kernelSize: IntOrTuple;
  readonly stride: IntOrTuple;
  readonly padding: IntOrTuple;
  readonly ceilMode: boolean;
  readonly countIncludePad: boolean;
  readonly divisorOverride: number | null;
  constructor(private readonly nd: number, args: readonly unknown[]) {
    super();
    const op = `AvgPool${nd}d`;
    const a = layerArgs<AvgPoolArgs>(op, args, ['kernelSize', 'stride', 'padding', 'ceilMode', 'countIncludePad', 'divisorOverride'], ['kernelSize']);
    // AvgPool1d keeps its sizes as 1-tuples, the other ranks as given (as PyTorch)
    const keep = (v: IntOrTuple, name: string) => (nd === 1 ? ntuple(v, 1, name, op) : v);
    this.kernelSize = keep(a.kernelSize, 'kernel_size');
    this.stride = keep(a.stride ?? a.kernelSize, 'stride');
    this.padding = keep(a.padding ?? 0, 'padding');
    this.ceilMode = a.ceilMode ?? false;
    this.countIncludePad = a.countIncludePad ?? true;
    this.divisorOverride = a.divisorOverride ?? null;
  }
  forward(x: Tensor): Tensor {
    return avgPoolNd(this.nd, x, this.kernelSize, this);
  }
  override extraRepr(): string {
    return `kernel_size=${pyValue(this.kernelSize)}, stride=${pyValue(this.stride)}, padding=${pyValue(this.padding)}`;
  }
}

export class AvgPool1d extends AvgPoolNd {
  constructor(...args: PoolCtor<AvgPoolOptions>) { super(1, args); }
}
export class AvgPool2d extends AvgPoolNd {
  constructor(...args: PoolCtor<AvgPoolOptions>) { super(2, args); }
}
export class AvgPool3d extends AvgPoolNd {
  constructor(...args: PoolCtor<AvgPoolOptions>) { super(3, args); }
}

/** An adaptive pool's output size: an int, or one entry per dim (null keeps the input's size). */
export type OutputSize = number | (number | null)[];

export class AdaptiveAvgPoolNd extends Module {
  readonly outputSize: OutputSize;
  constructor(private readonly nd: number, args: readonly unknown[]) {
    super();
    this.outputSize = layerArgs<{ outputSize: OutputSize }>(`AdaptiveAvgPool${nd}d`, args, ['outputSize'], ['outputSize']).outputSize;
  }
  forward(x: Tensor): Tensor {
    return adaptiveAvgPoolNd(this.nd, x, this.outputSize);
  }
  override extraRepr(): string {
    return `output_size=${pyValue(this.outputSize)}`;
  }
}

type AdaptiveCtor<O> = [OutputSize, O?] | [O & { outputSize: OutputSize }];

export class AdaptiveAvgPool1d extends AdaptiveAvgPoolNd {
  constructor(...args: AdaptiveCtor<object>) { super(1, args); }
}
export class AdaptiveAvgPool2d extends AdaptiveAvgPoolNd {
  constructor(...args: AdaptiveCtor<object>) { super(2, args); }
}
export class AdaptiveAvgPool3d extends AdaptiveAvgPoolNd {
  constructor(...args: AdaptiveCtor<object>) { super(3, args); }
}

export class AdaptiveMaxPoolNd<R extends boolean = false> extends Module {
  readonly outputSize: OutputSize;
  readonly returnIndices: R;
  constructor(private readonly nd: number, args: readonly unknown[]) {
    super();
    const a = layerArgs<{ outputSize: OutputSize; returnIndices?: R }>(`AdaptiveMaxPool${nd}d`, args, ['outputSize', 'returnIndices'], ['outputSize']);
    this.outputSize = a.outputSize;
    this.returnIndices = (a.returnIndices ?? false) as R;
  }
  forward(x: Tensor): MaxPoolResult<R> {
    return adaptiveMaxPoolNd(this.nd, x, this.outputSize, this.returnIndices) as MaxPoolResult<R>;
  }
  override extraRepr(): string {
    return `output_size=${pyValue(this.outputSize)}`;
  }
}

type AdaptiveMaxCtor<R extends boolean> = [OutputSize, R?] | AdaptiveCtor<{ returnIndices?: R }>;

export class AdaptiveMaxPool1d<R extends boolean = false> extends AdaptiveMaxPoolNd<R> {
  constructor(...args: AdaptiveMaxCtor<R>) { super(1, args); }
}
export class AdaptiveMaxPool2d<R extends boolean = false> extends AdaptiveMaxPoolNd<R> {
  constructor(...args: AdaptiveMaxCtor<R>) { super(2, args); }
}
export class AdaptiveMaxPool3d<R extends boolean = false> extends AdaptiveMaxPoolNd<R> {
  constructor(...args: AdaptiveMaxCtor<R>) { super(3, args); }
}

export interface MaxUnpoolOptions {
  stride?: IntOrTuple | null;
  padding?: IntOrTuple;
}

/** The inverse of max pooling: values put back at their indices, zeros elsewhere (PyTorch's MaxUnpoolNd). */
export class MaxUnpoolNd extends Module {
  readonly kernelSize: number[];
  readonly stride: number[];
  readonly padding: number[];
  constructor(private readonly nd: number, args: readonly unknown[]) {
    super();
    const op = `MaxUnpool${nd}d`;
    const a = layerArgs<MaxUnpoolOptions & { kernelSize: IntOrTuple }>(op, args, ['kernelSize', 'stride', 'padding'], ['kernelSize']);
    this.kernelSize = ntuple(a.kernelSize, nd, 'kernel_size', op);
    this.stride = ntuple(a.stride ?? a.kernelSize, nd, 'stride', op);
    this.padding = ntuple(a.padding ?? 0, nd, 'padding', op);
  }
  /** outputSize: the pooled input's size (its last nd entries are used), as PyTorch's output_size. */
  forward(x: Tensor, indices: Tensor, outputSize: readonly number[] | null = null): Tensor {
    return maxUnpoolNd(this.nd, x, indices, this.kernelSize, { stride: this.stride, padding: this.padding, outputSize });
  }
  override extraRepr(): string {
    return `kernel_size=${pyValue(this.kernelSize)}, stride=${pyValue(this.stride)}, padding=${pyValue(this.padding)}`;
  }
}

export class MaxUnpool1d extends MaxUnpoolNd {
  constructor(...args: PoolCtor<MaxUnpoolOptions>) { super(1, args); }
}
export class MaxUnpool2d extends MaxUnpoolNd {
  constructor(...args: PoolCtor<MaxUnpoolOptions>) { super(2, args); }
}
export class MaxUnpool3d extends MaxUnpoolNd {
  constructor(...args: PoolCtor<MaxUnpoolOptions>) { super(3, args); }
}
