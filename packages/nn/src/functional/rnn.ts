/**
 * Multi-layer, optionally bidirectional RNN / LSTM / GRU over a whole sequence, as PyTorch's CPU
 * implementation (torch.rnn_tanh, torch.lstm, torch.gru) runs it: per layer and direction, the
 * input projection x W_ih^T + b_ih of every time step in one matmul, then the recurrent step per
 * time step (rnn_cell.ts); dropout on each layer's output but the last's in training mode. Inputs
 * are time-major [T, B, I] (or [B, T, I] with batchFirst), or packed: data [N, I] with batchSizes
 * (a PackedSequence's layout: the batch of each time step, non-increasing).
 */
import { cat, stack, Tensor } from '@cresset/autograd';
import { ShapeError, ValueError } from '@cresset/tensor';
import { dropout as dropoutFn } from './dropout';
import { linear } from './linear';
import { gruStep, lstmStep, RecurrentWeights, rnnStep, RnnNonlinearity } from './rnn_cell';

export type RnnMode = 'RNN_TANH' | 'RNN_RELU' | 'LSTM' | 'GRU';

/** One layer and direction's parameters: W_ih [G*H, I], W_hh [G*H, H'], b_ih, b_hh [G*H] or null, W_hr [P, H] (LSTM with projSize). */
export interface RecurrentLayerParams extends RecurrentWeights {
  wIh: Tensor;
  bIh: Tensor | null;
}

export interface RecurrentOptions {
  /** Two directions per layer; params then hold [layer 0 forward, layer 0 reverse, layer 1 forward, ...]. Default false. */
  bidirectional?: boolean;
  /** Dropout probability on every layer's output but the last (training only). Default 0. */
  dropout?: number;
  /** Training mode (dropout active). Default true. */
  training?: boolean;
  /** Padded input and output are [B, T, *] instead of [T, B, *]. Default false. */
  batchFirst?: boolean;
  /** The input is packed data [N, I] with these batch sizes per time step. */
  batchSizes?: readonly number[];
}

/** A cell step on the state (h, or h and c for the LSTM); the new state's first entry is the output. */
type Step = (xProj: Tensor, state: Tensor[], w: RecurrentWeights) => Tensor[];

function stepFor(mode: RnnMode): Step {
  switch (mode) {
    case 'LSTM': return (x, [h, c], w) => lstmStep(x, h, c, w);
    case 'GRU': return (x, [h], w) => [gruStep(x, h, w)];
    default: {
      const nl: RnnNonlinearity = mode === 'RNN_RELU' ? 'relu' : 'tanh';
      return (x, [h], w) => [rnnStep(x, h, w, nl)];
    }
  }
}

/**
 * One direction of one layer over packed input projections xProj [N, G*H]: the outputs of every
 * time step (in time order) and the final state, whose rows are each sequence's last step. The
 * forward direction retires rows as the batch shrinks; the reverse direction starts from the
 * shortest batch and takes the initial state of rows as they join.
 */
function runDirection(step: Step, xProj: Tensor, batchSizes: readonly number[], state0: Tensor[], w: RecurrentWeights, reverse: boolean): { outputs: Tensor[]; final: Tensor[] } {
  const T = batchSizes.length;
  const offsets: number[] = [];
  batchSizes.reduce((o, b, t) => ((offsets[t] = o), o + b), 0);
  const outputs: Tensor[] = new Array(T);
  const rows = (s: Tensor, start: number, n: number) => (start === 0 && n === s.shape[0] ? s : s.narrow(0, start, n));
  if (!reverse) {
    let state = state0;
    const retired: Tensor[][] = [];
    for (let t = 0; t < T; t++) {
      const b = batchSizes[t];
      const cur = state[0].shape[0];
      if (b < cur) {
        retired.unshift(state.map((s) => s.narrow(0, b, cur - b)));
        state = state.map((s) => s.narrow(0, 0, b));
      }
      state = step(rows(xProj, offsets[t], b), state, w);
      outputs[t] = state[0];
    }
    const final = state.map((s, k) => (retired.length ? cat([s, ...retired.map((r) => r[k])], 0) : s));
    return { outputs, final };
  }
  let state = state0.map((s) => rows(s, 0, batchSizes[T - 1]));
  for (let t = T - 1; t >= 0; t--) {
    const b = batchSizes[t];
    const cur = state[0].shape[0];
    if (b > cur) state = state.map((s, k) => cat([s, state0[k].narrow(0, cur, b - cur)], 0));
    state = step(rows(xProj, offsets[t], b), state, w);
    outputs[t] = state[0];
  }
  return { outputs, final: state };
}

