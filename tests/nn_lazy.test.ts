/**
 * The lazy modules against PyTorch 1.13 (scripts/fixtures/nn_lazy.py): repr and state-dict keys
 * before the first forward; after manualSeed(seed) and that forward (in float64 after double()
 * for some cases), the class the module became, its repr and keys, its parameters (exactly
 * PyTorch's draws), outputs, gradients and buffers.
 */
import * as torch from 'cresset';
import { decode, expectTensor, JsonTensor, loadFixture } from '../packages/tensor/test/fixture';

const { nn } = torch;

interface LazyCase {
  name: string;
  module: string;
  args: unknown[];
  kwargs: Record<string, unknown>;
  seed: number;
  double: boolean;
  before: { repr: string; stateDictKeys: string[]; params: string[] };
  input: JsonTensor;
  className: string;
  repr: string;
  stateDictKeys: string[];
  params: Record<string, JsonTensor>;
  out: JsonTensor;
  gradOutput: JsonTensor;
  inputGrad: JsonTensor;
  paramGrads: Record<string, JsonTensor>;
  buffers: Record<string, JsonTensor>;
}

const CASES = loadFixture<{ cases: LazyCase[] }>('nn_lazy').cases;
const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function build(c: LazyCase): torch.nn.Module {
  const Ctor = (nn as unknown as Record<string, new (...a: unknown[]) => torch.nn.Module>)[c.module];
  const opts = Object.fromEntries(Object.entries(c.kwargs).map(([k, v]) => [camel(k), v]));
  return Object.keys(opts).length ? new Ctor(...c.args, opts) : new Ctor(...c.args);
}

test.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
  torch.manualSeed(c.seed);
  const m = build(c);
  expect(String(m)).toBe(c.before.repr);
  expect(Object.keys(m.stateDict())).toEqual(c.before.stateDictKeys);
  expect(m.namedParameters().map(([n]) => n)).toEqual(c.before.params);
  expect(m.parameters().every((p) => p instanceof nn.UninitializedParameter && p.isUninitialized())).toBe(true);
  if (c.double) m.double();
  const dtype = c.double ? 'float64' : 'float32';
  const x = new torch.Tensor(decode(c.input, dtype), true);
  const out = (m.forward as (x: torch.Tensor) => torch.Tensor)(x);
  expect(m.constructor.name).toBe(c.className);
  expect((nn as unknown as Record<string, unknown>)[c.className]).toBe(m.constructor);
  expect(String(m)).toBe(c.repr);
  expect(Object.keys(m.stateDict())).toEqual(c.stateDictKeys);
  const params = new Map(m.namedParameters());
  expect([...params.keys()]).toEqual(Object.keys(c.params));
  for (const [n, p] of Object.entries(c.params)) expectTensor(params.get(n)!.detach().array, p, { rtol: 0, atol: 0 }, `${n} init`);
  const tol = c.double ? { rtol: 1e-10, atol: 1e-10 } : { rtol: 1e-5, atol: 1e-5 };
  expectTensor(out.array, c.out, tol, 'output');
  out.backward(new torch.Tensor(decode(c.gradOutput, dtype)));
  expectTensor(x.grad!.array, c.inputGrad, tol, 'input grad');
  for (const [n, g] of Object.entries(c.paramGrads)) expectTensor(params.get(n)!.grad!.array, g, tol, `${n}.grad`);
  const buffers = new Map(m.namedBuffers());
  expect([...buffers.keys()]).toEqual(Object.keys(c.buffers));
  for (const [n, b] of Object.entries(c.buffers)) expectTensor(buffers.get(n)!.array, b, tol, `buffer ${n}`);
});

test('a lazy convolution names the input ranks it takes', () => {
  expect(() => new nn.LazyConv2d(4, 3).forward(torch.randn(5, 5))).toThrow('Expected 3D (unbatched) or 4D (batched) input to LazyConv2d, but got input of size: torch.Size([5, 5])');
});

test('an uninitialized parameter prints as PyTorch prints it', () => {
  expect(String(new nn.LazyLinear(3).weight)).toBe('<UninitializedParameter>');
});
