/**
 * Lazy modules (torch.nn.LazyLinear, LazyConv1d/2d/3d, LazyConvTranspose1d/2d/3d,
 * LazyBatchNorm1d/2d/3d, LazyInstanceNorm1d/2d/3d): the input size (in_features, in_channels, num_features) is left open
 * and taken from the first input. That first forward materializes the uninitialized parameters
 * and buffers, initialises them as the full module's resetParameters does (drawing from the
 * generator then, not at construction), and turns the module into that full module (its class
 * becomes Linear, Conv2d, BatchNorm2d, ...), as PyTorch's LazyModuleMixin does; a module with
 * nothing to materialize (a norm without affine parameters or running stats) turns all the same.
 */
import type { Tensor } from '@cresset/autograd';
import { noGrad } from '@cresset/autograd';
import { ShapeError } from '@cresset/tensor';
import { Module } from '../module';
import { UninitializedBuffer, UninitializedParameter } from '../uninitialized';
import { layerArgs } from '../utils';
import { BatchNorm1d, BatchNorm2d, BatchNorm3d, BatchNormNd, BatchNormOptions } from './batchnorm';
import { Conv1d, Conv2d, Conv3d, ConvArgs, ConvNd, ConvOptions, ConvTranspose1d, ConvTranspose2d, ConvTranspose3d, ConvTransposeArgs, ConvTransposeNd, ConvTransposeOptions } from './conv';
import { InstanceNorm1d, InstanceNorm2d, InstanceNorm3d, InstanceNormNd, InstanceNormOptions } from './instancenorm';
import { Linear } from './linear';
import type { IntOrTuple } from '../utils';

/** The settable view of a module's fields that the lazy initialisation fills in. */
type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** Whether any parameter or buffer of m still waits for its shape (LazyModuleMixin.has_uninitialized_params). */
export function hasUninitializedParams(m: Module): boolean {
  return [...m.parameters(false), ...m.buffers(false)].some((t) => (t instanceof UninitializedParameter || t instanceof UninitializedBuffer) && t.isUninitialized());
}

/** Turns the initialised lazy module into its full class (PyTorch's cls_to_become). */
function become(m: Module, full: { prototype: object }): void {
  Object.setPrototypeOf(m, full.prototype);
}

/** new LazyLinear(outFeatures, bias = true): Linear with in_features from the input's last dim. */
export class LazyLinear extends Linear {
  constructor(...args: [number, (boolean | { bias?: boolean; dtype?: 'float32' | 'float64' })?] | [{ outFeatures: number; bias?: boolean; dtype?: 'float32' | 'float64' }]) {
    const a = layerArgs<{ outFeatures: number; bias?: boolean; dtype?: 'float32' | 'float64' }>('LazyLinear', args.length === 2 && typeof args[1] === 'boolean' ? [args[0], { bias: args[1] }] : args, ['outFeatures', 'bias'], ['outFeatures']);
    super(0, 0, { bias: false, dtype: a.dtype });
    const self = this as Writable<LazyLinear>;
    self.outFeatures = a.outFeatures;
    self.weight = new UninitializedParameter(true, a.dtype);
    self.bias = a.bias ?? true ? new UninitializedParameter(true, a.dtype) : null;
  }

  override forward(x: Tensor): Tensor {
    return lazyForward(this, x, () => noGrad(() => {
      (this as Writable<LazyLinear>).inFeatures = x.shape[x.ndim - 1];
      (this.weight as UninitializedParameter).materialize([this.outFeatures, this.inFeatures]);
      (this.bias as UninitializedParameter | null)?.materialize([this.outFeatures]);
      this.resetParameters();
    }), Linear);
  }
}

/** The lazy convolutions' arguments: PyTorch's, without in_channels. */
export interface LazyConvArgs extends ConvOptions {
  outChannels: number;
  kernelSize: IntOrTuple;
}
export interface LazyConvTransposeArgs extends ConvTransposeOptions {
  outChannels: number;
  kernelSize: IntOrTuple;
}
type LazyCtor<A> = [A] | [number, Omit<A, 'outChannels'>] | [number, IntOrTuple, Omit<A, 'outChannels' | 'kernelSize'>?];

const LAZY_CONV_ORDER = ['outChannels', 'kernelSize', 'stride', 'padding', 'dilation', 'groups', 'bias', 'paddingMode'] as const;
const LAZY_CONV_T_ORDER = ['outChannels', 'kernelSize', 'stride', 'padding', 'outputPadding', 'groups', 'bias', 'dilation'] as const;

