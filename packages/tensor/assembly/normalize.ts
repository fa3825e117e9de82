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

/**
 * The gradients of channelNormF32 for the channels [c0, c1), with gy [outer, channels, inner] the
 * output's gradient and xhat the saved normalised input: gb[c] = sum of gy, gw[c] = sum of gy *
 * xhat, and gx = (gxhat - mean(gxhat) - xhat * mean(gxhat * xhat)) / std[c] with batch statistics
 * (training = 1) or gxhat / std[c] with running ones, gxhat = gy * weight[c] (gy without a weight).
 * Sums accumulate in float64 element after element (a, then b, as reduceKeptF32), means are
 * rounded to float32 and every elementwise step on its own, so the values are those of the
 * composed ops. An output whose address is 0 is not computed.
 */
export function channelNormBackwardF32(c0: i32, c1: i32, outer: i32, channels: i32, inner: i32, gy: usize, xhat: usize,
  weight: usize, std: usize, training: i32, gx: usize, gw: usize, gb: usize): void {
  const n: f64 = <f64>outer * <f64>inner;
  const stride = (<usize>channels * inner) << 2;
  for (let c = c0; c < c1; c++) {
    const w = weight != 0 ? load<f32>(weight + (<usize>c << 2)) : <f32>1;
    const first = (<usize>c * inner) << 2;
    let sg: f64 = 0, sgx: f64 = 0, s1: f64 = 0, s2: f64 = 0;
    for (let a = 0; a < outer; a++) {
      const row = first + <usize>a * stride;
      for (let b = 0; b < inner; b++) {
        const o = row + (<usize>b << 2);
        const g = load<f32>(gy + o), h = load<f32>(xhat + o);
        const gh = weight != 0 ? g * w : g;
        sg += <f64>g;
        sgx += <f64>(g * h);
        s1 += <f64>gh;
        s2 += <f64>(gh * h);
      }
    }
    if (gb != 0) store<f32>(gb + (<usize>c << 2), <f32>sg);
    if (gw != 0) store<f32>(gw + (<usize>c << 2), <f32>sgx);
    if (gx == 0) continue;
    const s = load<f32>(std + (<usize>c << 2));
    const m1 = <f32>(s1 / n), m2 = <f32>(s2 / n);
    const wv = f32x4.splat(w), sv = f32x4.splat(s), m1v = f32x4.splat(m1), m2v = f32x4.splat(m2);
    for (let a = 0; a < outer; a++) {
      const row = first + <usize>a * stride;
      let b = 0;
      for (; b + 4 <= inner; b += 4) {
        const o = row + (<usize>b << 2);
        let gh = v128.load(gy + o);
        if (weight != 0) gh = f32x4.mul(gh, wv);
        if (training != 0) gh = f32x4.sub(f32x4.sub(gh, m1v), f32x4.mul(v128.load(xhat + o), m2v));
        v128.store(gx + o, f32x4.div(gh, sv));
      }
      for (; b < inner; b++) {
        const o = row + (<usize>b << 2);
        let gh = load<f32>(gy + o);
        if (weight != 0) gh = gh * w;
        if (training != 0) gh = (gh - m1) - load<f32>(xhat + o) * m2;
        store<f32>(gx + o, gh / s);
      }
    }
  }
}
