/**
 * Reductions down the middle axis of a contiguous float32 [outer, k, inner] block, without a
 * transposed copy: rows of `inner` floats stream through and each column accumulates in a
 * scratch row (float64 for sums and means, float32 for max and min, which propagate NaN as
 * f32x4.max/min do), COLUMNS at a time so the scratch stays in L1.
 */
const COLUMNS = 1024;

/** Bytes of scratch reduceAxisF32 takes per thread. */
export function reduceAxisScratchBytes(): i32 {
  return COLUMNS * 8;
}

/**
 * op 0 sum, 1 mean, 2 max, 3 min: out[o*inner + i] for the units [u0, u1), unit u being slab
 * o = u / chunks and columns [c*COLUMNS, (c+1)*COLUMNS) with c = u % chunks (chunks =
 * ceil(inner / COLUMNS)).
 */
export function reduceAxisF32(op: i32, src: usize, k: i32, inner: i32, out: usize, u0: i32, u1: i32, acc: usize): void {
  const chunks = (inner + COLUMNS - 1) / COLUMNS;
  const isSum = op <= 1;
  for (let u = u0; u < u1; u++) {
    const o = u / chunks;
    const i0 = (u % chunks) * COLUMNS;
    const n = min(COLUMNS, inner - i0);
    const slab = src + ((<usize>o * k * inner + i0) << 2);
    if (isSum) {
      memory.fill(acc, 0, <usize>n << 3);
      for (let j = 0; j < k; j++) {
        const row = slab + ((<usize>j * inner) << 2);
        let i = 0;
        for (; i + 4 <= n; i += 4) {
          const v = v128.load(row + (<usize>i << 2));
          const a = acc + (<usize>i << 3);
          v128.store(a, f64x2.add(v128.load(a), f64x2.promote_low_f32x4(v)));
          v128.store(a, f64x2.add(v128.load(a, 16), f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 2, 3))), 16);
        }
        for (; i < n; i++) store<f64>(acc + (<usize>i << 3), load<f64>(acc + (<usize>i << 3)) + <f64>load<f32>(row + (<usize>i << 2)));
      }
      const div: f64 = op == 1 ? <f64>k : 1;
      for (let i = 0; i < n; i++) store<f32>(out + ((<usize>o * inner + i0 + i) << 2), <f32>(load<f64>(acc + (<usize>i << 3)) / div));
      continue;
    }
    memory.copy(acc, slab, <usize>n << 2);
    for (let j = 1; j < k; j++) {
      const row = slab + ((<usize>j * inner) << 2);
      let i = 0;
      for (; i + 4 <= n; i += 4) {
        const a = acc + (<usize>i << 2);
        const v = v128.load(row + (<usize>i << 2));
        v128.store(a, op == 2 ? f32x4.max(v128.load(a), v) : f32x4.min(v128.load(a), v));
      }
      for (; i < n; i++) {
        const a = acc + (<usize>i << 2);
        const v = load<f32>(row + (<usize>i << 2)), m = load<f32>(a);
        store<f32>(a, m != m || v != v ? NaN : op == 2 ? max(m, v) : min(m, v));
      }
    }
    memory.copy(out + ((<usize>o * inner + i0) << 2), acc, <usize>n << 2);
  }
}

/**
 * op 0 sum, 1 mean, 2 var: for each k in [k0, k1) of a contiguous float32 [A, K, B] block, the
 * reduction over all of its A * B elements (a, b in that order) into out[k], accumulated in
 * float64 one element after another, as the reference backend reduces the permuted [K, A * B]
 * rows: the same additions in the same order, so the same bits. var subtracts the mean in a
 * second pass and divides by max(A * B - correction, 0).
 */
export function reduceKeptF32(op: i32, src: usize, A: i32, K: i32, B: i32, out: usize, k0: i32, k1: i32, correction: i32): void {
  const n: f64 = <f64>A * <f64>B;
  const stride = (<usize>K * B) << 2;
  for (let k = k0; k < k1; k++) {
    const first = src + ((<usize>k * B) << 2);
    let acc: f64 = 0;
    for (let a = 0; a < A; a++) {
      const row = first + <usize>a * stride;
      for (let b = 0; b < B; b++) acc += <f64>load<f32>(row + (<usize>b << 2));
    }
    if (op == 1) acc /= n;
    if (op == 2) {
      const mean = acc / n;
      let ss: f64 = 0;
      for (let a = 0; a < A; a++) {
        const row = first + <usize>a * stride;
        for (let b = 0; b < B; b++) {
          const d = <f64>load<f32>(row + (<usize>b << 2)) - mean;
          ss += d * d;
        }
      }
      acc = ss / max(n - <f64>correction, 0);
    }
    store<f32>(out + (<usize>k << 2), <f32>acc);
  }
}