/** The in_channels of a lazy convolution's input (unbatched: dim 0, batched: dim 1), as PyTorch's _get_in_channels. */
function inChannelsOf(m: Module, x: Tensor, nd: number): number {
  if (x.ndim !== nd + 1 && x.ndim !== nd + 2) {
    throw new ShapeError(`Expected ${nd + 1}D (unbatched) or ${nd + 2}D (batched) input to ${m.constructor.name}, but got input of size: torch.Size([${x.shape.join(', ')}])`);
  }
  return x.ndim === nd + 2 ? x.shape[1] : x.shape[0];
}

/** Materializes a lazy convolution's weight (and bias) for the input's channels and initialises them. */
function initializeConv(m: ConvNd | ConvTransposeNd, x: Tensor, nd: number, transposed: boolean): void {
  noGrad(() => {
    const self = m as Writable<ConvNd>;
    self.inChannels = inChannelsOf(m, x, nd);
    const wShape = transposed
      ? [m.inChannels, m.outChannels / m.groups, ...m.kernelSize]
      : [m.outChannels, m.inChannels / m.groups, ...m.kernelSize];
    (m.weight as UninitializedParameter).materialize(wShape);
    (m.bias as UninitializedParameter | null)?.materialize([m.outChannels]);
    m.resetParameters();
  });
}

/** Swaps a freshly built (0, 0)-channel convolution's weight and bias for uninitialized ones. */
function lazyConvParams(m: ConvNd | ConvTransposeNd, outChannels: number, bias: boolean | undefined, dtype: 'float32' | 'float64' | undefined): void {
  const self = m as Writable<ConvNd>;
  self.outChannels = outChannels;
  self.weight = new UninitializedParameter(true, dtype);
  self.bias = bias ?? true ? new UninitializedParameter(true, dtype) : null;
}


/** Runs a lazy module's forward: the first call initialises it (`init`) and turns it into `full`, whose forward then runs. */
function lazyForward(m: Module, x: Tensor, init: () => void, full: { prototype: { forward(x: Tensor): Tensor } }): Tensor {
  if (Object.getPrototypeOf(m) !== full.prototype) {
    if (hasUninitializedParams(m)) init();
    become(m, full);
  }
  return full.prototype.forward.call(m, x);
}

/** Names a class built by a factory, for its repr and errors. */
function named<C>(cls: C, name: string): C {
  Object.defineProperty(cls, 'name', { value: name });
  return cls;
}

export type LazyConvClass = new (...args: LazyCtor<LazyConvArgs>) => ConvNd;
export type LazyConvTransposeClass = new (...args: LazyCtor<LazyConvTransposeArgs>) => ConvTransposeNd;

/** The lazy form of an nd-dimensional convolution class. */
function lazyConv(name: string, Full: new (a: ConvArgs) => ConvNd, nd: number): LazyConvClass {
  return named(class extends Full {
    constructor(...args: LazyCtor<LazyConvArgs>) {
      const a = layerArgs<LazyConvArgs>(name, args, LAZY_CONV_ORDER, ['outChannels', 'kernelSize']);
      super({ ...a, inChannels: 0, outChannels: 0, bias: false });
      lazyConvParams(this, a.outChannels, a.bias, a.dtype);
    }
    override forward(x: Tensor): Tensor { return lazyForward(this, x, () => initializeConv(this, x, nd, false), Full); }
  }, name);
}

/** The lazy form of an nd-dimensional transposed convolution class. */
function lazyConvTranspose(name: string, Full: new (a: ConvTransposeArgs) => ConvTransposeNd, nd: number): LazyConvTransposeClass {
  return named(class extends Full {
    constructor(...args: LazyCtor<LazyConvTransposeArgs>) {
      const a = layerArgs<LazyConvTransposeArgs>(name, args, LAZY_CONV_T_ORDER, ['outChannels', 'kernelSize']);
      super({ ...a, inChannels: 0, outChannels: 0, bias: false });
      lazyConvParams(this, a.outChannels, a.bias, a.dtype);
    }
    override forward(x: Tensor): Tensor { return lazyForward(this, x, () => initializeConv(this, x, nd, true), Full); }
  }, name);
}

/** new LazyConv1d(outChannels, kernelSize, stride, padding, dilation, groups, bias, paddingMode): Conv1d with in_channels from the input. */
export const LazyConv1d = lazyConv('LazyConv1d', Conv1d, 1);
export type LazyConv1d = ConvNd;
/** Conv2d with in_channels from the first input. */
export const LazyConv2d = lazyConv('LazyConv2d', Conv2d, 2);
export type LazyConv2d = ConvNd;
/** Conv3d with in_channels from the first input. */
export const LazyConv3d = lazyConv('LazyConv3d', Conv3d, 3);
export type LazyConv3d = ConvNd;
/** new LazyConvTranspose1d(outChannels, kernelSize, stride, padding, outputPadding, groups, bias, dilation). */
export const LazyConvTranspose1d = lazyConvTranspose('LazyConvTranspose1d', ConvTranspose1d, 1);
export type LazyConvTranspose1d = ConvTransposeNd;
export const LazyConvTranspose2d = lazyConvTranspose('LazyConvTranspose2d', ConvTranspose2d, 2);
export type LazyConvTranspose2d = ConvTransposeNd;
export const LazyConvTranspose3d = lazyConvTranspose('LazyConvTranspose3d', ConvTranspose3d, 3);
export type LazyConvTranspose3d = ConvTransposeNd;

