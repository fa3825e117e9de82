/**
 * nn.RNNCell, nn.LSTMCell and nn.GRUCell: one time step, with PyTorch's parameters weight_ih
 * [G*H, I], weight_hh [G*H, H], bias_ih, bias_hh [G*H] (G = 1, 4, 3), all drawn from
 * U(-1/sqrt(H), 1/sqrt(H)) in that order. Inputs are [B, I] or unbatched [I]; a missing state is zeros.
 */
import { empty, Tensor, zeros } from '@cresset/autograd';
import { ValueError } from '@cresset/tensor';
import { gruCell, lstmCell, rnnCell, RnnNonlinearity } from '../functional/rnn_cell';
import { uniform_ } from '../init';
import { Module } from '../module';
import { Parameter } from '../parameter';
import { layerArgs } from '../utils';

export interface RNNCellBaseOptions {
  inputSize: number;
  hiddenSize: number;
  bias?: boolean;
  dtype?: 'float32' | 'float64';
}
export interface RNNCellOptions extends RNNCellBaseOptions {
  nonlinearity?: RnnNonlinearity;
}

type CellCtor<O> = [O] | [number, number, (boolean | Omit<O, 'inputSize' | 'hiddenSize'>)?, ...unknown[]];

/** The cells' parameters, init and repr. */
export abstract class RNNCellBase extends Module {
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly bias: boolean;
  weight_ih: Parameter;
  weight_hh: Parameter;
  bias_ih: Parameter | null;
  bias_hh: Parameter | null;

  protected constructor(a: RNNCellBaseOptions, gates: number) {
    super();
    this.inputSize = a.inputSize;
    this.hiddenSize = a.hiddenSize;
    this.bias = a.bias ?? true;
    const dtype = a.dtype ?? 'float32';
    const G = gates * a.hiddenSize;
    this.weight_ih = new Parameter(empty([G, a.inputSize], { dtype }));
    this.weight_hh = new Parameter(empty([G, a.hiddenSize], { dtype }));
    this.bias_ih = this.bias ? new Parameter(empty([G], { dtype })) : null;
    this.bias_hh = this.bias ? new Parameter(empty([G], { dtype })) : null;
    this.resetParameters();
  }

  /** Every parameter ~ U(-1/sqrt(hiddenSize), 1/sqrt(hiddenSize)) in registration order, as PyTorch. */
  resetParameters(): void {
    const stdv = 1 / Math.sqrt(this.hiddenSize);
    for (const p of this.parameters()) uniform_(p, -stdv, stdv);
  }

  /** Zeros of the state's shape for this input ([B, H] or [H]). */
  protected zeroState(input: Tensor): Tensor {
    return zeros(input.ndim === 2 ? [input.shape[0], this.hiddenSize] : [this.hiddenSize], { dtype: input.dtype });
  }

  override extraRepr(): string {
    return `${this.inputSize}, ${this.hiddenSize}${this.bias ? '' : ', bias=False'}`;
  }
}

/** h' = act(x W_ih^T + b_ih + h W_hh^T + b_hh), act tanh (default) or relu. */
export class RNNCell extends RNNCellBase {
  readonly nonlinearity: RnnNonlinearity;
  /** new RNNCell(inputSize, hiddenSize, bias?, nonlinearity?) or with an options object. */
  constructor(...args: CellCtor<RNNCellOptions>) {
    const a = layerArgs<RNNCellOptions>('RNNCell', args, ['inputSize', 'hiddenSize', 'bias', 'nonlinearity'], ['inputSize', 'hiddenSize']);
    const nl = a.nonlinearity ?? 'tanh';
    if (nl !== 'tanh' && nl !== 'relu') throw new ValueError(`RNNCell: Unknown nonlinearity: ${String(nl)}`);
    super(a, 1);
    this.nonlinearity = nl;
  }

  /** input [B, I] or [I], hx [B, H] or [H] (zeros when omitted) -> h'. */
  forward(input: Tensor, hx: Tensor | null = null): Tensor {
    return rnnCell(input, hx ?? this.zeroState(input), this.weight_ih, this.weight_hh, this.bias_ih, this.bias_hh, this.nonlinearity);
  }

  override extraRepr(): string {
    return super.extraRepr() + (this.nonlinearity === 'tanh' ? '' : `, nonlinearity=${this.nonlinearity}`);
  }
}

/** One LSTM step: gates i, f, g, o; returns [h', c']. */
export class LSTMCell extends RNNCellBase {
  /** new LSTMCell(inputSize, hiddenSize, bias?) or with an options object. */
  constructor(...args: CellCtor<RNNCellBaseOptions>) {
    super(layerArgs<RNNCellBaseOptions>('LSTMCell', args, ['inputSize', 'hiddenSize', 'bias'], ['inputSize', 'hiddenSize']), 4);
  }

  /** input [B, I] or [I], [hx, cx] each [B, H] or [H] (zeros when omitted) -> [h', c']. */
  forward(input: Tensor, hx: readonly [Tensor, Tensor] | null = null): [Tensor, Tensor] {
    const state = hx ?? [this.zeroState(input), this.zeroState(input)];
    return lstmCell(input, state, this.weight_ih, this.weight_hh, this.bias_ih, this.bias_hh);
  }
}

/** One GRU step: gates r, z, n; returns h'. */
export class GRUCell extends RNNCellBase {
  /** new GRUCell(inputSize, hiddenSize, bias?) or with an options object. */
  constructor(...args: CellCtor<RNNCellBaseOptions>) {
    super(layerArgs<RNNCellBaseOptions>('GRUCell', args, ['inputSize', 'hiddenSize', 'bias'], ['inputSize', 'hiddenSize']), 3);
  }

  /** input [B, I] or [I], hx [B, H] or [H] (zeros when omitted) -> h'. */
  forward(input: Tensor, hx: Tensor | null = null): Tensor {
    return gruCell(input, hx ?? this.zeroState(input), this.weight_ih, this.weight_hh, this.bias_ih, this.bias_hh);
  }
}
