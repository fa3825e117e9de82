/**
 * The pointwise parts of one LSTM and one GRU step as single ops (as PyTorch's
 * _thnn_fused_lstm_cell / _thnn_fused_gru_cell), so a recurrent layer adds one node per time
 * step for them instead of a dozen. The matmuls stay outside (Linear); the formulas are PyTorch's.
 */
import * as T from '@cresset/tensor';
import type { NDArray } from '@cresset/tensor';
import { Function } from '../function';
import { add, mul, sub } from './util';

const sigmoid = (a: NDArray) => T.unary('sigmoid', a);
const tanh = (a: NDArray) => T.unary('tanh', a);
const dSigmoid = (g: NDArray, y: NDArray) => T.binary('sigmoidBackward', g, y);
const dTanh = (g: NDArray, y: NDArray) => T.binary('tanhBackward', g, y);

/**
 * LSTM step from its pre-activation gates [B, 4H] (i, f, g, o) and cell state c [B, H]:
 * c' = σ(f) c + σ(i) tanh(g), h' = σ(o) tanh(c'). Outputs [h', c'].
 */
export class LstmCellPointwise extends Function {
  readonly name = 'LstmCellPointwiseBackward0';
  forward(gates: NDArray, c: NDArray): NDArray[] {
    const H = c.shape[c.ndim - 1];
    if (gates.ndim !== 2 || c.ndim !== 2 || gates.shape[1] !== 4 * H || gates.shape[0] !== c.shape[0]) {
      throw new T.ShapeError(`lstm_cell: expected gates [B, 4H] and c [B, H], got [${gates.shape.join(', ')}] and [${c.shape.join(', ')}]`);
    }
    const i = sigmoid(gates.narrow(1, 0, H));
    const f = sigmoid(gates.narrow(1, H, H));
    const g = tanh(gates.narrow(1, 2 * H, H));
    const o = sigmoid(gates.narrow(1, 3 * H, H));
    const c2 = add(mul(f, c), mul(i, g));
    const tc = tanh(c2);
    this.save(i, f, g, o, c, tc);
    return [mul(o, tc), c2];
  }
  backward(dh: NDArray | null, dc: NDArray | null): NDArray[] {
    const [i, f, g, o, c, tc] = this.saved;
    const zero = () => T.zeros(c.shape, c.dtype);
    let dc2 = dc ?? zero();
    if (dh) dc2 = add(dc2, dTanh(mul(dh, o), tc));
    const dO = dh ? dSigmoid(mul(dh, tc), o) : zero();
    const dGates = T.cat([dSigmoid(mul(dc2, g), i), dSigmoid(mul(dc2, c), f), dTanh(mul(dc2, i), g), dO], 1);
    return [dGates, mul(dc2, f)];
  }
}

/**
 * GRU step from the input projection gi [B, 3H] (x W_ih^T + b_ih), the recurrent projection gh
 * [B, 3H] (h W_hh^T + b_hh), both r, z, n, and h [B, H]: r = σ(gi_r + gh_r), z = σ(gi_z + gh_z),
 * n = tanh(gi_n + r gh_n), h' = n + z (h - n).
 */
export class GruCellPointwise extends Function {
  readonly name = 'GruCellPointwiseBackward0';
  forward(gi: NDArray, gh: NDArray, h: NDArray): NDArray {
    const H = h.shape[h.ndim - 1];
    if (gi.ndim !== 2 || gh.ndim !== 2 || h.ndim !== 2 || gi.shape[1] !== 3 * H || gh.shape[1] !== 3 * H || gi.shape[0] !== h.shape[0] || gh.shape[0] !== h.shape[0]) {
      throw new T.ShapeError(`gru_cell: expected input and hidden gates [B, 3H] and h [B, H], got [${gi.shape.join(', ')}], [${gh.shape.join(', ')}] and [${h.shape.join(', ')}]`);
    }
    const r = sigmoid(add(gi.narrow(1, 0, H), gh.narrow(1, 0, H)));
    const z = sigmoid(add(gi.narrow(1, H, H), gh.narrow(1, H, H)));
    const hn = gh.narrow(1, 2 * H, H);
    const n = tanh(add(gi.narrow(1, 2 * H, H), mul(r, hn)));
    this.save(r, z, n, hn, h);
    return add(n, mul(z, sub(h, n)));
  }
  backward(dOut: NDArray): NDArray[] {
    const [r, z, n, hn, h] = this.saved;
    const dnPre = dTanh(mul(dOut, sub(1, z)), n);
    const drPre = dSigmoid(mul(dnPre, hn), r);
    const dzPre = dSigmoid(mul(dOut, sub(h, n)), z);
    return [T.cat([drPre, dzPre, dnPre], 1), T.cat([drPre, dzPre, mul(dnPre, r)], 1), mul(dOut, z)];
  }
}