/**
 * The recurrent layers over packed data [N, I] (time-major rows, batchSizes per step) from the
 * initial state (h0 [L*D, B, H'], and c0 [L*D, B, H] for the LSTM): the last layer's outputs
 * [N, D*H'] and the final states, shaped as the initial ones.
 */
export function recurrentPacked(mode: RnnMode, data: Tensor, batchSizes: readonly number[], state0: Tensor[], params: readonly RecurrentLayerParams[], opts: RecurrentOptions = {}): [Tensor, Tensor[]] {
  const D = opts.bidirectional ? 2 : 1;
  if (params.length === 0 || params.length % D !== 0) throw new ValueError(`${mode}: expected a positive multiple of ${D} layer parameter sets, got ${params.length}`);
  const layers = params.length / D;
  const p = opts.dropout ?? 0;
  const step = stepFor(mode);
  const finals: Tensor[][] = state0.map(() => []);
  let x = data;
  for (let l = 0; l < layers; l++) {
    const dirOutputs: Tensor[] = [];
    for (let d = 0; d < D; d++) {
      const w = params[l * D + d];
      if (w.wIh.shape[1] !== x.shape[1]) throw new ShapeError(`${mode}: layer ${l} expects input size ${w.wIh.shape[1]}, got ${x.shape[1]}`);
      const xProj = linear(x, w.wIh, w.bIh);
      const { outputs, final } = runDirection(step, xProj, batchSizes, state0.map((s) => s.select(0, l * D + d)), w, d === 1);
      dirOutputs.push(cat(outputs, 0));
      final.forEach((f, k) => finals[k].push(f));
    }
    x = D === 1 ? dirOutputs[0] : cat(dirOutputs, 1);
    if (l < layers - 1 && p > 0 && (opts.training ?? true)) x = dropoutFn(x, p, true);
  }
  return [x, finals.map((f) => stack(f, 0))];
}

/** Padded input [T, B, I] (or [B, T, I]) or packed data with opts.batchSizes: the layers' output and final states. */
export function recurrent(mode: RnnMode, input: Tensor, state0: Tensor[], params: readonly RecurrentLayerParams[], opts: RecurrentOptions): [Tensor, Tensor[]] {
  if (opts.batchSizes) return recurrentPacked(mode, input, opts.batchSizes, state0, params, opts);
  if (input.ndim !== 3) throw new ShapeError(`${mode}: expected a 3-D padded input [T, B, I], got [${input.shape.join(', ')}]`);
  const x = opts.batchFirst ? input.transpose(0, 1) : input;
  const [T, B, I] = x.shape;
  const [out, finals] = recurrentPacked(mode, x.reshape(T * B, I), new Array(T).fill(B), state0, params, opts);
  const y = out.reshape(T, B, out.shape[1]);
  return [opts.batchFirst ? y.transpose(0, 1) : y, finals];
}

/** torch.rnn_tanh / rnn_relu: input as in RecurrentOptions, h0 [L*D, B, H]; returns [output, h_n]. */
export function rnn(input: Tensor, h0: Tensor, params: readonly RecurrentLayerParams[], opts: RecurrentOptions & { nonlinearity?: RnnNonlinearity } = {}): [Tensor, Tensor] {
  const [out, [hn]] = recurrent(opts.nonlinearity === 'relu' ? 'RNN_RELU' : 'RNN_TANH', input, [h0], params, opts);
  return [out, hn];
}

/** torch.lstm: input as in RecurrentOptions, h0 [L*D, B, H'] and c0 [L*D, B, H]; returns [output, [h_n, c_n]]. */
export function lstm(input: Tensor, state: readonly [Tensor, Tensor], params: readonly RecurrentLayerParams[], opts: RecurrentOptions = {}): [Tensor, [Tensor, Tensor]] {
  const [out, [hn, cn]] = recurrent('LSTM', input, [state[0], state[1]], params, opts);
  return [out, [hn, cn]];
}

/** torch.gru: input as in RecurrentOptions, h0 [L*D, B, H]; returns [output, h_n]. */
export function gru(input: Tensor, h0: Tensor, params: readonly RecurrentLayerParams[], opts: RecurrentOptions = {}): [Tensor, Tensor] {
  const [out, [hn]] = recurrent('GRU', input, [h0], params, opts);
  return [out, hn];
}
