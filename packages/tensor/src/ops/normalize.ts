/** Batch normalisation's per-channel map as one kernel call (Backend.channelNorm). */
import { backend } from '../kernels';
import { NDArray } from '../ndarray';

/**
 * For x [N, C, *] and per-channel mean, std, weight and bias of C elements each (weight and bias
 * optional): y = (x - mean) / std * weight + bias, the values of those elementwise ops applied
 * one after another, and xhat = (x - mean) / std when `keepXhat`. Returns [y, xhat], or null when
 * the arrays are not all of one floating dtype (the caller then composes the ops, which promote).
 */
export function channelNorm(x: NDArray, mean: NDArray, std: NDArray, weight: NDArray | null, bias: NDArray | null, keepXhat: boolean): [NDArray, NDArray | null] | null {
  const C = x.shape[1];
  const params = [mean, std, weight, bias].filter((a): a is NDArray => a !== null);
  if (x.ndim < 2 || (x.dtype !== 'float32' && x.dtype !== 'float64') || params.some((a) => a.dtype !== x.dtype || a.size !== C)) return null;
  const src = x.contiguous();
  const y = NDArray.output(x.shape, x.dtype, 'batch_norm');
  const xhat = keepXhat ? NDArray.output(x.shape, x.dtype, 'batch_norm') : null;
  const inner = x.size / Math.max(1, x.shape[0] * C);
  const v = (a: NDArray | null) => (a ? a.values() : null);
  if (y.size > 0) backend().channelNorm(x.shape[0], C, inner, src.data, src.offset, mean.values(), std.values(), v(weight), v(bias), xhat ? xhat.data : null, y.data);
  return [y, xhat];
}
