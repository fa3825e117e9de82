/**
 * Activation layers, each a thin wrapper over its functional form, with PyTorch's arguments
 * (positional or as an options object) and reprs.
 */
import { full, Tensor } from '@cresset/autograd';
import { ShapeError, ValueError } from '@cresset/tensor';
import * as F from '../functional/activation';
import { Module } from '../module';
import { Parameter } from '../parameter';
import { layerArgs, pyFloat } from '../utils';

const inplaceRepr = (inplace: boolean) => (inplace ? ', inplace=True' : '');

export class ReLU extends Module {
  readonly inplace: boolean;
  /** ReLU(inplace = false) or ReLU({ inplace }). */
  constructor(...args: [boolean?] | [{ inplace?: boolean }]) {
    super();
    this.inplace = layerArgs<{ inplace?: boolean }>('ReLU', args, ['inplace']).inplace ?? false;
  }
  forward(x: Tensor): Tensor { return F.relu(x, this.inplace); }
  override extraRepr(): string { return this.inplace ? 'inplace=True' : ''; }
}

export interface LeakyReLUOptions { negativeSlope?: number; inplace?: boolean }

export class LeakyReLU extends Module {
  readonly negativeSlope: number;
  readonly inplace: boolean;
  /** LeakyReLU(negativeSlope = 0.01, inplace = false), or the same by name. */
  constructor(...args: [number?, boolean?] | [number, LeakyReLUOptions] | [LeakyReLUOptions]) {
    super();
    const a = layerArgs<LeakyReLUOptions>('LeakyReLU', args, ['negativeSlope', 'inplace']);
    this.negativeSlope = a.negativeSlope ?? 0.01;
    this.inplace = a.inplace ?? false;
  }
  forward(x: Tensor): Tensor { return F.leakyRelu(x, this.negativeSlope, this.inplace); }
  override extraRepr(): string { return `negative_slope=${pyFloat(this.negativeSlope)}${inplaceRepr(this.inplace)}`; }
}

export interface ELUOptions { alpha?: number; inplace?: boolean }

export class ELU extends Module {
  readonly alpha: number;
  readonly inplace: boolean;
  /** ELU(alpha = 1.0, inplace = false), or the same by name. */
  constructor(...args: [number?, boolean?] | [number, ELUOptions] | [ELUOptions]) {
    super();
    const a = layerArgs<ELUOptions>('ELU', args, ['alpha', 'inplace']);
    this.alpha = a.alpha ?? 1.0;
    this.inplace = a.inplace ?? false;
  }
  forward(x: Tensor): Tensor { return F.elu(x, this.alpha, this.inplace); }
  override extraRepr(): string { return `alpha=${pyFloat(this.alpha)}${inplaceRepr(this.inplace)}`; }
}

export type GELUApproximate = 'none' | 'tanh';

export class GELU extends Module {
  readonly approximate: GELUApproximate;
  /** GELU(approximate = 'none') or GELU({ approximate }). */
  constructor(...args: [GELUApproximate?] | [{ approximate?: GELUApproximate }]) {
    super();
    this.approximate = layerArgs<{ approximate?: GELUApproximate }>('GELU', args, ['approximate']).approximate ?? 'none';
  }
  forward(x: Tensor): Tensor { return F.gelu(x, this.approximate); }
  override extraRepr(): string { return `approximate='${this.approximate}'`; }
}

export class Sigmoid extends Module {
  forward(x: Tensor): Tensor { return x.sigmoid(); }
}

export class Tanh extends Module {
  forward(x: Tensor): Tensor { return x.tanh(); }
}

/** Softmax and LogSoftmax over `dim` (PyTorch's implicit dim when null). */
abstract class SoftmaxBase extends Module {
  readonly dim: number | null;
  constructor(op: string, args: [(number | null)?] | [{ dim?: number | null }]) {
    super();
    this.dim = layerArgs<{ dim?: number | null }>(op, args, ['dim']).dim ?? null;
  }
  override extraRepr(): string { return `dim=${this.dim ?? 'None'}`; }
}

export class Softmax extends SoftmaxBase {
  /** Softmax(dim = null) or Softmax({ dim }). */
  constructor(...args: [(number | null)?] | [{ dim?: number | null }]) { super('Softmax', args); }
  forward(x: Tensor): Tensor { return F.softmax(x, this.dim); }
}

export class LogSoftmax extends SoftmaxBase {
  /** LogSoftmax(dim = null) or LogSoftmax({ dim }). */
  constructor(...args: [(number | null)?] | [{ dim?: number | null }]) { super('LogSoftmax', args); }
  forward(x: Tensor): Tensor { return F.logSoftmax(x, this.dim); }
}

export interface InplaceOptions { inplace?: boolean }

