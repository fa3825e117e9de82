/**
 * nn.RNN, nn.LSTM and nn.GRU: multi-layer recurrent layers with PyTorch's parameters
 * (weight_ih_l{k}[_reverse] [G*H, I], weight_hh_l{k} [G*H, H'], bias_ih_l{k}, bias_hh_l{k},
 * weight_hr_l{k} [P, H] with projSize; G = 1, 4, 3 gates), all drawn from U(-1/sqrt(H), 1/sqrt(H))
 * in that order, as reset_parameters does. Inputs are padded [T, B, I] ([B, T, I] with batchFirst),
 * unbatched [T, I], or a PackedSequence.
 */
import { empty, Tensor, zeros } from '@cresset/autograd';
import { ShapeError, ValueError } from '@cresset/tensor';
import { recurrent, RecurrentLayerParams, RnnMode } from '../functional/rnn';
import { uniform_ } from '../init';
import { Module } from '../module';
import { PackedSequence, selectIndices } from '../packed_sequence';
import { Parameter } from '../parameter';
import { layerArgs, pyFloat } from '../utils';

export interface RNNBaseOptions {
  inputSize: number;
  hiddenSize: number;
  numLayers?: number;
  bias?: boolean;
  batchFirst?: boolean;
  dropout?: number;
  bidirectional?: boolean;
  dtype?: 'float32' | 'float64';
}
export interface RNNOptions extends RNNBaseOptions {
  nonlinearity?: 'tanh' | 'relu';
}
export interface LSTMOptions extends RNNBaseOptions {
  projSize?: number;
}

const GATES: Record<RnnMode, number> = { RNN_TANH: 1, RNN_RELU: 1, LSTM: 4, GRU: 3 };

/** What the layers share: parameters, checks, hidden-state defaults and the packed / unbatched handling. */
export abstract class RNNBase extends Module {
  readonly mode: RnnMode;
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly numLayers: number;
  readonly bias: boolean;
  readonly batchFirst: boolean;
  readonly dropout: number;
  readonly bidirectional: boolean;
  readonly projSize: number;

  protected constructor(mode: RnnMode, a: RNNBaseOptions & { projSize?: number }) {
    super();
    const name = mode.startsWith('RNN') ? 'RNN' : mode;
    this.mode = mode;
    this.inputSize = a.inputSize;
    this.hiddenSize = a.hiddenSize;
    this.numLayers = a.numLayers ?? 1;
    this.bias = a.bias ?? true;
    this.batchFirst = a.batchFirst ?? false;
    this.dropout = a.dropout ?? 0;
    this.bidirectional = a.bidirectional ?? false;
    this.projSize = a.projSize ?? 0;
    if (!(this.dropout >= 0 && this.dropout <= 1)) throw new ValueError(`${name}: dropout should be a number in range [0, 1] representing the probability of an element being zeroed, got ${this.dropout}`);
    if (!Number.isInteger(this.hiddenSize) || this.hiddenSize <= 0) throw new ValueError(`${name}: hidden_size must be a positive integer, got ${this.hiddenSize}`);
    if (!Number.isInteger(this.numLayers) || this.numLayers <= 0) throw new ValueError(`${name}: num_layers must be a positive integer, got ${this.numLayers}`);
    if (this.projSize < 0) throw new ValueError(`${name}: proj_size should be a positive integer or zero to disable projections`);
    if (this.projSize >= this.hiddenSize) throw new ValueError(`${name}: proj_size has to be smaller than hidden_size`);
    const dtype = a.dtype ?? 'float32';
    const G = GATES[mode] * this.hiddenSize;
    const realHidden = this.projSize || this.hiddenSize;
    const self = this as unknown as Record<string, Parameter>;
    for (let l = 0; l < this.numLayers; l++) {
      for (let d = 0; d < this.numDirections; d++) {
        const sfx = `_l${l}${d === 1 ? '_reverse' : ''}`;
        const inSize = l === 0 ? this.inputSize : realHidden * this.numDirections;
        self[`weight_ih${sfx}`] = new Parameter(empty([G, inSize], { dtype }));
        self[`weight_hh${sfx}`] = new Parameter(empty([G, realHidden], { dtype }));
        if (this.bias) {
          self[`bias_ih${sfx}`] = new Parameter(empty([G], { dtype }));
          self[`bias_hh${sfx}`] = new Parameter(empty([G], { dtype }));
        }
        if (this.projSize) self[`weight_hr${sfx}`] = new Parameter(empty([this.projSize, this.hiddenSize], { dtype }));
      }
    }
    this.resetParameters();
  }

