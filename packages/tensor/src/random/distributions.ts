/**
 * The sampling loops of PyTorch's CPU distribution kernels (ATen's DistributionTemplates.h and
 * TransformationHelper.h), draw for draw, so that a seeded Generator fills a tensor with exactly
 * the values PyTorch puts there. Each fills a contiguous typed array in row-major order.
 */
import { DType, TypedArray } from '../dtype';
import { DTypeError, ValueError } from '../errors';
import { Generator } from './generator';
import { fma } from '../ranges';

// Math's functions as module constants: under a vm context (jest) each global lookup of Math is slow.
const { cos, fround, log, sin, sqrt } = Math;
const TWO_PI = 2 * Math.PI;
/** float(2 * pi), the constant of the float normal_fill kernel. */
const TWO_PI_F = fround(TWO_PI);

function requireFloating(dtype: DType, op: string): void {
  if (dtype !== 'float32' && dtype !== 'float64') throw new DTypeError(`${op} not implemented for '${dtype}': expected a floating dtype`);
}

/** uniform_(from, to): float from the low 24 bits of one draw, double from the low 53 bits of two. */
export function uniformFill(data: TypedArray, dtype: DType, from: number, to: number, gen: Generator): void {
  requireFloating(dtype, 'uniform_');
  if (!(from <= to)) throw new ValueError(`uniform_ expects to return a [from, to) range, but found from=${from} > to=${to}`);
  if (dtype === 'float32') {
    const f = fround(from);
    uniformFloat32(data as Float32Array, fround(fround(to) - f), f, gen);
  } else uniformFloat64(data as Float64Array, to - from, from, gen);
}

/** float32 uniform_: the draw scaled in double, rounded once to float, as PyTorch's kernel. */
function uniformFloat32(data: Float32Array, range: number, from: number, gen: Generator): void {
  const n = data.length;
  for (let i = 0; i < n; i++) data[i] = gen.uniformFloat() * range + from;
}

/** float64 uniform_: x * range + from as one fused multiply-add, as the AVX2 build of PyTorch's kernel computes it. */
function uniformFloat64(data: Float64Array, range: number, from: number, gen: Generator): void {
  const n = data.length;
  for (let i = 0; i < n; i++) data[i] = fma(gen.uniformDouble(), range, from, false);
}

/** One sample of at::normal_distribution<double>: Box-Muller on two doubles, caching the sin half in the generator. */
export function normalDouble(gen: Generator, mean: number, std: number): number {
  if (gen.nextDoubleNormal !== null) {
    const cached = gen.nextDoubleNormal;
    gen.nextDoubleNormal = null;
    return cached * std + mean;
  }
  const u1 = gen.uniformDouble();
  const u2 = gen.uniformDouble();
  const r = sqrt(-2 * log(1 - u2));
  const theta = TWO_PI * u1;
  gen.nextDoubleNormal = r * sin(theta);
  return r * cos(theta) * std + mean;
}

/** normal_fill_16 on float32: Box-Muller over 16 uniforms in place, the first 8 as radii, the last 8 as angles. */
function normalFill16Float32(data: Float32Array, at: number, mean: number, std: number): void {
  for (let j = at; j < at + 8; j++) {
    const u1 = fround(1 - data[j]);
    const radius = fround(sqrt(fround(-2 * fround(log(u1)))));
    const theta = fround(TWO_PI_F * data[j + 8]);
    data[j] = fround(radius * fround(cos(theta))) * std + mean;
    data[j + 8] = fround(radius * fround(sin(theta))) * std + mean;
  }
}

/** normal_fill_16 on float64. */
function normalFill16Float64(data: Float64Array, at: number, mean: number, std: number): void {
  for (let j = at; j < at + 8; j++) {
    const radius = sqrt(-2 * log(1 - data[j]));
    const theta = TWO_PI * data[j + 8];
    data[j] = radius * cos(theta) * std + mean;
    data[j + 8] = radius * sin(theta) * std + mean;
  }
}

/**
 * normal_(mean, std) by PyTorch's two paths: 16 or more elements fill with uniforms then transform
 * blocks of 16 (redrawing the last 16 when the size is not a multiple of 16); fewer elements draw
 * one at a time from normal_distribution<double>, which shares the generator's cached sample.
 */
