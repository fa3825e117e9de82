/**
 * The values of torch.arange and torch.linspace exactly as PyTorch's CPU kernels compute them
 * (RangeFactoriesKernel.cpp in the AVX2 build): each value is one fused multiply-add from a start,
 * and the leading blocks of two SIMD vectors (8 floats or 4 doubles each) take each vector's first
 * value that way and the others as base + k * step.
 */
import { castScalar, DType, isFloating } from './dtype';

/** Exact a * b as p + e (Dekker's two-product with Veltkamp splitting). */
function twoProductError(a: number, b: number, p: number): number {
  const split = (x: number) => {
    const c = 134217729 * x; // 2^27 + 1
    const hi = c - (c - x);
    return [hi, x - hi];
  };
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  return ((ah * bh - p) + ah * bl + al * bh) + al * bl;
}

/** a * b + c rounded once (to within the rare double-rounding case), as a hardware FMA. */
export function fma(a: number, b: number, c: number, float: boolean): number {
  if (float) return Math.fround(a * b + c); // a * b of two floats is exact in double
  const p = a * b;
  const e = twoProductError(a, b, p);
  const s = p + c;
  const bb = s - p;
  const t = (p - (s - bb)) + (c - bb);
  return s + (t + e);
}

/**
 * torch.linspace: step = (end - start) / (steps - 1) in the dtype; the first half counts up from
 * start and the second half down from end. Integer dtypes compute in double and truncate.
 */
export function linspaceValues(start: number, end: number, steps: number, dtype: DType): number[] {
  if (steps === 1) return [castScalar(start, dtype)];
  if (!isFloating(dtype)) {
    const step = (end - start) / (steps - 1);
    return Array.from({ length: steps }, (_, i) => castScalar(i < steps / 2 ? start + step * i : end - step * (steps - i - 1), dtype));
  }
  const float = dtype === 'float32';
  const r = float ? Math.fround : (x: number) => x;
  const s0 = r(start);
  const e0 = r(end);
  const step = r((e0 - s0) / (steps - 1));
  const halfway = Math.floor(steps / 2);
  const at = (i: number) => (i < halfway ? fma(step, i, s0, float) : fma(-step, steps - i - 1, e0, float));
  return simdBlocks(steps, float ? 8 : 4, at, (base, k) => r(base + r(k * step)));
}

/**
 * torch.arange: start + i * step, accumulated in double (PyTorch's accscalar_t) and cast to the
 * dtype; integer dtypes are exact.
 */
export function arangeValues(start: number, step: number, n: number, dtype: DType): number[] {
  if (!isFloating(dtype)) return Array.from({ length: n }, (_, i) => castScalar(start + i * step, dtype));
  const float = dtype === 'float32';
  const r = float ? Math.fround : (x: number) => x;
  const at = (i: number) => r(fma(step, i, start, false));
  return simdBlocks(n, float ? 8 : 4, at, (base, k) => (float ? r(base + k * step) : fma(step, k, base, false)));
}

/**
 * cpu_serial_kernel_vec over n values: blocks of two vectors of `vec` lanes while they fit, each
 * vector from its first value `at(i)` and `lane(base, k)`, then `at(i)` one by one.
 */
function simdBlocks(n: number, vec: number, at: (i: number) => number, lane: (base: number, k: number) => number): number[] {
  const out = new Array<number>(n);
  const vectorized = Math.floor(n / (2 * vec)) * 2 * vec;
  for (let i = 0; i < vectorized; i += vec) {
    const base = at(i);
    for (let k = 0; k < vec; k++) out[i + k] = lane(base, k);
  }
  for (let i = vectorized; i < n; i++) out[i] = at(i);
  return out;
}