  get numDirections(): number {
    return this.bidirectional ? 2 : 1;
  }

  /** Every parameter ~ U(-1/sqrt(hiddenSize), 1/sqrt(hiddenSize)) in registration order, as PyTorch. */
  resetParameters(): void {
    const stdv = 1 / Math.sqrt(this.hiddenSize);
    for (const p of this.parameters()) uniform_(p, -stdv, stdv);
  }

  /** The parameters of each layer and direction, in PyTorch's order (layer-major). */
  layerParams(): RecurrentLayerParams[] {
    return this.allWeights.map((w) => {
      const [wIh, wHh] = w;
      const bIh = this.bias ? w[2] : null;
      const bHh = this.bias ? w[3] : null;
      return { wIh, wHh, bIh, bHh, wHr: this.projSize ? w[w.length - 1] : null };
    });
  }

  /** PyTorch's all_weights: each layer and direction's parameters in registration order. */
  get allWeights(): Parameter[][] {
    const self = this as unknown as Record<string, Parameter | undefined>;
    const names = ['weight_ih', 'weight_hh', 'bias_ih', 'bias_hh', 'weight_hr'];
    const out: Parameter[][] = [];
    for (let l = 0; l < this.numLayers; l++) {
      for (let d = 0; d < this.numDirections; d++) {
        const sfx = `_l${l}${d === 1 ? '_reverse' : ''}`;
        out.push(names.map((n) => self[n + sfx]).filter((p): p is Parameter => p instanceof Parameter));
      }
    }
    return out;
  }

  /**
   * flatten_parameters: PyTorch compacts the weights into one cuDNN buffer on a GPU and returns at
   * once on the CPU; cresset runs on the CPU, so the weights stay as they are.
   */
  flattenParameters(): void {}

  /** The class name PyTorch's messages use. */
  protected get opName(): string {
    return this.constructor.name;
  }

  /** Shapes of the states: h [L*D, B, H'] (and c [L*D, B, H] for the LSTM). */
  protected stateShapes(batch: number): number[][] {
    const h = [this.numLayers * this.numDirections, batch, this.projSize || this.hiddenSize];
    return this.mode === 'LSTM' ? [h, [h[0], batch, this.hiddenSize]] : [h];
  }

