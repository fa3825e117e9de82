/**
 * nn.RNN, nn.LSTM and nn.GRU exported as ONNX's RNN, LSTM and GRU ops (one node per layer, both
 * directions in one node), as PyTorch's exporter writes them: weights regrouped per direction
 * ([D, G*H, I], [D, G*H, H], biases [D, 2*G*H]) with the gates in ONNX's order (LSTM i, o, f, c
 * from PyTorch's i, f, g, o; GRU z, r, h from r, z, n, with linear_before_reset = 1), each layer's
 * Y [T, D, B, H] transposed and reshaped to [T, B, D*H] for the next, the final states concatenated.
 * An unbatched input runs as a batch of one (Reshape in and out).
 */
import { cat, noGrad, stack, Tensor } from '@cresset/autograd';
import type { RNNBase } from '@cresset/nn';
import { UnsupportedOperatorError } from '../errors';
import { ONNX_GATE_ORDER, regroupGates as regroup } from '../recurrent_gates';
import { attr } from '../schema/attributes';
import { AttributeType, type AttributeProto } from '../schema/types';
import type { GraphBuilder } from './graph_builder';

function strings(name: string, values: string[]): AttributeProto {
  return { name, type: AttributeType.STRINGS, strings: values.map((v) => new TextEncoder().encode(v)) };
}

/**
 * Writes the nodes of one recurrent module's forward on padded input x (hx its initial states or
 * null) and names its results: `outputs` are the module's [output, h_n(, c_n)].
 */
export function exportRecurrent(g: GraphBuilder, path: string, m: RNNBase, x: Tensor, hx: Tensor[] | null, outputs: Tensor[]): void {
  const where = `${m.constructor.name} in module '${path}'`;
  const fail = (what: string): never => {
    throw new UnsupportedOperatorError(`onnx.export: ${where}: ${what} has no ONNX form`);
  };
  if (x.ndim !== 3 && x.ndim !== 2) fail(`a ${x.ndim}-D input`);
  const unbatched = x.ndim === 2;
  if (m.projSize > 0) fail('an LSTM with proj_size');
  if (m.training && m.dropout > 0 && m.numLayers > 1) fail('dropout between layers in training mode');
  const op = m.mode === 'LSTM' ? 'LSTM' : m.mode === 'GRU' ? 'GRU' : 'RNN';
  const D = m.numDirections;
  const H = m.hiddenSize;
  const order = ONNX_GATE_ORDER[op];
  const attrs: AttributeProto[] = [attr.int('hidden_size', H), attr.string('direction', D === 2 ? 'bidirectional' : 'forward')];
  if (op === 'GRU') attrs.push(attr.int('linear_before_reset', 1));
  if (op === 'RNN') attrs.push(strings('activations', new Array(D).fill(m.mode === 'RNN_RELU' ? 'Relu' : 'Tanh')));
  const params = m.layerParams();
  // an unbatched input [T, I] and its states [L*D, H] run as a batch of one
  const addBatch = (name: string, shape: readonly number[], at: number) => g.node('Reshape', [name, g.ints([...shape.slice(0, at), 1, ...shape.slice(at)])], 1, [], path)[0];
  let input = g.valueOf(x, x.dtype, where);
  if (unbatched) input = addBatch(input, x.shape, m.batchFirst ? 0 : 1);
  if (m.batchFirst) input = g.node('Transpose', [input], 1, [attr.ints('perm', [1, 0, 2])], path)[0];
  const states = (hx ?? []).map((h) => (unbatched ? addBatch(g.valueOf(h, h.dtype, where), h.shape, 1) : g.valueOf(h, h.dtype, where)));
  const finals: string[][] = states.length ? states.map(() => []) : op === 'LSTM' ? [[], []] : [[]];
  for (let l = 0; l < m.numLayers; l++) {
    const dirs = params.slice(l * D, (l + 1) * D);
    const [W, R, B] = noGrad(() => [
      stack(dirs.map((p) => regroup(p.wIh, order, H)), 0),
      stack(dirs.map((p) => regroup(p.wHh, order, H)), 0),
      m.bias ? stack(dirs.map((p) => cat([regroup(p.bIh!, order, H), regroup(p.bHh!, order, H)], 0)), 0) : null,
    ]);
    const init = states.map((s) => g.node('Slice', [s, g.ints([l * D]), g.ints([(l + 1) * D]), g.ints([0])], 1, [], path)[0]);
    const ins = [input, g.constant(W.array), g.constant(R.array), B ? g.constant(B.array) : '', '', ...init];
    while (ins[ins.length - 1] === '') ins.pop();
    const outs = g.node(op, ins, op === 'LSTM' ? 3 : 2, attrs, path);
    const y = g.node('Transpose', [outs[0]], 1, [attr.ints('perm', [0, 2, 1, 3])], path)[0];
    input = g.node('Reshape', [y, g.ints([0, 0, -1])], 1, [], path)[0];
    finals.forEach((f, k) => f.push(outs[k + 1]));
  }
  const out = m.batchFirst ? g.node('Transpose', [input], 1, [attr.ints('perm', [1, 0, 2])], path)[0] : input;
  const finalNames = finals.map((f) => (f.length === 1 ? f[0] : g.node('Concat', f, 1, [attr.int('axis', 0)], path)[0]));
  const dropBatch = (name: string, t: Tensor) => g.node('Reshape', [name, g.ints(t.shape)], 1, [], path)[0];
  const names = [out, ...finalNames];
  g.defineOutputs(outputs, unbatched ? names.map((n, i) => dropBatch(n, outputs[i])) : names);
}
