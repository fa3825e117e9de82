/**
 * ONNX RNN, GRU and LSTM (opset 7 on; layout from 14) run by cresset's recurrent layers
 * (nn.functional.recurrent): weights regrouped from ONNX's gate order to PyTorch's, directions
 * forward, reverse (the forward pass over the time-reversed input) or bidirectional, optional
 * initial states. Y comes out [T, D, B, H] (layout 1: [B, T, D, H]), Y_h and Y_c [D, B, H].
 * PyTorch's forms only: default activations (Tanh or Relu for RNN), GRU with linear_before_reset = 1,
 * no clip, peepholes, input_forget or sequence lengths shorter than the input.
 */
import { Tensor, zeros } from '@cresset/autograd';
import { functional as F } from '@cresset/nn';
import { inverseOrder, ONNX_GATE_ORDER, OnnxRecurrentOp, regroupGates } from '../../recurrent_gates';
import type { OpContext } from '../op_context';

const DEFAULT_ACTIVATIONS: Record<OnnxRecurrentOp, string[]> = { LSTM: ['Sigmoid', 'Tanh', 'Tanh'], GRU: ['Sigmoid', 'Tanh'], RNN: ['Tanh'] };

function activations(c: OpContext): string[] | null {
  const a = c.node.attribute?.find((x) => x.name === 'activations');
  return a?.strings ? a.strings.map((s) => new TextDecoder().decode(s)) : null;
}

function run(c: OpContext, op: OnnxRecurrentOp): (Tensor | null)[] {
  const H = c.attrs.int('hidden_size');
  if (H === undefined) c.unsupported('a recurrent op without hidden_size');
  const direction = c.attrs.string('direction', 'forward');
  if (!['forward', 'reverse', 'bidirectional'].includes(direction)) c.unsupported(`direction '${direction}'`);
  if (c.attrs.has('clip')) c.unsupported('clip');
  if (c.attrs.int('input_forget', 0) !== 0) c.unsupported('input_forget');
  if (op === 'GRU' && c.attrs.int('linear_before_reset', 0) !== 1) c.unsupported('GRU with linear_before_reset = 0');
  const acts = activations(c);
  const D = direction === 'bidirectional' ? 2 : 1;
  let mode: F.RnnMode = op === 'LSTM' ? 'LSTM' : op === 'GRU' ? 'GRU' : 'RNN_TANH';
  if (acts) {
    const per = acts.length / D;
    const dirs = Array.from({ length: D }, (_, d) => acts.slice(d * per, (d + 1) * per).map((a) => a.toLowerCase()).join());
    if (dirs.some((x) => x !== dirs[0])) c.unsupported('different activations per direction');
    if (op === 'RNN' && dirs[0] === 'relu') mode = 'RNN_RELU';
    else if (dirs[0] !== DEFAULT_ACTIVATIONS[op].map((a) => a.toLowerCase()).join()) c.unsupported(`activations ${acts.join(', ')}`);
  }
  if (op === 'LSTM' && c.optional(7)) c.unsupported('LSTM peepholes (input P)');
  const layout = c.opset >= 14 ? c.attrs.int('layout', 0) : 0;
  let x = c.input(0);
  if (layout === 1) x = x.transpose(0, 1);
  const [T, B] = x.shape;
  const seqLens = c.optional(4);
  if (seqLens && c.intsInput(4).some((n) => n !== T)) c.unsupported('sequence_lens shorter than the input');
  const W = c.input(1);
  const R = c.input(2);
  const bias = c.optional(3);
  const G = ONNX_GATE_ORDER[op].length * H;
  const back = inverseOrder(ONNX_GATE_ORDER[op]);
  const params = Array.from({ length: D }, (_, d) => ({
    wIh: regroupGates(W.select(0, d), back, H),
    wHh: regroupGates(R.select(0, d), back, H),
    bIh: bias ? regroupGates(bias.select(0, d).narrow(0, 0, G), back, H) : null,
    bHh: bias ? regroupGates(bias.select(0, d).narrow(0, G, G), back, H) : null,
  }));
  const stateIn = (i: number) => {
    const s = c.optional(i);
    if (!s) return zeros([D, B, H], { dtype: x.dtype });
    return layout === 1 ? s.transpose(0, 1) : s;
  };
  const states = op === 'LSTM' ? [stateIn(5), stateIn(6)] : [stateIn(5)];
  const reverse = direction === 'reverse';
  const [out, finals] = F.recurrent(mode, reverse ? x.flip(0) : x, states, params, { bidirectional: D === 2 });
  const y4 = (reverse ? out.flip(0) : out).reshape(T, B, D, H);
  const y = layout === 1 ? y4.permute(1, 0, 2, 3) : y4.transpose(1, 2);
  const fin = finals.map((f) => (layout === 1 ? f.transpose(0, 1) : f));
  return [y, ...fin];
}

export const lstm = (c: OpContext) => run(c, 'LSTM');
export const gru = (c: OpContext) => run(c, 'GRU');
export const rnn = (c: OpContext) => run(c, 'RNN');
