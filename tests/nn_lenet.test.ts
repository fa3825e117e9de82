/**
 * LeNet of the seed "Convolution in Practise" (torch.models.LeNet, re-exported by
 * examples/lenet/model.ts) against PyTorch 1.13 (tests/fixtures/nn_lenet.json): repr, parameter
 * count 62006, state-dict keys, every initial parameter after manualSeed(0), output shape and values.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as torch from 'cresset';
import { LeNet } from '../examples/lenet/model';

interface Summary { shape: number[]; head: number[]; tail: number[]; sum: number; sumSquares: number }
interface Variant {
  name: string;
  options: { inChannels: number; padding: number };
  repr: string;
  numParameters: number;
  stateDictKeys: string[];
  params: Record<string, Summary>;
  conv1Weight: number[];
  input: { shape: number[]; values: number[] };
  output: { shape: number[]; values: number[] };
}

const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'nn_lenet.json'), 'utf8')) as { variants: Variant[] };

describe.each(fixture.variants.map((v) => [v.name, v]))('LeNet (%s)', (_name, v) => {
  const build = () => {
    torch.manualSeed(0);
    return new LeNet(v.options);
  };

  test('repr, parameter count and state-dict keys as PyTorch', () => {
    const m = build();
    expect(String(m)).toBe(v.repr);
    expect(m.parameters().reduce((n, p) => n + p.numel(), 0)).toBe(v.numParameters);
    expect(Object.keys(m.stateDict())).toEqual(v.stateDictKeys);
  });

  test("initial parameters after manualSeed(0) are PyTorch's, draw for draw", () => {
    const m = build();
    expect(m.conv1.weight.reshape(-1).toArray()).toEqual(v.conv1Weight);
    for (const [name, p] of m.namedParameters()) {
      const s = v.params[name];
      const flat = p.reshape(-1).toArray() as number[];
      expect([name, p.shape]).toEqual([name, s.shape]);
      expect(flat.slice(0, 8)).toEqual(s.head);
      expect(flat.slice(-8)).toEqual(s.tail);
      expect(flat.reduce((a, b) => a + b, 0)).toBeCloseTo(s.sum, 10);
      expect(flat.reduce((a, b) => a + b * b, 0)).toBeCloseTo(s.sumSquares, 10);
    }
  });

  test('output shape and values on a seeded input (float32 within 1e-5 of float64)', () => {
    const m = build();
    const x = torch.tensor(v.input.values).reshape(v.input.shape);
    const y = m.forward(x);
    expect(y.shape).toEqual(v.output.shape);
    const got = y.reshape(-1).toArray() as number[];
    const scale = Math.max(...v.output.values.map(Math.abs));
    const err = Math.max(...got.map((g, i) => Math.abs(g - v.output.values[i])));
    expect(err / scale).toBeLessThan(1e-5);
  });
});

test('parameter counts: 62006 for 3x32x32 input; the 1x28x28 variant has 2x6x25 fewer conv1 weights', () => {
  expect(fixture.variants.find((v) => v.name === 'cifar')!.numParameters).toBe(62006);
  expect(fixture.variants.find((v) => v.name === 'mnist')!.numParameters).toBe(fixture.variants.find((v) => v.name === 'cifar')!.numParameters - 2 * 6 * 25);
});
