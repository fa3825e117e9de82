/** Activation layers, each a thin wrapper over its functional form, with PyTorch's reprs. */
import type { Tensor } from '@cresset/autograd';
import * as F from '../functional/activation';
import { Module } from '../module';
import { pyFloat } from '../utils';

export class ReLU extends Module {
  constructor(readonly inplace = false) { super(); }
  forward(x: Tensor): Tensor { return F.relu(x, this.inplace); }
  override extraRepr(): string { return this.inplace ? 'inplace=True' : ''; }
}

export class LeakyReLU extends Module {
  constructor(readonly negativeSlope = 0.01) { super(); }
  forward(x: Tensor): Tensor { return F.leakyRelu(x, this.negativeSlope); }
  override extraRepr(): string { return `negative_slope=${pyFloat(this.negativeSlope)}`; }
}

export class ELU extends Module {
  constructor(readonly alpha = 1.0) { super(); }
  forward(x: Tensor): Tensor { return F.elu(x, this.alpha); }
  override extraRepr(): string { return `alpha=${pyFloat(this.alpha)}`; }
}

export class GELU extends Module {
  constructor(readonly approximate: 'none' | 'tanh' = 'none') { super(); }
  forward(x: Tensor): Tensor { return F.gelu(x, this.approximate); }
  override extraRepr(): string { return `approximate='${this.approximate}'`; }
}

export class Sigmoid extends Module {
  forward(x: Tensor): Tensor { return x.sigmoid(); }
}

export class Tanh extends Module {
  forward(x: Tensor): Tensor { return x.tanh(); }
}

export class Softmax extends Module {
  constructor(readonly dim: number | null = null) { super(); }
  forward(x: Tensor): Tensor { return F.softmax(x, this.dim); }
  override extraRepr(): string { return `dim=${this.dim ?? 'None'}`; }
}

export class LogSoftmax extends Module {
  constructor(readonly dim: number | null = null) { super(); }
  forward(x: Tensor): Tensor { return F.logSoftmax(x, this.dim); }
  override extraRepr(): string { return `dim=${this.dim ?? 'None'}`; }
}
