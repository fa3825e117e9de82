/** Elementwise kernels of the reference backend: each op is one JavaScript expression. */
import type { BinaryOp, Strided, UnaryOp } from '../backend';
import { runLoop } from './loops';

/** Unary expressions over `a` with parameters `p`, `q`; PyTorch's NaN propagation is kept. */
export const UNARY: Record<UnaryOp, string> = {
  copy: 'a',
  trunc: 'Math.trunc(a)',
  toBool: '(a !== 0 ? 1 : 0)',
  neg: '-a',
  exp: 'Math.exp(a)',
  log: 'Math.log(a)',
  sqrt: 'Math.sqrt(a)',
  rsqrt: '1 / Math.sqrt(a)',
  abs: 'Math.abs(a)',
  // NaN and -0 have sign 0, as torch.sign
  sign: '(a > 0 ? 1 : a < 0 ? -1 : 0)',
  relu: '(a <= 0 ? 0 : a)',
  sigmoid: '1 / (1 + Math.exp(-a))',
  tanh: 'Math.tanh(a)',
  sin: 'Math.sin(a)',
  cos: 'Math.cos(a)',
  floor: 'Math.floor(a)',
  ceil: 'Math.ceil(a)',
  // round half to even, as torch.round
  round: '(Math.abs(a - Math.trunc(a)) === 0.5 ? 2 * Math.round(a / 2) : Math.round(a))',
  reciprocal: '1 / a',
  square: 'a * a',
  log1p: 'Math.log1p(a)',
  expm1: 'Math.expm1(a)',
  logicalNot: '(a === 0 ? 1 : 0)',
  // min(max(a, lo), hi): NaN stays NaN and hi wins when lo > hi, as torch.clamp
  clamp: 'Math.min(Math.max(a, p), q)',
  clampMin: '(a < p ? p : a)',
  clampMax: '(a > p ? p : a)',
  powScalar: 'Math.pow(a, p)',
  rpowScalar: 'Math.pow(p, a)',
  fill: 'p',
  leakyRelu: '(a > 0 ? a : a * p)',
  elu: '(a > 0 ? a : p * Math.expm1(a))',
  gelu: '0.5 * a * (1 + erf(a * Math.SQRT1_2))',
  geluTanh: '0.5 * a * (1 + Math.tanh(0.7978845608028654 * (a + 0.044715 * a * a * a)))',
  isnan: '(a !== a ? 1 : 0)',
  reluMask: '(a > 0 ? 1 : 0)',
  softplus: '(a * p > q ? a : Math.log1p(Math.exp(a * p)) / p)',
};

/** Binary expressions over `a`, `b` with parameter `p`. Comparisons give 0/1. */
export const BINARY: Record<BinaryOp, string> = {
  add: 'a + b',
  sub: 'a - b',
  mul: 'a * b',
  div: 'a / b',
  pow: 'Math.pow(a, b)',
  maximum: '(a !== a || b !== b ? NaN : a > b ? a : b)',
  minimum: '(a !== a || b !== b ? NaN : a < b ? a : b)',
  floorDivide: 'Math.floor(a / b)',
  remainder: '(a - Math.floor(a / b) * b)',
  fmod: '(a % b)',
  atan2: 'Math.atan2(a, b)',
  eq: '(a === b ? 1 : 0)',
  ne: '(a !== b ? 1 : 0)',
  lt: '(a < b ? 1 : 0)',
  le: '(a <= b ? 1 : 0)',
  gt: '(a > b ? 1 : 0)',
  ge: '(a >= b ? 1 : 0)',
  logicalAnd: '(a !== 0 && b !== 0 ? 1 : 0)',
  logicalOr: '(a !== 0 || b !== 0 ? 1 : 0)',
  logicalXor: '((a !== 0) !== (b !== 0) ? 1 : 0)',
  addScaled: 'a + p * b',
  reluBackward: '(b > 0 ? a : 0)',
  thresholdBackward: '(b > p ? a : 0)',
  sigmoidBackward: 'a * b * (1 - b)',
  tanhBackward: 'a * (1 - b * b)',
};

/** Math, as a module constant (a global lookup is slow under a vm context such as jest's). */
const M = Math;

