/**
 * The window arithmetic of convolution and pooling, in one place: how far a kernel reaches, the
 * output size of a convolution, of a pooling (floor or ceil mode) and of a transposed
 * convolution, and 'same' padding, each along one dim and as PyTorch (ATen's conv and pooling
 * shape rules) computes it. Convolution and pooling in tensor, autograd and nn use these.
 */

/** The extent of a kernel of size k with dilation d: d (k - 1) + 1. */
export function windowSpan(k: number, d = 1): number {
  return d * (k - 1) + 1;
}

/** A convolution's output size along one dim: floor((L + 2p - span) / s) + 1. */
export function convOutSize(L: number, k: number, s: number, p: number, d: number): number {
  return Math.floor((L + 2 * p - windowSpan(k, d)) / s) + 1;
}

/**
 * The taps [lo, hi) of a kernel of size k that read the input (not only its padding) for some
 * output position along one dim of a convolution from L to O positions: tap t reads position
 * o s - p + t d for the outputs o < O. The hull of those taps; [0, 0) when none does.
 */
export function liveTaps(L: number, O: number, k: number, s: number, p: number, d: number): [number, number] {
  let lo = k, hi = 0;
  for (let t = 0; t < k; t++) {
    // the first output whose position for tap t is not left of the input
    const o = Math.max(0, Math.ceil((p - t * d) / s));
    if (o < O && o * s - p + t * d < L) {
      lo = Math.min(lo, t);
      hi = t + 1;
    }
  }
  return lo < hi ? [lo, hi] : [0, 0];
}

/**
 * A pooling's output size along one dim (PyTorch's pooling_output_shape): floor, or ceil with
 * the last window required to start inside the input or its left padding.
 */
export function poolOutSize(L: number, k: number, s: number, p: number, d: number, ceil: boolean): number {
  const span = L + 2 * p - windowSpan(k, d);
  let out = Math.floor((span + (ceil ? s - 1 : 0)) / s) + 1;
  if (ceil && (out - 1) * s >= L + p) out--;
  return out;
}

/**
 * A transposed convolution's output size along one dim: (L - 1) s - 2p + span + outputPadding
 * (also max_unpool's default size, with d = 1 and no output padding).
 */
export function transposedOutSize(L: number, k: number, s: number, p: number, d = 1, outputPadding = 0): number {
  return (L - 1) * s - 2 * p + windowSpan(k, d) + outputPadding;
}

/** padding='same' for stride 1 as [before, after]: d (k - 1) in all, the odd one after, as PyTorch. */
export function samePadding(k: number, d = 1): [number, number] {
  const total = windowSpan(k, d) - 1;
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}