type LazyBatchNormCtor = [BatchNormOptions?];

/** A batch or instance norm: the state the lazy forms fill in. */
type Norm = BatchNormNd | InstanceNormNd;

/** Swaps a freshly built 0-feature norm's parameters and running statistics for uninitialized ones. */
function lazyNormState(m: Norm): void {
  const self = m as Writable<Norm>;
  if (m.affine) {
    self.weight = new UninitializedParameter();
    self.bias = new UninitializedParameter();
  }
  if (m.trackRunningStats) {
    m.registerBuffer('running_mean', new UninitializedBuffer());
    m.registerBuffer('running_var', new UninitializedBuffer());
  }
}

/** Materializes a lazy norm's state for the input's dim 1 (as PyTorch, batched or not): weight 1, bias 0, running mean 0 and variance 1. */
function initializeNorm(m: Norm, x: Tensor): void {
  noGrad(() => {
    const n = x.shape[1];
    (m as Writable<Norm>).numFeatures = n;
    const fill = (t: Tensor | null, v: number) => {
      if (!t) return;
      (t as UninitializedParameter | UninitializedBuffer).materialize([n]);
      t.fill_(v);
    };
    fill(m.weight, 1);
    fill(m.bias, 0);
    fill(m.buffer('running_mean'), 0);
    fill(m.buffer('running_var'), 1);
    m.buffer('num_batches_tracked')?.zero_();
  });
}

export type LazyBatchNormClass = new (...args: LazyBatchNormCtor) => BatchNormNd;

/** The lazy form of a batch norm class. */
function lazyBatchNorm(name: string, Full: new (numFeatures: number, opts?: BatchNormOptions) => BatchNormNd): LazyBatchNormClass {
  return named(class extends Full {
    constructor(...args: LazyBatchNormCtor) {
      super(0, args[0]);
      lazyNormState(this);
    }
    override forward(x: Tensor): Tensor { return lazyForward(this, x, () => initializeNorm(this, x), Full); }
  }, name);
}

/** new LazyBatchNorm1d({ eps, momentum, affine, trackRunningStats }): BatchNorm1d with num_features from the input's dim 1. */
export const LazyBatchNorm1d = lazyBatchNorm('LazyBatchNorm1d', BatchNorm1d);
export type LazyBatchNorm1d = BatchNormNd;
export const LazyBatchNorm2d = lazyBatchNorm('LazyBatchNorm2d', BatchNorm2d);
export type LazyBatchNorm2d = BatchNormNd;
export const LazyBatchNorm3d = lazyBatchNorm('LazyBatchNorm3d', BatchNorm3d);
export type LazyBatchNorm3d = BatchNormNd;

export type LazyInstanceNormClass = new (...args: [InstanceNormOptions?]) => InstanceNormNd;

/** The lazy form of an instance norm class; affine and trackRunningStats default to true, as PyTorch's lazy forms. */
function lazyInstanceNorm(name: string, Full: new (numFeatures: number, opts?: InstanceNormOptions) => InstanceNormNd): LazyInstanceNormClass {
  return named(class extends Full {
    constructor(...args: [InstanceNormOptions?]) {
      const o = args[0] ?? {};
      super(0, { ...o, affine: o.affine ?? true, trackRunningStats: o.trackRunningStats ?? true });
      lazyNormState(this);
    }
    override forward(x: Tensor): Tensor { return lazyForward(this, x, () => initializeNorm(this, x), Full); }
  }, name);
}

/** new LazyInstanceNorm1d({ eps, momentum, affine = true, trackRunningStats = true }): InstanceNorm1d with num_features from the input's dim 1. */
export const LazyInstanceNorm1d = lazyInstanceNorm('LazyInstanceNorm1d', InstanceNorm1d);
export type LazyInstanceNorm1d = InstanceNormNd;
export const LazyInstanceNorm2d = lazyInstanceNorm('LazyInstanceNorm2d', InstanceNorm2d);
export type LazyInstanceNorm2d = InstanceNormNd;
export const LazyInstanceNorm3d = lazyInstanceNorm('LazyInstanceNorm3d', InstanceNorm3d);
export type LazyInstanceNorm3d = InstanceNormNd;
