/** Batch normalisation's per-channel map as one kernel call (Backend.channelNorm). */
import { backend } from '../kernels';
import { NDArray } from '../ndarray';

/** Whether x [N, C, *] is floating and every per-channel operand given has its dtype and C elements. */
function fitsChannels(x: NDArray, params: readonly (NDArray | null)[]): boolean {
  const C = x.shape[1];
  return x.ndim >= 2 && (x.dtype === 'float32' || x.dtype === 'float64') && params.every((a) => a === null || (a.dtype === x.dtype && a.size === C));
}

/** Positions per (item, channel) plane of x [N, C, *]. */
const planeSize = (x: NDArray) => x.size / Math.max(1, x.shape[0] * x.shape[1]);

/**
 * For x [N, C, *] and per-channel mean, std, weight and bias of C elements each (weight and bias
 * optional): y = (x - mean) / std * weight + bias, the values of those elementwise ops applied
 * one after another, and xhat = (x - mean) / std when `keepXhat`. Returns [y, xhat], or null when
 * the arrays are not all of one floating dtype (the caller then composes the ops, which promote).
 */
export function channelNorm(x: NDArray, mean: NDArray, std: NDArray, weight: NDArray | null, bias: NDArray | null, keepXhat: boolean): [NDArray, NDArray | null] | null {
  if (!fitsChannels(x, [mean, std, weight, bias])) return null;
  const C = x.shape[1];
  const src = x.contiguous();
  const y = NDArray.output(x.shape, x.dtype, 'batch_norm');
  const xhat = keepXhat ? NDArray.output(x.shape, x.dtype, 'batch_norm') : null;
  const inner = planeSize(x);
  const v = (a: NDArray | null) => (a ? a.values() : null);
  if (y.size > 0) backend().channelNorm(x.shape[0], C, inner, src.data, src.offset, mean.values(), std.values(), v(weight), v(bias), xhat ? xhat.data : null, y.data);
  return [y, xhat];
}

/**
 * The gradients of channelNorm from the output's gradient g [N, C, *], the saved xhat, the
 * weight (or null) and std, with batch statistics when `training`: [gx, gw, gb], each computed
 * when `want` asks for it (gx like g, gw and gb of C elements), with the composed ops' values.
 * Null when the arrays are not all of one floating dtype (the caller then composes the ops).
 */
export function channelNormBackward(g: NDArray, xhat: NDArray, weight: NDArray | null, std: NDArray, training: boolean,
  want: readonly [boolean, boolean, boolean]): [NDArray | null, NDArray | null, NDArray | null] | null {
  if (!fitsChannels(g, [std, weight]) || xhat.dtype !== g.dtype) return null;
  const C = g.shape[1];
  const gc = g.contiguous();
  const h = xhat.contiguous();
  const gx = want[0] ? NDArray.output(g.shape, g.dtype, 'batch_norm_backward') : null;
  const gw = want[1] ? NDArray.output([C], g.dtype, 'batch_norm_backward') : null;
  const gb = want[2] ? NDArray.output([C], g.dtype, 'batch_norm_backward') : null;
  backend().channelNormBackward(g.shape[0], C, planeSize(g), gc.data, gc.offset, h.values(), weight ? weight.values() : null, std.values(), training,
    gx ? gx.data : null, gw ? gw.data : null, gb ? gb.data : null);
  return [gx, gw, gb];
}
