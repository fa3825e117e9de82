/**
 * Activation layers, each a thin wrapper over its functional form, with PyTorch's arguments
 * (positional or as an options object) and reprs.
 */
import type { Tensor } from '@cresset/autograd';
import * as F from '../functional/activation';
import { Module } from '../module';
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
