/**
 * FractionalMaxPool2d/3d against PyTorch 1.13 (scripts/fixtures/nn_fractional_pool.py), in float32
 * and float64: after manualSeed(seed) each forward draws its windows' placement from the default
 * generator as PyTorch does (torch.rand(N, C, nd) in the input's dtype), so the values, the
 * indices and the input gradient all depend on matching those draws; plus the errors.
 */
import * as torch from 'cresset';
import { decode, expectTensor, JsonTensor, loadFixture } from '../packages/tensor/test/fixture';

const { nn } = torch;

interface Call { out: JsonTensor; indices: JsonTensor | null; gradOutput: JsonTensor; inputGrad: JsonTensor }
interface FmpCase {
  name: string;
  dtype: 'float32' | 'float64';
  module: string;
  args: unknown[];
  kwargs: Record<string, unknown>;
  samples: number[][][] | null;
  seed: number;
  repr: string;
  input: JsonTensor;
  calls: Call[];
}

const CASES = loadFixture<{ cases: FmpCase[] }>('nn_fractional_pool').cases;
const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

test.each(CASES.map((c) => [`${c.name} ${c.dtype}`, c] as const))('%s', (_name, c) => {
  const x = new torch.Tensor(decode(c.input, c.dtype), true);
  torch.manualSeed(c.seed);
  const opts: Record<string, unknown> = Object.fromEntries(Object.entries(c.kwargs).map(([k, v]) => [camel(k), v]));
  if (c.samples) opts.randomSamples = torch.tensor(c.samples, { dtype: c.dtype });
  const Ctor = (nn as unknown as Record<string, new (...a: unknown[]) => torch.nn.Module>)[c.module];
  const m = new Ctor(...c.args, opts);
  expect(String(m)).toBe(c.repr);
  for (const call of c.calls) {
    const out = (m.forward as (x: torch.Tensor) => torch.Tensor | [torch.Tensor, torch.Tensor])(x);
    const [values, indices] = Array.isArray(out) ? out : [out, null];
    expectTensor(values.array, call.out, { rtol: 0, atol: 0 }, 'values');
    if (call.indices) expectTensor(indices!.array, call.indices, {}, 'indices');
    else expect(indices).toBeNull();
    x.grad = null;
    values.backward(new torch.Tensor(decode(call.gradOutput, c.dtype)));
    expectTensor(x.grad!.array, call.inputGrad, { rtol: 0, atol: 0 }, 'input grad');
  }
});

test.each([
  [() => new nn.FractionalMaxPool2d(2), 'FractionalMaxPool2d requires specifying either an output size, or a pooling ratio'],
  [() => new nn.FractionalMaxPool2d(2, { outputRatio: 1.5 }), 'output_ratio must be between 0 and 1 (got 1.5)'],
  [() => nn.functional.fractionalMaxPool2d(torch.randn(1, 1, 4, 4), 3, { outputSize: 3 }), 'fractional_max_pool2d(): pool height 3 too large relative to input height 4'],
  [() => nn.functional.fractionalMaxPool3d(torch.randn(1, 1, 4, 4, 4), 3, { outputSize: 3 }), 'fractional_max_pool3d_out(): pool time 3 too large relative to input time 4'],
])('error %#', (run, message) => {
  expect(run).toThrow(message);
});
