/**
 * Elementwise float32 loops over rows x n elements: rows at any element stride per operand,
 * within a row each input contiguous (stride 1) or one broadcast value (stride 0), the output
 * contiguous. Results equal the reference backend's (which computes in double and rounds
 * once): +, -, *, /, sqrt and squares of float32 values round identically, min/max with a
 * double bound equal the same comparison with the bound rounded to float32 (no float32 lies
 * between the two), and addScaled (a + p*b with a double p) is computed in double here too. Op codes are the indices of UNARY_OPS / BINARY_OPS in
 * src/kernels/wasm/elementwise.ts.
 */

const COPY: i32 = 0, RELU: i32 = 1, NEG: i32 = 2, CLAMP: i32 = 3, CLAMP_MIN: i32 = 4, CLAMP_MAX: i32 = 5, ABS: i32 = 6, SQRT: i32 = 7, SQUARE: i32 = 8;
const ADD: i32 = 0, SUB: i32 = 1, MUL: i32 = 2, DIV: i32 = 3, ADD_SCALED: i32 = 4, RELU_BACKWARD: i32 = 5;

@inline function vld(p: usize, s: i32, i: i32): v128 {
  return s != 0 ? v128.load(p + (<usize>i << 2)) : v128.load32_splat(p);
}

@inline function sld(p: usize, s: i32, i: i32): f32 {
  return load<f32>(p + (<usize>(i * s) << 2));
}

@inline function vst(o: usize, i: i32, v: v128): void {
  v128.store(o + (<usize>i << 2), v);
}

/** a + p*b in double for four lanes, rounded to float32 once. */
@inline export function addScaled4(a: v128, b: v128, p: v128): v128 {
  const lo = f64x2.add(f64x2.promote_low_f32x4(a), f64x2.mul(p, f64x2.promote_low_f32x4(b)));
  const a2 = v128.shuffle<i32>(a, a, 2, 3, 0, 1);
  const b2 = v128.shuffle<i32>(b, b, 2, 3, 0, 1);
  const hi = f64x2.add(f64x2.promote_low_f32x4(a2), f64x2.mul(p, f64x2.promote_low_f32x4(b2)));
  return v128.shuffle<i64>(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 2);
}

/** o[r, i] = op(a[r, i]) with the two float64 parameters at `pAt` over rows x n. */
export function unaryF32(op: i32, rows: i32, n: i32, a: usize, aRs: i32, as: i32, o: usize, oRs: i32, pAt: usize): void {
  const p = <f32>load<f64>(pAt), q = <f32>load<f64>(pAt, 8);
  for (let r = 0; r < rows; r++) {
    unaryRow(op, n, a + ((<usize>(r * aRs)) << 2), as, o + ((<usize>(r * oRs)) << 2), p, q);
  }
}

/** o[r, i] = op(a[r, i], b[r, i]) with the float64 parameter at `pAt` over rows x n. */
export function binaryF32(op: i32, rows: i32, n: i32, a: usize, aRs: i32, as: i32, b: usize, bRs: i32, bs: i32, o: usize, oRs: i32, pAt: usize): void {
  const p = load<f64>(pAt);
  for (let r = 0; r < rows; r++) {
    binaryRow(op, n, a + ((<usize>(r * aRs)) << 2), as, b + ((<usize>(r * bRs)) << 2), bs, o + ((<usize>(r * oRs)) << 2), p);
  }
}

function unaryRow(op: i32, n: i32, a: usize, as: i32, o: usize, p: f32, q: f32): void {
  let i = 0;
  const zero = f32x4.splat(0);
  const pv = f32x4.splat(p), qv = f32x4.splat(q);
  if (op == COPY) for (; i + 4 <= n; i += 4) vst(o, i, vld(a, as, i));
  else if (op == RELU) for (; i + 4 <= n; i += 4) vst(o, i, f32x4.max(vld(a, as, i), zero));
  else if (op == NEG) for (; i + 4 <= n; i += 4) vst(o, i, f32x4.neg(vld(a, as, i)));
  else if (op == CLAMP) for (; i + 4 <= n; i += 4) vst(o, i, f32x4.min(f32x4.max(vld(a, as, i), pv), qv));
  else if (op == CLAMP_MIN) for (; i + 4 <= n; i += 4) { const x = vld(a, as, i); vst(o, i, v128.bitselect(pv, x, f32x4.lt(x, pv))); }
  else if (op == CLAMP_MAX) for (; i + 4 <= n; i += 4) { const x = vld(a, as, i); vst(o, i, v128.bitselect(pv, x, f32x4.gt(x, pv))); }
  else if (op == ABS) for (; i + 4 <= n; i += 4) vst(o, i, f32x4.abs(vld(a, as, i)));
  else if (op == SQRT) for (; i + 4 <= n; i += 4) vst(o, i, f32x4.sqrt(vld(a, as, i)));
  else if (op == SQUARE) for (; i + 4 <= n; i += 4) { const x = vld(a, as, i); vst(o, i, f32x4.mul(x, x)); }
  for (; i < n; i++) {
    const x = sld(a, as, i);
    let r: f32;
    if (op == COPY) r = x;
    else if (op == RELU) r = x <= 0 ? 0 : x;
    else if (op == NEG) r = -x;
    else if (op == CLAMP) r = min(max(x, p), q);
    else if (op == CLAMP_MIN) r = x < p ? p : x;
    else if (op == CLAMP_MAX) r = x > p ? p : x;
    else if (op == ABS) r = abs(x);
    else if (op == SQRT) r = sqrt(x);
    else r = x * x;
    store<f32>(o + (<usize>i << 2), r);
  }
}

function binaryRow(op: i32, n: i32, a: usize, as: i32, b: usize, bs: i32, o: usize, p: f64): void {
  let i = 0;
  const zero = f32x4.splat(0);
  const pv = f64x2.splat(p);
  if (op == ADD) for (; i + 4 <= n; i += 4) vst(o, i, f32x4.add(vld(a, as, i), vld(b, bs, i)));
  else if (op == SUB) for (; i + 4 <= n; i += 4) vst(o, i, f32x4.sub(vld(a, as, i), vld(b, bs, i)));
  else if (op == MUL) for (; i + 4 <= n; i += 4) vst(o, i, f32x4.mul(vld(a, as, i), vld(b, bs, i)));
  else if (op == DIV) for (; i + 4 <= n; i += 4) vst(o, i, f32x4.div(vld(a, as, i), vld(b, bs, i)));
  else if (op == ADD_SCALED) for (; i + 4 <= n; i += 4) vst(o, i, addScaled4(vld(a, as, i), vld(b, bs, i), pv));
  else if (op == RELU_BACKWARD) for (; i + 4 <= n; i += 4) vst(o, i, v128.and(vld(a, as, i), f32x4.gt(vld(b, bs, i), zero)));
  for (; i < n; i++) {
    const x = sld(a, as, i);
    const y = sld(b, bs, i);
    let r: f32;
    if (op == ADD) r = x + y;
    else if (op == SUB) r = x - y;
    else if (op == MUL) r = x * y;
    else if (op == DIV) r = x / y;
    else if (op == ADD_SCALED) r = <f32>(<f64>x + p * <f64>y);
    else r = y > 0 ? x : 0;
    store<f32>(o + (<usize>i << 2), r);
  }
}
