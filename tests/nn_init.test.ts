/**
 * torch.nn.init against PyTorch 1.13 (tests/fixtures/nn_init.json): after manualSeed, every
 * initialiser fills a tensor with PyTorch's float32 values: exactly, except that normal draws on
 * 16 or more elements may differ in the last bits (within 1e-6 of the largest value) (PyTorch's vectorised kernel computes Box-Muller
 * in float32 with SIMD log/cos; cresset's generator computes in double and rounds once).
 * truncNormal_ within 1e-6 of the largest value too (PyTorch's erfinv runs in float32, cresset's in
 * double). calculateGain as PyTorch's.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as torch from 'cresset';

const { init } = torch.nn;

interface InitCase { fn: string; args?: number[]; options?: Record<string, unknown>; shape: number[]; seed: number; values: number[] }
const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'nn_init.json'), 'utf8')) as {
  cases: InitCase[];
  gains: [[torch.nn.init.Nonlinearity, number?], number][];
};

const label = (c: InitCase) => `${c.fn}(${JSON.stringify(c.args ?? c.options)}) on [${c.shape.join(', ')}]`;

test.each(fixture.cases.map((c) => [label(c), c]))('%s', (_l, c) => {
  torch.manualSeed(c.seed);
  const t = torch.empty(c.shape);
  const fn = (init as unknown as Record<string, (t: torch.Tensor, ...a: unknown[]) => torch.Tensor>)[c.fn];
  const out = c.options ? fn(t, c.options) : fn(t, ...(c.args ?? []));
  expect(out).toBe(t);
  const got = t.reshape(-1).toArray() as number[];
  if ((/ormal/.test(c.fn) && c.values.length >= 16) || c.fn === 'truncNormal_') {
    const scale = Math.max(...c.values.map(Math.abs));
    got.forEach((g, i) => expect([i, Math.abs(g - c.values[i]) <= 1e-6 * scale]).toEqual([i, true]));
  } else expect(got).toEqual(c.values);
});

test.each(fixture.gains.map(([args, g]) => [args.join(', '), args, g]))('calculateGain(%s)', (_l, args, g) => {
  expect(init.calculateGain(...(args as [torch.nn.init.Nonlinearity, number?]))).toBeCloseTo(g as number, 15);
});

test('fan in and out of a weight with fewer than 2 dims is an error naming its shape', () => {
  expect(() => init.xavierUniform_(torch.empty(5))).toThrow('Fan in and fan out can not be computed for tensor with fewer than 2 dimensions (got [5])');
});