  /**
   * Runs the layers on a padded, unbatched or packed input with optional initial states (batched
   * [L*D, B, *], or [L*D, *] for unbatched input); returns the output (packed when the input was) and the final states.
   */
  protected run(input: Tensor | PackedSequence, hx: Tensor[] | null): [Tensor | PackedSequence, Tensor[]] {
    const op = this.opName;
    if (input instanceof PackedSequence) {
      const batchSizes = input.batchSizeList();
      this.checkInputSize(input.data, 2);
      const sorted = input.sortedIndices ? (input.sortedIndices.toArray() as number[]) : null;
      const states = hx ? hx.map((h) => (sorted ? selectIndices(h, 1, sorted) : h)) : this.zeroStates(batchSizes[0], input.data.dtype);
      this.checkStates(states, batchSizes[0]);
      const [out, finals] = recurrent(this.mode, input.data, states, this.layerParams(), { ...this.options(), batchSizes });
      const unsorted = input.unsortedIndices ? (input.unsortedIndices.toArray() as number[]) : null;
      return [input.withData(out), unsorted ? finals.map((f) => selectIndices(f, 1, unsorted)) : finals];
    }
    if (input.ndim !== 2 && input.ndim !== 3) throw new ShapeError(`${op}: Expected input to be 2D or 3D, got ${input.ndim}D tensor instead`);
    const batched = input.ndim === 3;
    if (hx && hx.some((h) => h.ndim !== input.ndim)) {
      const names = hx.length > 1 ? 'hx and cx' : 'hx';
      const got = hx.map((h) => `${h.ndim}-D`).join(', ');
      throw new ShapeError(`${op}: For ${batched ? 'batched 3-D' : 'unbatched 2-D'} input, ${names} should also be ${input.ndim}-D but got ${hx.length > 1 ? `(${got}) tensors` : `${got} tensor`}`);
    }
    const x = batched ? input : input.unsqueeze(this.batchFirst ? 0 : 1);
    this.checkInputSize(x, 3);
    const states = hx ? (batched ? hx : hx.map((h) => h.unsqueeze(1))) : this.zeroStates(x.shape[this.batchFirst ? 0 : 1], x.dtype);
    this.checkStates(states, x.shape[this.batchFirst ? 0 : 1]);
    const [y, finals] = recurrent(this.mode, x, states, this.layerParams(), { ...this.options(), batchFirst: this.batchFirst });
    return batched ? [y, finals] : [y.squeeze(this.batchFirst ? 0 : 1), finals.map((f) => f.squeeze(1))];
  }

  private options() {
    return { bidirectional: this.bidirectional, dropout: this.dropout, training: this.training };
  }

  private zeroStates(batch: number, dtype: Tensor['dtype']): Tensor[] {
    return this.stateShapes(batch).map((s) => zeros(s, { dtype }));
  }

  private checkInputSize(x: Tensor, dims: number): void {
    if (x.ndim !== dims) throw new ShapeError(`${this.opName}: input must have ${dims} dimensions, got ${x.ndim}`);
    if (x.shape[dims - 1] !== this.inputSize) throw new ShapeError(`${this.opName}: input.size(-1) must be equal to input_size. Expected ${this.inputSize}, got ${x.shape[dims - 1]}`);
  }

  private checkStates(states: Tensor[], batch: number): void {
    const expected = this.stateShapes(batch);
    states.forEach((s, i) => {
      if (s.shape.join() !== expected[i].join()) {
        const which = states.length > 1 ? `hidden[${i}]` : 'hidden';
        throw new ShapeError(`${this.opName}: Expected ${which} size (${expected[i].join(', ')}), got [${s.shape.join(', ')}]`);
      }
    });
  }

  override extraRepr(): string {
    let s = `${this.inputSize}, ${this.hiddenSize}`;
    if (this.projSize !== 0) s += `, proj_size=${this.projSize}`;
    if (this.numLayers !== 1) s += `, num_layers=${this.numLayers}`;
    if (!this.bias) s += ', bias=False';
    if (this.batchFirst) s += ', batch_first=True';
    if (this.dropout !== 0) s += `, dropout=${pyFloat(this.dropout)}`;
    if (this.bidirectional) s += ', bidirectional=True';
    return s;
  }
}

type Ctor<O> = [O] | [number, number, (number | Omit<O, 'inputSize' | 'hiddenSize'>)?, ...unknown[]];

