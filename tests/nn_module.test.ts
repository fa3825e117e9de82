/**
 * Module bookkeeping on a nested model against PyTorch 1.13 (tests/fixtures/nn_module.json):
 * repr (also through console.log), named parameters / buffers / modules / children, apply order,
 * train/eval, state-dict keys and load_state_dict's errors and results; then zeroGrad and a
 * state-dict round trip by exact reasoning.
 */
import * as fs from 'fs';
import * as path from 'path';
import { inspect } from 'util';
import * as torch from 'cresset';

const { nn } = torch;
const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'nn_module.json'), 'utf8'));

class Net extends nn.Module {
  features = new nn.Sequential(new nn.Conv2d(1, 4, 3, { padding: 1 }), new nn.BatchNorm2d(4), new nn.ReLU(), new nn.MaxPool2d(2));
  blocks = new nn.ModuleList([new nn.Linear(16, 8), new nn.Dropout(0.25)]);
  heads = new nn.ModuleDict({ cls: new nn.Linear(8, 3), aux: new nn.Sequential({ flat: new nn.Flatten(), id: new nn.Identity() }) });
  unflat = new nn.Unflatten(1, [2, 4]);
  act = new nn.LeakyReLU(0.1);
  shared = this.blocks.at(0); // the same Linear under a second name
  forward(x: torch.Tensor): torch.Tensor {
    return x;
  }
}

const shapes = (entries: [string, torch.Tensor][]) => entries.map(([n, t]) => [n, [...t.shape]]);
const kinds = (entries: [string, torch.nn.Module][]) => entries.map(([n, m]) => [n, m.constructor.name]);

function loadResult(m: torch.nn.Module, sd: Record<string, torch.Tensor>, strict: boolean) {
  try {
    const r = m.loadStateDict(sd, { strict });
    return { missing: r.missingKeys, unexpected: r.unexpectedKeys };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

describe('a nested model, as PyTorch', () => {
  torch.manualSeed(0);
  const m = new Net();
  const sd = m.stateDict();

  test('repr, also through console.log', () => {
    expect(String(m)).toBe(fixture.repr);
    expect(inspect(m)).toBe(fixture.repr);
  });

  test('named parameters (shared ones once), buffers, modules and children', () => {
    expect(shapes(m.namedParameters())).toEqual(fixture.namedParameters);
    expect(shapes(m.namedBuffers())).toEqual(fixture.namedBuffers);
    expect(kinds(m.namedModules())).toEqual(fixture.namedModules);
    expect(kinds(m.namedChildren())).toEqual(fixture.namedChildren);
    expect(m.parameters().length).toBe(fixture.namedParameters.length);
    expect(m.buffers().length).toBe(fixture.namedBuffers.length);
    expect(m.children().length).toBe(fixture.namedChildren.length);
  });

  test('apply visits children first, then the module', () => {
    const order: string[] = [];
    m.apply((mod) => order.push(mod.constructor.name));
    expect(order).toEqual(fixture.applyOrder);
  });

  test('state-dict keys (shared parameters under each name)', () => {
    expect(Object.keys(sd)).toEqual(fixture.stateDictKeys);
  });

  test('eval() reaches every module, train() brings them back', () => {
    m.eval();
    expect(m.modules().map((x) => x.training)).toEqual(fixture.trainingAfterEval);
    m.train();
    expect(m.modules().every((x) => x.training)).toBe(true);
  });

  test('loadStateDict: missing and unexpected keys, strict and not', () => {
    const broken: Record<string, torch.Tensor> = { ...sd };
    delete broken['features.0.bias'];
    broken['extra.weight'] = torch.zeros(2);
    broken['conv.bias'] = torch.zeros(2);
    expect(loadResult(new Net(), broken, true)).toEqual(fixture.loadMissingUnexpected);
    expect(loadResult(new Net(), broken, false)).toEqual(fixture.loadMissingUnexpectedNonStrict);
  });

  test('loadStateDict: size mismatches are errors even when not strict', () => {
    const resized: Record<string, torch.Tensor> = { ...sd, 'heads.cls.weight': torch.zeros(3, 4), 'features.1.running_mean': torch.zeros(5) };
    expect(loadResult(new Net(), resized, true)).toEqual(fixture.loadSizeMismatch);
    expect(loadResult(new Net(), resized, false)).toEqual(fixture.loadSizeMismatchNonStrict);
  });
});

describe('state and gradients', () => {
  test('loadStateDict copies every value; stateDict shares storage with the parameters', () => {
    torch.manualSeed(1);
    const a = new Net();
    torch.manualSeed(2);
    const b = new Net();
    expect(a.features.at(0).stateDict().weight.equal(b.features.at(0).stateDict().weight)).toBe(false);
    b.loadStateDict(a.stateDict());
    for (const [k, v] of Object.entries(a.stateDict())) expect([k, b.stateDict()[k].equal(v)]).toEqual([k, true]);
    const w = b.stateDict()['heads.cls.bias'];
    torch.noGrad(() => w.fill_(7));
    expect((b.heads.get('cls') as torch.nn.Linear).bias!.toArray()).toEqual([7, 7, 7]);
  });

  test('zeroGrad zeroes every gradient (PyTorch 1.13 default), or drops them with setToNone', () => {
    const lin = new nn.Linear(3, 2);
    lin.forward(torch.ones(4, 3)).sum().backward();
    expect(lin.weight.grad!.toArray()).toEqual([[4, 4, 4], [4, 4, 4]]);
    expect(lin.bias!.grad!.toArray()).toEqual([4, 4]);
    lin.zeroGrad();
    expect(lin.weight.grad!.toArray()).toEqual([[0, 0, 0], [0, 0, 0]]);
    lin.zeroGrad({ setToNone: true });
    expect(lin.weight.grad).toBeNull();
  });

  test('assigning a Parameter registers it; registerBuffer adds state that is not trained', () => {
    class Scale extends nn.Module {
      gain = new nn.Parameter(torch.ones(2));
      constructor() {
        super();
        this.registerBuffer('offset', torch.zeros(2));
        this.registerBuffer('scratch', torch.zeros(1), false);
      }
      forward(x: torch.Tensor): torch.Tensor {
        return x.mul(this.gain).add(this.buffer('offset')!);
      }
    }
    const s = new Scale();
    expect(s.namedParameters().map(([n]) => n)).toEqual(['gain']);
    expect(s.namedBuffers().map(([n]) => n)).toEqual(['offset', 'scratch']);
    expect(Object.keys(s.stateDict())).toEqual(['gain', 'offset']);
    (s as unknown as { offset: torch.Tensor }).offset = torch.tensor([1, 2]);
    expect(s.forward(torch.ones(2)).toArray()).toEqual([2, 3]);
  });
});
