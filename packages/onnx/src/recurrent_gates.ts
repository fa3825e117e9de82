/**
 * How ONNX orders the gates of its recurrent ops, as indices into PyTorch's gate chunks: ONNX's
 * LSTM i, o, f, c is PyTorch's i, f, g, o at [0, 3, 1, 2]; ONNX's GRU z, r, h is PyTorch's r, z, n
 * at [1, 0, 2]; the RNN has one gate. Export and import regroup weights with it.
 */
import { cat, Tensor } from '@cresset/autograd';

export const ONNX_GATE_ORDER = { LSTM: [0, 3, 1, 2], GRU: [1, 0, 2], RNN: [0] } as const;
export type OnnxRecurrentOp = keyof typeof ONNX_GATE_ORDER;

/** The gate chunks of a [G*H, *] weight or [G*H] bias reordered: chunk k of the result is chunk order[k] of t. */
export function regroupGates(t: Tensor, order: readonly number[], H: number): Tensor {
  return order.length === 1 ? t : cat(order.map((g) => t.narrow(0, g * H, H)), 0);
}

/** The order that undoes `order` (ONNX's chunks back to PyTorch's). */
export function inverseOrder(order: readonly number[]): number[] {
  const inv: number[] = new Array(order.length);
  order.forEach((g, k) => (inv[g] = k));
  return inv;
}