/** Elman RNN: h_t = act(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh), act tanh (default) or relu. */
export class RNN extends RNNBase {
  readonly nonlinearity: 'tanh' | 'relu';
  /** new RNN(inputSize, hiddenSize, numLayers?, nonlinearity?, bias?, batchFirst?, dropout?, bidirectional?) or with an options object, PyTorch's order. */
  constructor(...args: Ctor<RNNOptions>) {
    const a = layerArgs<RNNOptions>('RNN', args, ['inputSize', 'hiddenSize', 'numLayers', 'nonlinearity', 'bias', 'batchFirst', 'dropout', 'bidirectional'], ['inputSize', 'hiddenSize']);
    const nl = a.nonlinearity ?? 'tanh';
    if (nl !== 'tanh' && nl !== 'relu') throw new ValueError(`RNN: Unknown nonlinearity '${String(nl)}'. Select from 'tanh' or 'relu'.`);
    super(nl === 'tanh' ? 'RNN_TANH' : 'RNN_RELU', a);
    this.nonlinearity = nl;
  }

  /** input [T, B, I] / [B, T, I] / [T, I] or packed; h0 [L*D, B, H] (zeros when omitted). Returns [output, h_n]. */
  forward(input: Tensor, hx?: Tensor | null): [Tensor, Tensor];
  forward(input: PackedSequence, hx?: Tensor | null): [PackedSequence, Tensor];
  forward(input: Tensor | PackedSequence, hx: Tensor | null = null): [Tensor | PackedSequence, Tensor] {
    const [out, [hn]] = this.run(input, hx ? [hx] : null);
    return [out, hn];
  }
}

/**
 * LSTM: gates i, f, g, o = x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh; c_t = σ(f) c_{t-1} + σ(i) tanh(g),
 * h_t = σ(o) tanh(c_t), projected by W_hr when projSize > 0.
 */
export class LSTM extends RNNBase {
  /** new LSTM(inputSize, hiddenSize, numLayers?, bias?, batchFirst?, dropout?, bidirectional?, projSize?) or with an options object. */
  constructor(...args: Ctor<LSTMOptions>) {
    super('LSTM', layerArgs<LSTMOptions>('LSTM', args, ['inputSize', 'hiddenSize', 'numLayers', 'bias', 'batchFirst', 'dropout', 'bidirectional', 'projSize'], ['inputSize', 'hiddenSize']));
  }

  /** input as for RNN; [h0 [L*D, B, H'], c0 [L*D, B, H]] (zeros when omitted). Returns [output, [h_n, c_n]]. */
  forward(input: Tensor, hx?: readonly [Tensor, Tensor] | null): [Tensor, [Tensor, Tensor]];
  forward(input: PackedSequence, hx?: readonly [Tensor, Tensor] | null): [PackedSequence, [Tensor, Tensor]];
  forward(input: Tensor | PackedSequence, hx: readonly [Tensor, Tensor] | null = null): [Tensor | PackedSequence, [Tensor, Tensor]] {
    const [out, [hn, cn]] = this.run(input, hx ? [hx[0], hx[1]] : null);
    return [out, [hn, cn]];
  }
}

/** GRU: r, z, n gates; n = tanh(x W_in^T + b_in + r (h W_hn^T + b_hn)), h_t = (1 - z) n + z h_{t-1}. */
export class GRU extends RNNBase {
  /** new GRU(inputSize, hiddenSize, numLayers?, bias?, batchFirst?, dropout?, bidirectional?) or with an options object. */
  constructor(...args: Ctor<RNNBaseOptions>) {
    super('GRU', layerArgs<RNNBaseOptions>('GRU', args, ['inputSize', 'hiddenSize', 'numLayers', 'bias', 'batchFirst', 'dropout', 'bidirectional'], ['inputSize', 'hiddenSize']));
  }

  /** input as for RNN; h0 [L*D, B, H] (zeros when omitted). Returns [output, h_n]. */
  forward(input: Tensor, hx?: Tensor | null): [Tensor, Tensor];
  forward(input: PackedSequence, hx?: Tensor | null): [PackedSequence, Tensor];
  forward(input: Tensor | PackedSequence, hx: Tensor | null = null): [Tensor | PackedSequence, Tensor] {
    const [out, [hn]] = this.run(input, hx ? [hx] : null);
    return [out, hn];
  }
}