/** An activation whose only argument is `inplace` (SELU, SiLU, Mish, ReLU6, Hardswish, Hardsigmoid). */
abstract class InplaceActivation extends Module {
  readonly inplace: boolean;
  constructor(op: string, args: [boolean?] | [InplaceOptions], private readonly showInplace = true) {
    super();
    this.inplace = layerArgs<InplaceOptions>(op, args, ['inplace']).inplace ?? false;
  }
  override extraRepr(): string { return this.showInplace && this.inplace ? 'inplace=True' : ''; }
}

export class SELU extends InplaceActivation {
  /** SELU(inplace = false). */
  constructor(...args: [boolean?] | [InplaceOptions]) { super('SELU', args); }
  forward(x: Tensor): Tensor { return F.selu(x, this.inplace); }
}

export class SiLU extends InplaceActivation {
  /** SiLU(inplace = false). */
  constructor(...args: [boolean?] | [InplaceOptions]) { super('SiLU', args); }
  forward(x: Tensor): Tensor { return F.silu(x, this.inplace); }
}

export class Mish extends InplaceActivation {
  /** Mish(inplace = false). */
  constructor(...args: [boolean?] | [InplaceOptions]) { super('Mish', args); }
  forward(x: Tensor): Tensor { return F.mish(x, this.inplace); }
}

/** Hardswish and Hardsigmoid do not print inplace, as in PyTorch. */
export class Hardswish extends InplaceActivation {
  /** Hardswish(inplace = false). */
  constructor(...args: [boolean?] | [InplaceOptions]) { super('Hardswish', args, false); }
  forward(x: Tensor): Tensor { return F.hardswish(x, this.inplace); }
}

export class Hardsigmoid extends InplaceActivation {
  /** Hardsigmoid(inplace = false). */
  constructor(...args: [boolean?] | [InplaceOptions]) { super('Hardsigmoid', args, false); }
  forward(x: Tensor): Tensor { return F.hardsigmoid(x, this.inplace); }
}

export class CELU extends Module {
  readonly alpha: number;
  readonly inplace: boolean;
  /** CELU(alpha = 1.0, inplace = false), or the same by name. */
  constructor(...args: [number?, boolean?] | [number, ELUOptions] | [ELUOptions]) {
    super();
    const a = layerArgs<ELUOptions>('CELU', args, ['alpha', 'inplace']);
    this.alpha = a.alpha ?? 1.0;
    this.inplace = a.inplace ?? false;
  }
  forward(x: Tensor): Tensor { return F.celu(x, this.alpha, this.inplace); }
  override extraRepr(): string { return `alpha=${pyFloat(this.alpha)}${inplaceRepr(this.inplace)}`; }
}

export interface HardtanhOptions { minVal?: number; maxVal?: number; inplace?: boolean }

export class Hardtanh extends Module {
  readonly minVal: number;
  readonly maxVal: number;
  readonly inplace: boolean;
  /** Hardtanh(minVal = -1.0, maxVal = 1.0, inplace = false), or the same by name; maxVal must exceed minVal. */
  constructor(...args: [number?, number?, boolean?] | [number, number, HardtanhOptions] | [HardtanhOptions]) {
    super();
    const a = layerArgs<HardtanhOptions>('Hardtanh', args, ['minVal', 'maxVal', 'inplace']);
    this.minVal = a.minVal ?? -1.0;
    this.maxVal = a.maxVal ?? 1.0;
    this.inplace = a.inplace ?? false;
    if (!(this.maxVal > this.minVal)) throw new ValueError('Hardtanh: max_val must be greater than min_val');
  }
  forward(x: Tensor): Tensor { return F.hardtanh(x, this.minVal, this.maxVal, this.inplace); }
  override extraRepr(): string { return `min_val=${pyFloat(this.minVal)}, max_val=${pyFloat(this.maxVal)}${inplaceRepr(this.inplace)}`; }
}

export class ReLU6 extends InplaceActivation {
  /** ReLU6(inplace = false): hardtanh over [0, 6]. */
  constructor(...args: [boolean?] | [InplaceOptions]) { super('ReLU6', args); }
  forward(x: Tensor): Tensor { return F.relu6(x, this.inplace); }
}

/** Hardshrink and Softshrink: one threshold `lambd`, printed bare as PyTorch does. */
abstract class Shrink extends Module {
  readonly lambd: number;
  constructor(op: string, args: [number?] | [{ lambd?: number }]) {
    super();
    this.lambd = layerArgs<{ lambd?: number }>(op, args, ['lambd']).lambd ?? 0.5;
  }
  override extraRepr(): string { return String(this.lambd); }
}

export class Hardshrink extends Shrink {
  /** Hardshrink(lambd = 0.5). */
  constructor(...args: [number?] | [{ lambd?: number }]) { super('Hardshrink', args); }
  forward(x: Tensor): Tensor { return F.hardshrink(x, this.lambd); }
}

export class Softshrink extends Shrink {
  /** Softshrink(lambd = 0.5). */
  constructor(...args: [number?] | [{ lambd?: number }]) { super('Softshrink', args); }
  forward(x: Tensor): Tensor { return F.softshrink(x, this.lambd); }
}

