/**
 * One time step of the recurrent cells, as PyTorch's rnn_tanh_cell, rnn_relu_cell, lstm_cell and
 * gru_cell compute it (gates in PyTorch's order: i, f, g, o for the LSTM; r, z, n for the GRU).
 * Each step takes the input projection x W_ih^T + b_ih already computed (the layers compute it for
 * all time steps in one matmul), adds the recurrent matmul, and runs the gates' pointwise math as
 * one fused op (LstmCellPointwise, GruCellPointwise) with its own backward.
 */
import { GruCellPointwise, LstmCellPointwise, Tensor } from '@cresset/autograd';
import { ShapeError } from '@cresset/tensor';
import { linear } from './linear';

/** The recurrent weights of one cell: W_hh [G*H, H'], b_hh [G*H] (or null), and the LSTM's projection W_hr [P, H] (or null). */
export interface RecurrentWeights {
  wHh: Tensor;
  bHh: Tensor | null;
  wHr?: Tensor | null;
}

export type RnnNonlinearity = 'tanh' | 'relu';

/** h' = act(xProj + h W_hh^T + b_hh): xProj [B, H], h [B, H]. */
export function rnnStep(xProj: Tensor, h: Tensor, w: RecurrentWeights, nonlinearity: RnnNonlinearity): Tensor {
  const pre = xProj.add(linear(h, w.wHh, w.bHh));
  return nonlinearity === 'tanh' ? pre.tanh() : pre.relu();
}

/**
 * LSTM step: gates = xProj + h W_hh^T + b_hh [B, 4H] split as i, f, g, o; c' = σ(f) c + σ(i) tanh(g),
 * h' = σ(o) tanh(c'), then h' W_hr^T when the LSTM has a projection. Returns [h', c'].
 */
export function lstmStep(xProj: Tensor, h: Tensor, c: Tensor, w: RecurrentWeights): [Tensor, Tensor] {
  const gates = xProj.add(linear(h, w.wHh, w.bHh));
  const [h2, c2] = new LstmCellPointwise().applyMany(gates, c);
  return [w.wHr ? linear(h2, w.wHr) : h2, c2];
}

/**
 * GRU step: gh = h W_hh^T + b_hh [B, 3H]; r = σ(xr + hr), z = σ(xz + hz), n = tanh(xn + r hn),
 * h' = n + z (h - n) (= (1 - z) n + z h, as PyTorch).
 */
export function gruStep(xProj: Tensor, h: Tensor, w: RecurrentWeights): Tensor {
  return new GruCellPointwise().apply(xProj, linear(h, w.wHh, w.bHh), h);
}

/** Checks a cell's input [B, I] or [I] and state [B, H] or [H] (PyTorch's check_forward_input / hidden). */
function checkCell(op: string, input: Tensor, hx: Tensor, wIh: Tensor, hidden: number): void {
  if (input.ndim !== 1 && input.ndim !== 2) throw new ShapeError(`${op}: Expected input to be 1D or 2D, got ${input.ndim}D instead`);
  if (input.shape[input.ndim - 1] !== wIh.shape[1]) throw new ShapeError(`${op}: input has inconsistent input_size: got ${input.shape[input.ndim - 1]} expected ${wIh.shape[1]}`);
  if (hx.ndim !== input.ndim || (input.ndim === 2 && hx.shape[0] !== input.shape[0]) || hx.shape[hx.ndim - 1] !== hidden) {
    throw new ShapeError(`${op}: expected hidden of shape [${[...input.shape.slice(0, -1), hidden].join(', ')}], got [${hx.shape.join(', ')}]`);
  }
}

/** [I] -> [1, I] for an unbatched cell input (and back with `unbatch`). */
const batch = (input: Tensor, t: Tensor) => (input.ndim === 1 ? t.unsqueeze(0) : t);
const unbatch = (input: Tensor, t: Tensor) => (input.ndim === 1 ? t.squeeze(0) : t);

/** torch.rnn_tanh_cell / rnn_relu_cell: input [B, I] or [I], hx [B, H] or [H]; returns h' of hx's shape. */
export function rnnCell(input: Tensor, hx: Tensor, wIh: Tensor, wHh: Tensor, bIh: Tensor | null = null, bHh: Tensor | null = null, nonlinearity: RnnNonlinearity = 'tanh'): Tensor {
  checkCell('RNNCell', input, hx, wIh, wHh.shape[1]);
  return unbatch(input, rnnStep(linear(batch(input, input), wIh, bIh), batch(input, hx), { wHh, bHh }, nonlinearity));
}

/** torch.lstm_cell: input [B, I] or [I], [hx, cx] each [B, H] or [H]; returns [h', c']. */
export function lstmCell(input: Tensor, state: readonly [Tensor, Tensor], wIh: Tensor, wHh: Tensor, bIh: Tensor | null = null, bHh: Tensor | null = null): [Tensor, Tensor] {
  checkCell('LSTMCell', input, state[0], wIh, wHh.shape[1]);
  checkCell('LSTMCell', input, state[1], wIh, wHh.shape[1]);
  const [h, c] = lstmStep(linear(batch(input, input), wIh, bIh), batch(input, state[0]), batch(input, state[1]), { wHh, bHh });
  return [unbatch(input, h), unbatch(input, c)];
}

/** torch.gru_cell: input [B, I] or [I], hx [B, H] or [H]; returns h'. */
export function gruCell(input: Tensor, hx: Tensor, wIh: Tensor, wHh: Tensor, bIh: Tensor | null = null, bHh: Tensor | null = null): Tensor {
  checkCell('GRUCell', input, hx, wIh, wHh.shape[1]);
  return unbatch(input, gruStep(linear(batch(input, input), wIh, bIh), batch(input, hx), { wHh, bHh }));
}
