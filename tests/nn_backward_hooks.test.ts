/**
 * register_full_backward_hook against PyTorch 1.13 (scripts/fixtures/nn_backward_hooks.py): the
 * order the hooks run in, their gradInput and gradOutput, a returned gradInput replacing the
 * gradient that flows on, a module whose input needs no gradient, and one of two inputs.
 */
import * as torch from 'cresset';
import { expectTensor, JsonTensor, loadFixture } from '../packages/tensor/test/fixture';

const { nn } = torch;
type T = torch.Tensor;

interface Entry { module: string; gradInput: (JsonTensor | null)[]; gradOutput: (JsonTensor | null)[] }
interface Fixture {
  chain: { log: Entry[]; grad_fn: string; xGrad: JsonTensor; paramGrads: Record<string, JsonTensor> };
  noInputGrad: { log: Entry[]; weightGrad: JsonTensor };
  twoInputs: { log: Entry[]; aGrad: JsonTensor };
}
const F = loadFixture<Fixture>('nn_backward_hooks');

/** A hook that logs what it gets, and with `scale` returns gradInput scaled. */
function recorder(log: { module: string; gradInput: (T | null)[]; gradOutput: (T | null)[] }[], name: string, scale?: number) {
  return (_m: unknown, gradInput: (T | null)[], gradOutput: (T | null)[]) => {
    log.push({ module: name, gradInput, gradOutput });
    return scale === undefined ? undefined : gradInput.map((g) => (g ? g.mul(scale) : null));
  };
}

function expectLog(got: { module: string; gradInput: (T | null)[]; gradOutput: (T | null)[] }[], want: Entry[]): void {
  expect(got.map((e) => e.module)).toEqual(want.map((e) => e.module));
  got.forEach((e, i) => {
    const w = want[i];
    expect(e.gradInput.map((g) => g === null)).toEqual(w.gradInput.map((g) => g === null));
    e.gradInput.forEach((g, k) => { if (g) expectTensor(g.array, w.gradInput[k]!, {}, `${e.module} gradInput ${k}`); });
    expect(e.gradOutput.length).toBe(w.gradOutput.length);
    e.gradOutput.forEach((g, k) => expectTensor(g!.array, w.gradOutput[k]!, {}, `${e.module} gradOutput ${k}`));
  });
}

test('hooks along a Sequential run innermost-last-first, and a returned gradInput flows on', () => {
  torch.manualSeed(3);
  const m = new nn.Sequential(new nn.Linear(3, 4), new nn.ReLU(), new nn.Linear(4, 2));
  const x = torch.linspace(-1, 1, 6).reshape(2, 3).requiresGrad_();
  const log: Parameters<typeof expectLog>[0] = [];
  m.getSubmodule('0').registerFullBackwardHook(recorder(log, '0'));
  m.getSubmodule('2').registerFullBackwardHook(recorder(log, '2', 2));
  m.registerFullBackwardHook(recorder(log, 'outer'));
  const out = m.forward(x) as T;
  expect(out.gradFn?.name).toBe(F.chain.grad_fn);
  out.backward(torch.tensor([[1, -0.5], [0.25, 2]]));
  expectLog(log, F.chain.log);
  expectTensor(x.grad!.array, F.chain.xGrad, {}, 'x.grad');
  for (const [n, p] of m.namedParameters()) expectTensor(p.grad!.array, F.chain.paramGrads[n], {}, `${n}.grad`);
});

test('a module whose input needs no gradient gets gradInput [null]', () => {
  torch.manualSeed(4);
  const lin = new nn.Linear(3, 2);
  const log: Parameters<typeof expectLog>[0] = [];
  lin.registerFullBackwardHook(recorder(log, 'lin'));
  lin.forward(torch.linspace(0, 1, 3)).sum().backward();
  expectLog(log, F.noInputGrad.log);
  expectTensor(lin.weight.grad!.array, F.noInputGrad.weightGrad);
});

test('an input that needs no gradient gets zeros in gradInput', () => {
  torch.manualSeed(5);
  const bil = new nn.Bilinear(2, 3, 2);
  const log: Parameters<typeof expectLog>[0] = [];
  bil.registerFullBackwardHook(recorder(log, 'bilinear'));
  const a = torch.tensor([[0.5, -1]]).requiresGrad_();
  bil.forward(a, torch.tensor([[1, 2, -0.5]])).sum().backward();
  expectLog(log, F.twoInputs.log);
  expectTensor(a.grad!.array, F.twoInputs.aGrad);
});

test('a removed hook no longer runs; a hook returning the wrong count is an error', () => {
  const lin = new nn.Linear(2, 2);
  let calls = 0;
  const h = lin.registerFullBackwardHook(() => { calls++; });
  const x = torch.ones(1, 2).requiresGrad_();
  lin.forward(x).sum().backward();
  h.remove();
  lin.forward(x).sum().backward();
  expect(calls).toBe(1);
  lin.registerFullBackwardHook(() => [null, null]);
  expect(() => lin.forward(x).sum().backward()).toThrow('Backward hook returned an invalid number of grad_input, got 2, but expected 1');
});