/** Cody's coefficients of erfc on [0.5, 4) (numerator C, denominator D) and on [4, 6) (P, Q). */
const ERFC_C = [5.64188496988670089e-1, 8.88314979438837594, 6.61191906371416295e1, 2.98635138197400131e2, 8.81952221241769090e2, 1.71204761263407058e3, 2.05107837782607147e3, 1.23033935479799725e3, 2.15311535474403846e-8];
const ERFC_D = [1.57449261107098347e1, 1.17693950891312499e2, 5.37181101862009858e2, 1.62138957456669019e3, 3.29079923573345963e3, 4.36261909014324716e3, 3.43936767414372164e3, 1.23033935480374942e3];
const ERFC_P = [3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1, 1.60837851487422766e-2, 6.58749161529837803e-4, 1.63153871373020978e-2];
const ERFC_Q = [2.56852019228982242, 1.87295284992346725, 5.27905102951428412e-1, 6.05183413124413191e-2, 2.33520497626869185e-3];

/** erf with |error| < 1.2e-16 relative (W. J. Cody's rational approximations), for GELU. */
export function erf(x: number): number {
  const ax = M.abs(x);
  if (ax < 0.5) {
    const t = x * x;
    const num = ((((0.185777706184603153 * t + 3.16112374387056560) * t + 113.864154151050156) * t + 377.485237685302021) * t + 3209.37758913846947);
    const den = (((t + 23.6012909523441209) * t + 244.024637934444173) * t + 1282.61652607737228) * t + 2844.23683343917062;
    return (x * num) / den;
  }
  if (ax >= 6) return x > 0 ? 1 : -1;
  let r: number;
  if (ax < 4) {
    let num = ERFC_C[8] * ax;
    let den = ax;
    for (let i = 0; i < 7; i++) {
      num = (num + ERFC_C[i]) * ax;
      den = (den + ERFC_D[i]) * ax;
    }
    r = (num + ERFC_C[7]) / (den + ERFC_D[7]);
  } else {
    const z = 1 / (ax * ax);
    let num = ERFC_P[5] * z;
    let den = z;
    for (let i = 0; i < 4; i++) {
      num = (num + ERFC_P[i]) * z;
      den = (den + ERFC_Q[i]) * z;
    }
    r = (z * (num + ERFC_P[4])) / (den + ERFC_Q[4]);
    r = (0.5641895835477563 - r) / ax;
  }
  r *= M.exp(-ax * ax);
  return x > 0 ? 1 - r : r - 1;
}

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/**
 * The inverse of erf on (-1, 1) (NaN outside, +-inf at +-1), as ATen's calc_erfinv: a rational first
 * guess (central for |y| <= 0.7, tail otherwise) refined by two Newton steps on erf.
 */
export function erfinv(y: number): number {
  const { abs, exp, log, sign, sqrt } = M;
  const ay = abs(y);
  if (!(ay <= 1)) return NaN;
  if (ay === 1) return y > 0 ? Infinity : -Infinity;
  let x: number;
  if (ay <= 0.7) {
    const z = y * y;
    const num = ((-0.140543331 * z + 0.914624893) * z - 1.645349621) * z + 0.886226899;
    const den = (((0.012229801 * z - 0.329097515) * z + 1.442710462) * z - 2.118377725) * z + 1;
    x = (y * num) / den;
  } else {
    const z = sqrt(-log((1 - ay) / 2));
    const num = ((1.641345311 * z + 3.429567803) * z - 1.624906493) * z - 1.970840454;
    const den = (1.6370678 * z + 3.5438892) * z + 1;
    x = (sign(y) * num) / den;
  }
  for (let i = 0; i < 2; i++) x -= (erf(x) - y) / (TWO_OVER_SQRT_PI * exp(-x * x));
  return x;
}

(globalThis as unknown as { __cressetErf: typeof erf }).__cressetErf = erf;

const withErf = (e: string) => (e.includes('erf(') ? e.replace(/erf\(/g, 'globalThis.__cressetErf(') : e);

export function unary(op: UnaryOp, shape: readonly number[], a: Strided, out: Strided, p = 0, q = 0): void {
  runLoop(withErf(UNARY[op]), shape, [a, out], p, q);
}

export function binary(op: BinaryOp, shape: readonly number[], a: Strided, b: Strided, out: Strided, p = 0): void {
  runLoop(BINARY[op], shape, [a, b, out], p);
}

export function where(shape: readonly number[], cond: Strided, a: Strided, b: Strided, out: Strided): void {
  runLoop('(a !== 0 ? b : c)', shape, [cond, a, b, out]);
}
