/**
 * Pooling layers: MaxPool1d/2d/3d, AvgPool1d/2d/3d, AdaptiveAvgPool1d/2d/3d,
 * AdaptiveMaxPool1d/2d, MaxUnpool2d. One generic class per kind, thin rank subclasses; reprs as PyTorch's.
 */
import type { Tensor } from '@cresset/autograd';
import { adaptiveAvgPoolNd, adaptiveMaxPoolNd, avgPoolNd, maxPoolNd, maxUnpoolNd } from '../functional/pooling';
import { Module } from '../module';
import { IntOrTuple, ntuple, pyValue } from '../utils';

export interface MaxPoolOptions {
  stride?: IntOrTuple | null;
  padding?: IntOrTuple;
  dilation?: IntOrTuple;
  returnIndices?: boolean;
  ceilMode?: boolean;
}
export interface MaxPoolArgs extends MaxPoolOptions {
  kernelSize: IntOrTuple;
}

/** (kernelSize, opts), (kernelSize, stride, opts) or ({ kernelSize, ... }). */
function parsePool<A extends { kernelSize: IntOrTuple; stride?: IntOrTuple | null }>(args: unknown[]): A {
  if (typeof args[0] === 'object' && !Array.isArray(args[0])) return args[0] as A;
  const [kernelSize, second, third] = args as [IntOrTuple, unknown, unknown];
  if (typeof second === 'number' || Array.isArray(second) || second === null) return { ...((third as object) ?? {}), kernelSize, stride: second } as A;
  return { ...((second as object) ?? {}), kernelSize } as A;
}

export class MaxPoolNd extends Module {
  readonly kernelSize: IntOrTuple;
  readonly stride: IntOrTuple;
  readonly padding: IntOrTuple;
  readonly dilation: IntOrTuple;
  readonly returnIndices: boolean;
  readonly ceilMode: boolean;
  constructor(private readonly nd: number, a: MaxPoolArgs) {
    super();
    this.kernelSize = a.kernelSize;
    this.stride = a.stride ?? a.kernelSize;
    this.padding = a.padding ?? 0;
    this.dilation = a.dilation ?? 1;
    this.returnIndices = a.returnIndices ?? false;
    this.ceilMode = a.ceilMode ?? false;
  }
  forward(x: Tensor): Tensor | [Tensor, Tensor] {
    return maxPoolNd(this.nd, x, this.kernelSize, this);
  }
  override extraRepr(): string {
    return `kernel_size=${pyValue(this.kernelSize)}, stride=${pyValue(this.stride)}, padding=${pyValue(this.padding)}, dilation=${pyValue(this.dilation)}, ceil_mode=${pyValue(this.ceilMode)}`;
  }
}

type PoolCtor<O> = [IntOrTuple, O?] | [IntOrTuple, IntOrTuple | null, O?] | [O & { kernelSize: IntOrTuple }];

export class MaxPool1d extends MaxPoolNd {
  constructor(...args: PoolCtor<MaxPoolOptions>) { super(1, parsePool<MaxPoolArgs>(args)); }
}
export class MaxPool2d extends MaxPoolNd {
  constructor(...args: PoolCtor<MaxPoolOptions>) { super(2, parsePool<MaxPoolArgs>(args)); }
}
export class MaxPool3d extends MaxPoolNd {
  constructor(...args: PoolCtor<MaxPoolOptions>) { super(3, parsePool<MaxPoolArgs>(args)); }
}

export interface AvgPoolOptions {
  stride?: IntOrTuple | null;
  padding?: IntOrTuple;
  ceilMode?: boolean;
  countIncludePad?: boolean;
  divisorOverride?: number | null;
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
  constructor(private readonly nd: number, a: AvgPoolArgs) {
    super();
    // AvgPool1d keeps its sizes as 1-tuples, the other ranks as given (as PyTorch)
    const keep = (v: IntOrTuple, name: string) => (nd === 1 ? ntuple(v, 1, name, 'AvgPool1d') : v);
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
  constructor(...args: PoolCtor<AvgPoolOptions>) { super(1, parsePool<AvgPoolArgs>(args)); }
}
export class AvgPool2d extends AvgPoolNd {
  constructor(...args: PoolCtor<AvgPoolOptions>) { super(2, parsePool<AvgPoolArgs>(args)); }
}
export class AvgPool3d extends AvgPoolNd {
  constructor(...args: PoolCtor<AvgPoolOptions>) { super(3, parsePool<AvgPoolArgs>(args)); }
}

export type OutputSize = number | (number | null)[];

export class AdaptiveAvgPoolNd extends Module {
  constructor(private readonly nd: number, readonly outputSize: OutputSize) { super(); }
  forward(x: Tensor): Tensor {
    return adaptiveAvgPoolNd(this.nd, x, this.outputSize);
  }
  override extraRepr(): string {
    return `output_size=${pyValue(this.outputSize)}`;
  }
}
export class AdaptiveAvgPool1d extends AdaptiveAvgPoolNd {
  constructor(outputSize: OutputSize) { super(1, outputSize); }
}
export class AdaptiveAvgPool2d extends AdaptiveAvgPoolNd {
  constructor(outputSize: OutputSize) { super(2, outputSize); }
}
export class AdaptiveAvgPool3d extends AdaptiveAvgPoolNd {
  constructor(outputSize: OutputSize) { super(3, outputSize); }
}

export class AdaptiveMaxPoolNd extends Module {
  constructor(private readonly nd: number, readonly outputSize: OutputSize, readonly returnIndices = false) { super(); }
  forward(x: Tensor): Tensor | [Tensor, Tensor] {
    return adaptiveMaxPoolNd(this.nd, x, this.outputSize, this.returnIndices);
  }
  override extraRepr(): string {
    return `output_size=${pyValue(this.outputSize)}`;
  }
}
export class AdaptiveMaxPool1d extends AdaptiveMaxPoolNd {
  constructor(outputSize: OutputSize, returnIndices = false) { super(1, outputSize, returnIndices); }
}
export class AdaptiveMaxPool2d extends AdaptiveMaxPoolNd {
  constructor(outputSize: OutputSize, returnIndices = false) { super(2, outputSize, returnIndices); }
}

export class MaxUnpool2d extends Module {
  readonly kernelSize: IntOrTuple;
  readonly stride: IntOrTuple;
  readonly padding: IntOrTuple;
  constructor(kernelSize: IntOrTuple, opts: { stride?: IntOrTuple | null; padding?: IntOrTuple } = {}) {
    super();
    this.kernelSize = ntuple(kernelSize, 2, 'kernel_size', 'MaxUnpool2d');
    this.stride = ntuple(opts.stride ?? kernelSize, 2, 'stride', 'MaxUnpool2d');
    this.padding = ntuple(opts.padding ?? 0, 2, 'padding', 'MaxUnpool2d');
  }
  forward(x: Tensor, indices: Tensor, outputSize: number[] | null = null): Tensor {
    return maxUnpoolNd(2, x, indices, this.kernelSize, { stride: this.stride, padding: this.padding, outputSize });
  }
  override extraRepr(): string {
    return `kernel_size=${pyValue(this.kernelSize)}, stride=${pyValue(this.stride)}, padding=${pyValue(this.padding)}`;
  }
}
