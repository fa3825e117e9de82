/**
 * The fused pointwise steps of the LSTM and GRU cells (LstmCellPointwise, GruCellPointwise) as
 * ONNX ops: Slice per gate, Sigmoid / Tanh, Mul, Add, Sub, as the composed formulas read.
 */
import type { ConvertContext } from '../convert_context';

/** Gate k (of width H along dim 1) of a [B, G*H] value. */
function gate(c: ConvertContext, value: string, k: number, H: number): string {
  return c.node('Slice', [value, c.graph.ints([k * H]), c.graph.ints([(k + 1) * H]), c.graph.ints([1])])[0];
}

const op = (c: ConvertContext, type: string, ...inputs: string[]) => c.node(type, inputs)[0];

/** LSTM: i, f, o sigmoids and g tanh of the gates; c' = f c + i g, h' = o tanh(c'). */
export function lstmCellPointwise(c: ConvertContext): void {
  const H = c.shapeOf(1)[1];
  const gates = c.input(0);
  const [i, f, g, o] = [0, 1, 2, 3].map((k) => op(c, k === 2 ? 'Tanh' : 'Sigmoid', gate(c, gates, k, H)));
  const c2 = op(c, 'Add', op(c, 'Mul', f, c.input(1)), op(c, 'Mul', i, g));
  c.result(op(c, 'Mul', o, op(c, 'Tanh', c2)), c2);
}

/** GRU: r, z sigmoids of the summed gates, n = tanh(gi_n + r gh_n), h' = n + z (h - n). */
export function gruCellPointwise(c: ConvertContext): void {
  const H = c.shapeOf(2)[1];
  const [gi, gh, h] = [c.input(0), c.input(1), c.input(2)];
  const [r, z] = [0, 1].map((k) => op(c, 'Sigmoid', op(c, 'Add', gate(c, gi, k, H), gate(c, gh, k, H))));
  const n = op(c, 'Tanh', op(c, 'Add', gate(c, gi, 2, H), op(c, 'Mul', r, gate(c, gh, 2, H))));
  c.result(op(c, 'Add', n, op(c, 'Mul', z, op(c, 'Sub', h, n))));
}