export function normalFill(data: TypedArray, dtype: DType, mean: number, std: number, gen: Generator): void {
  requireFloating(dtype, 'normal_');
  if (!(std >= 0)) throw new ValueError(`normal expects std >= 0.0, but found std ${std}`);
  const n = data.length;
  const float = dtype === 'float32';
  if (n < 16) {
    for (let i = 0; i < n; i++) data[i] = normalDouble(gen, mean, std);
    return;
  }
  if (float) {
    const f = data as Float32Array;
    const m = fround(mean);
    const sd = fround(std);
    uniformFloat32(f, 1, 0, gen);
    for (let i = 0; i + 16 <= n; i += 16) normalFill16Float32(f, i, m, sd);
    if (n % 16 !== 0) {
      uniformFloat32(f.subarray(n - 16), 1, 0, gen);
      normalFill16Float32(f, n - 16, m, sd);
    }
  } else {
    const d = data as Float64Array;
    for (let i = 0; i < n; i++) d[i] = gen.uniformDouble();
    for (let i = 0; i + 16 <= n; i += 16) normalFill16Float64(d, i, mean, std);
    if (n % 16 !== 0) {
      for (let i = n - 16; i < n; i++) d[i] = gen.uniformDouble();
      normalFill16Float64(d, n - 16, mean, std);
    }
  }
}

/** random_(from, to) and randint: (draw % range) + from, with a 64-bit draw only for ranges of 2^32 or more in int64/float64. */
export function randintFill(data: TypedArray, dtype: DType, low: number, high: number, gen: Generator): void {
  if (!Number.isInteger(low) || !Number.isInteger(high)) throw new ValueError(`random_: from and to must be integers, got from=${low}, to=${high}`);
  if (low >= high) throw new ValueError(`random_ expects 'from' to be less than 'to', but got from=${low} >= to=${high}`);
  const range = high - low;
  const wide = range >= 2 ** 32 && (dtype === 'int64' || dtype === 'float64');
  const n = data.length;
  if (wide) {
    const r = BigInt(range);
    for (let i = 0; i < n; i++) data[i] = Number(gen.random64() % r) + low;
  } else {
    for (let i = 0; i < n; i++) data[i] = (gen.random() % range) + low;
  }
}

/** One int64 draw of random_() with no bounds: random64() mod 2^63, exactly (used for seeds). */
export function randomInt64(gen: Generator): bigint {
  return gen.random64() % (1n << 63n);
}

/** random_() with no bounds: [0, 2^digits] for floats, the whole non-negative range for integers, a bit for bool. */
export function randomFill(data: TypedArray, dtype: DType, gen: Generator): void {
  const n = data.length;
  for (let i = 0; i < n; i++) {
    switch (dtype) {
      case 'int64': data[i] = Number(randomInt64(gen)); break;
      case 'float64': data[i] = Number(gen.random64() % ((1n << 53n) + 1n)); break;
      case 'float32': data[i] = gen.random() % (2 ** 24 + 1); break;
      case 'int32': data[i] = gen.random() % 2 ** 31; break;
      case 'uint8': data[i] = gen.random() % 256; break;
      case 'bool': data[i] = gen.random() & 1; break;
    }
  }
}

/** bernoulli_(p): 1 where a double uniform draw is below p (bernoulli_distribution<double>, the non-MKL kernel). */
export function bernoulliFill(data: TypedArray, dtype: DType, p: number, gen: Generator): void {
  if (!(p >= 0 && p <= 1)) throw new ValueError(`bernoulli_ expects p to be in [0, 1], but got p=${p}`);
  for (let i = 0; i < data.length; i++) data[i] = gen.uniformDouble() < p ? 1 : 0;
}

/** randperm(n): the identity shuffled by swapping i with i + random() % (n - i), as randperm_cpu. */
export function randperm(n: number, gen: Generator): Float64Array {
  if (!Number.isInteger(n) || n < 0) throw new ValueError(`randperm: n must be non-negative, got ${n}`);
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) r[i] = i;
  for (let i = 0; i < n - 1; i++) {
    const z = gen.random() % (n - i);
    const sav = r[i];
    r[i] = r[z + i];
    r[z + i] = sav;
  }
  return r;
}
