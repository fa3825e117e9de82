/**
 * Loading the PyTorch fixtures of tests/fixtures/ (written by scripts/fixtures/) and comparing
 * arrays with them. A tensor is { dtype, shape, values } with NaN, infinities, -0 and integers
 * past 2^53 spelled as strings, or { dtype, shape, fill } for one repeated value
 * (see scripts/fixtures/_tensors.py).
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { DType, NDArray, tensor } from '../src';

export type JsonValue = number | boolean | string;
export interface JsonTensor {
  dtype: DType;
  shape: number[];
  values?: JsonValue[];
  fill?: JsonValue;
}

const ROOT = join(__dirname, '..', '..', '..', 'tests', 'fixtures');

/** The parsed fixture tests/fixtures/<name>.json. */
export function loadFixture<T = any>(name: string): T {
  return JSON.parse(readFileSync(join(ROOT, `${name}.json`), 'utf8')) as T;
}

/** A JSON value as the number it stands for. */
export function decodeValue(v: JsonValue): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v;
  switch (v) {
    case 'nan': return NaN;
    case 'inf': return Infinity;
    case '-inf': return -Infinity;
    case '-0': return -0;
    default: return Number(BigInt(v));
  }
}

/** The tensor's values in row-major order. */
export function valuesOf(t: JsonTensor): number[] {
  if (t.values) return t.values.map(decodeValue);
  return new Array<number>(t.shape.reduce((a, b) => a * b, 1)).fill(decodeValue(t.fill!));
}

/** The fixture tensor as an NDArray of its dtype (or `dtype` when given: a cast as .to(dtype)). */
export function decode(t: JsonTensor, dtype: DType = t.dtype): NDArray {
  return tensor(Float64Array.from(valuesOf(t)), { dtype, shape: t.shape });
}

export interface Tolerance {
  rtol?: number;
  atol?: number;
}

/** The default tolerance of a dtype: exact for integers and bool, 1e-6 relative for float32, 1e-12 for float64. */
export function toleranceOf(dtype: DType): Required<Tolerance> {
  if (dtype === 'float32') return { rtol: 1e-6, atol: 1e-6 };
  if (dtype === 'float64') return { rtol: 1e-12, atol: 1e-12 };
  return { rtol: 0, atol: 0 };
}

/** Asserts dtype, shape and values (NaN matches NaN; infinities and the sign of an exact zero match exactly) against the fixture. */
export function expectTensor(actual: NDArray, expected: JsonTensor, tol: Tolerance = {}, label = ''): void {
  expect({ label, dtype: actual.dtype, shape: [...actual.shape] }).toEqual({ label, dtype: expected.dtype, shape: expected.shape });
  const { rtol, atol } = { ...toleranceOf(expected.dtype), ...tol };
  const got = actual.values();
  const bad: string[] = [];
  valuesOf(expected).forEach((e, i) => {
    const a = got[i];
    const ok = Number.isNaN(e) ? Number.isNaN(a) : !Number.isFinite(e) || e === 0 ? Object.is(a, e) || (e === 0 && a !== 0 && Math.abs(a) <= atol) : Math.abs(a - e) <= atol + rtol * Math.abs(e);
    if (!ok && bad.length < 5) bad.push(`[${i}] got ${a}, expected ${e}`);
  });
  expect(`${label} ${bad.join('; ')}`).toBe(`${label} `);
}

/** One call of the random streams fixture (scripts/fixtures/tensor_random.py) and what PyTorch returned. */
export interface RandomStep {
  op: string;
  args: number[];
  dtype: DType;
  shape: number[];
  out: JsonTensor;
}

/** tests/fixtures/tensor_random.json: one sequence of calls per seed, and the reseeding check. */
export interface RandomFixture {
  streams: { seed: number; steps: RandomStep[] }[];
  reseed: { seed: number; first: JsonTensor; again: JsonTensor };
}
