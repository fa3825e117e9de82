/**
 * Module features against PyTorch 1.13 (tests/fixtures/nn_module_features.json, from
 * scripts/fixtures/nn_module_features.py on the same seeded model): forward hooks and pre-hooks in
 * PyTorch's order, replacing arguments and outputs, and removed by their handles; getSubmodule
 * and its errors; requiresGrad_; non-persistent buffers; double()/float(); modules()/namedChildren().
 */
import * as fs from 'fs';
import * as path from 'path';
import * as torch from 'cresset';
import { AttributeError } from '@cresset/tensor';

const { nn } = torch;
const fx = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'nn_module_features.json'), 'utf8'));
type Fx = { shape: number[]; values: number[] };
const fromFx = (t: Fx) => torch.tensor(t.values).reshape(t.shape);

function model() {
  torch.manualSeed(7);
  return new nn.Sequential(new nn.Linear(3, 4), new nn.ReLU(), new nn.Sequential(new nn.Linear(4, 2), new nn.Tanh()));
}

function expectClose(a: torch.Tensor, want: Fx) {
  expect(a.shape).toEqual(want.shape);
  expect(a.sub(fromFx(want)).abs().max().item()).toBeLessThan(1e-6);
}

test('forward hooks and pre-hooks run in PyTorch\'s order, replace arguments and outputs, and are removed by their handles', () => {
  const m = model();
  const x = fromFx(fx.input);
  const log: string[] = [];
  const handles = [
    m.getSubmodule('0').registerForwardPreHook((_mod, args) => { log.push('pre0'); return [(args[0] as torch.Tensor).mul(2)]; }),
    m.getSubmodule('2').registerForwardHook((_mod, _args, out) => { log.push('post2'); return (out as torch.Tensor).add(1); }),
    m.registerForwardHook(() => { log.push('post_outer'); }),
    m.getSubmodule('2.0').registerForwardPreHook(() => { log.push('pre2.0'); }),
  ];
  expectClose(m.forward(x) as torch.Tensor, fx.hooked);
  expect(log).toEqual(fx.order);
  handles.forEach((h) => h.remove());
  log.length = 0;
  expectClose(m.forward(x) as torch.Tensor, fx.afterRemove);
  expect(log).toEqual(fx.logAfterRemove);
});

test('getSubmodule finds dotted paths and names what is missing', () => {
  const m = model();
  expect(m.getSubmodule('2.0').constructor.name).toBe(fx.submodule);
  expect(m.getSubmodule('').constructor.name).toBe(fx.submoduleSelf);
  expect(() => m.getSubmodule('2.5')).toThrow(AttributeError);
  expect(() => m.getSubmodule('2.5')).toThrow(fx.submoduleMissing);
  expect(() => m.getSubmodule('0.weight')).toThrow(fx.submoduleNotModule);
});

test('a non-persistent buffer is a buffer but not in the state dict', () => {
  const buf = new nn.Linear(2, 2);
  buf.registerBuffer('scale', torch.ones(2), { persistent: false });
  buf.registerBuffer('shift', torch.zeros(2));
  expect(buf.namedBuffers().map(([n]) => n)).toEqual(fx.bufferNames);
  expect(Object.keys(buf.stateDict())).toEqual(fx.bufferStateKeys);
});

test('requiresGrad_ freezes a submodule; double() and float() cast the parameters', () => {
  const frozen = model();
  frozen.getSubmodule('2').requiresGrad_(false);
  expect(frozen.namedParameters().map(([n, p]) => [n, p.requiresGrad])).toEqual(fx.requiresGrad);
  const cast = model().double();
  expect(cast.parameters().map((p) => p.dtype)).toEqual(fx.doubleDtypes);
  expect(cast.float().parameters().map((p) => p.dtype)).toEqual(fx.floatDtypes);
});

test('modules() and namedChildren()', () => {
  const m = model();
  expect(m.modules().map((x) => x.constructor.name)).toEqual(fx.modules);
  expect(m.namedChildren().map(([n]) => n)).toEqual(fx.namedChildren);
});