export class LogSigmoid extends Module {
  forward(x: Tensor): Tensor { return F.logsigmoid(x); }
}

export class Softsign extends Module {
  forward(x: Tensor): Tensor { return F.softsign(x); }
}

export class Tanhshrink extends Module {
  forward(x: Tensor): Tensor { return F.tanhshrink(x); }
}

export interface SoftplusOptions { beta?: number; threshold?: number }

export class Softplus extends Module {
  readonly beta: number;
  readonly threshold: number;
  /** Softplus(beta = 1, threshold = 20): log(1 + exp(beta x)) / beta, linear past the threshold. */
  constructor(...args: [number?, number?] | [number, SoftplusOptions] | [SoftplusOptions]) {
    super();
    const a = layerArgs<SoftplusOptions>('Softplus', args, ['beta', 'threshold']);
    this.beta = a.beta ?? 1;
    this.threshold = a.threshold ?? 20;
  }
  forward(x: Tensor): Tensor { return F.softplus(x, this.beta, this.threshold); }
  override extraRepr(): string { return `beta=${this.beta}, threshold=${this.threshold}`; }
}

export interface ThresholdArgs { threshold: number; value: number; inplace?: boolean }

export class Threshold extends Module {
  readonly threshold: number;
  readonly value: number;
  readonly inplace: boolean;
  /** Threshold(threshold, value, inplace = false): x where x > threshold, else value. */
  constructor(...args: [number, number, boolean?] | [number, number, { inplace?: boolean }] | [ThresholdArgs]) {
    super();
    const a = layerArgs<ThresholdArgs>('Threshold', args, ['threshold', 'value', 'inplace'], ['threshold', 'value']);
    this.threshold = a.threshold;
    this.value = a.value;
    this.inplace = a.inplace ?? false;
  }
  forward(x: Tensor): Tensor { return F.threshold(x, this.threshold, this.value, this.inplace); }
  override extraRepr(): string { return `threshold=${this.threshold}, value=${this.value}${inplaceRepr(this.inplace)}`; }
}

export class GLU extends Module {
  readonly dim: number;
  /** GLU(dim = -1). */
  constructor(...args: [number?] | [{ dim?: number }]) {
    super();
    this.dim = layerArgs<{ dim?: number }>('GLU', args, ['dim']).dim ?? -1;
  }
  forward(x: Tensor): Tensor { return F.glu(x, this.dim); }
  override extraRepr(): string { return `dim=${this.dim}`; }
}

export class Softmin extends SoftmaxBase {
  /** Softmin(dim = null): softmax of -x. */
  constructor(...args: [(number | null)?] | [{ dim?: number | null }]) { super('Softmin', args); }
  forward(x: Tensor): Tensor { return F.softmin(x, this.dim); }
}

export class Softmax2d extends Module {
  /** Softmax over the channels of [N, C, H, W] or [C, H, W] input. */
  forward(x: Tensor): Tensor {
    if (x.ndim !== 3 && x.ndim !== 4) throw new ShapeError(`Softmax2d: expected input of 3 or 4 dimensions, got ${x.ndim}`);
    return F.softmax(x, -3);
  }
}

export interface PReLUOptions { numParameters?: number; init?: number; dtype?: 'float32' | 'float64' }

export class PReLU extends Module {
  readonly numParameters: number;
  weight: Parameter;
  /** PReLU(numParameters = 1, init = 0.25): a learned slope for x < 0, one or one per channel. */
  constructor(...args: [number?, number?] | [number, PReLUOptions] | [PReLUOptions]) {
    super();
    const a = layerArgs<PReLUOptions>('PReLU', args, ['numParameters', 'init']);
    this.numParameters = a.numParameters ?? 1;
    this.weight = new Parameter(full([this.numParameters], a.init ?? 0.25, { dtype: a.dtype ?? 'float32' }));
  }
  forward(x: Tensor): Tensor { return F.prelu(x, this.weight); }
  override extraRepr(): string { return `num_parameters=${this.numParameters}`; }
}

export interface RReLUOptions { lower?: number; upper?: number; inplace?: boolean }

export class RReLU extends Module {
  readonly lower: number;
  readonly upper: number;
  readonly inplace: boolean;
  /** RReLU(lower = 1/8, upper = 1/3, inplace = false): random slopes in training, their mean in eval. */
  constructor(...args: [number?, number?, boolean?] | [number, number, RReLUOptions] | [RReLUOptions]) {
    super();
    const a = layerArgs<RReLUOptions>('RReLU', args, ['lower', 'upper', 'inplace']);
    this.lower = a.lower ?? 1.0 / 8;
    this.upper = a.upper ?? 1.0 / 3;
    this.inplace = a.inplace ?? false;
  }
  forward(x: Tensor): Tensor { return F.rrelu(x, this.lower, this.upper, this.training, this.inplace); }
  override extraRepr(): string { return `lower=${this.lower}, upper=${this.upper}${inplaceRepr(this.inplace)}`; }
}
