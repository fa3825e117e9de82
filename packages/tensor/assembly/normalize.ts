/**
 * Batch normalisation's per-channel map over a contiguous float32 [outer, channels, inner]
 * block, in one pass: xhat = (x - mean[c]) / std[c], then y = xhat * weight[c] + bias[c]. Each
 * operation is rounded to float32 on its own (a multiply then an add, never a fused one), so the
 * values are those of the separate elementwise ops.
 */

/**
 * The planes [p0, p1) (plane p = n * channels + c) of the map above; weight and bias are read
 * when hasWeight and hasBias are 1, xhat written when keepXhat is 1.
 */
export function channelNormF32(p0: i32, p1: i32, channels: i32, inner: i32, x: usize, mean: usize, std: usize,
  weight: usize, bias: usize, xhat: usize, y: usize, hasWeight: i32, hasBias: i32, keepXhat: i32): void {
  const hasW = hasWeight != 0, hasB = hasBias != 0, keep = keepXhat != 0;
  for (let p = p0; p < p1; p++) {
    const c = p % channels;
    const m = load<f32>(mean + (<usize>c << 2)), s = load<f32>(std + (<usize>c << 2));
    const w = hasW ? load<f32>(weight + (<usize>c << 2)) : <f32>1, b = hasB ? load<f32>(bias + (<usize>c << 2)) : <f32>0;
    const mv = f32x4.splat(m), sv = f32x4.splat(s), wv = f32x4.splat(w), bv = f32x4.splat(b);
    const at = <usize>p * inner << 2;
    const xs = x + at, hs = xhat + at, ys = y + at;
    let i = 0;
    for (; i + 4 <= inner; i += 4) {
      const o = <usize>i << 2;
      const h = f32x4.div(f32x4.sub(v128.load(xs + o), mv), sv);
      if (keep) v128.store(hs + o, h);
      let v = h;
      if (hasW) v = f32x4.mul(v, wv);
      if (hasB) v = f32x4.add(v, bv);
      v128.store(ys + o, v);
    }
    for (; i < inner; i++) {
      const o = <usize>i << 2;
      const h: f32 = (load<f32>(xs + o) - m) / s;
      if (keep) store<f32>(hs + o, h);
      let v = h;
      if (hasW) v = v * w;
      if (hasB) v = v + b;
      store<f32>(ys + o, v);
    }
  }
}
