/**
 * torch.compile's guards and contract: plans per input shape, per training/eval mode and per grad
 * mode; fresh outputs; parameters swapped under a plan; functions that read tensor values in
 * JavaScript (eager with a warning, or CompileError under fullgraph); a module whose output needs
 * autograd; index errors a replay meets; the module wrapper's names.
 */
import * as torch from 'cresset';
import type { Tensor } from 'cresset';

const { nn } = torch;
const F = nn.functional;

const bits = (t: Tensor) => Array.from(new Uint32Array(Float32Array.from(t.array.values()).buffer));

function lenet(): torch.models.LeNet {
  torch.manualSeed(0);
  return new torch.models.LeNet();
}

describe('torch.compile(model) for inference', () => {
  test('gives the eager outputs for new data, keeps a plan per batch size, and returns fresh tensors', () => {
    const model = lenet().eval();
    const fast = torch.compile(model);
    const batches = [64, 64, 64, 5, 5, 5, 64].map((n) => torch.randn(n, 3, 32, 32));
    const outs = torch.noGrad(() => batches.map((x) => fast.forward(x)));
    const kept = bits(outs[2]);
    torch.noGrad(() => batches.forEach((x, i) => expect(bits(outs[i])).toEqual(bits(model.forward(x)))));
    expect(bits(outs[2])).toEqual(kept); // later calls did not overwrite it
    expect(outs[2]).not.toBe(outs[3]);
    expect(fast.compiled.stats).toEqual({ eager: 2, recorded: 2, replayed: 3 });
  });

  test('follows train() and eval(): dropout is drawn in training mode and skipped in eval mode', () => {
    torch.manualSeed(3);
    const model = new nn.Sequential(new nn.Linear(20, 30), new nn.Dropout(0.5), new nn.Linear(30, 2));
    const fast = torch.compile(model);
    const x = torch.randn(8, 20);
    const run = (m: { forward(x: Tensor): Tensor }, training: boolean) => {
      model.train(training);
      torch.manualSeed(7);
      return torch.noGrad(() => [0, 1, 2, 3].map(() => bits(m.forward(x))));
    };
    for (const training of [true, false, true]) expect(run(fast, training)).toEqual(run(model, training));
    const train = run(fast, true);
    expect(train[3]).not.toEqual(train[2]); // fresh dropout masks on every replay
    // one plan per mode, both kept: going back to training mode replays the first
    expect(fast.compiled.stats).toEqual({ eager: 1, recorded: 2, replayed: 13 });
  });

  test('a parameter given a new array under a plan is read from its new array', () => {
    const model = lenet().eval();
    const fast = torch.compile(model);
    const x = torch.randn(4, 3, 32, 32);
    torch.noGrad(() => [0, 1, 2].forEach(() => fast.forward(x)));
    const w = model.parameters()[0];
    w.data = w.mul(2);
    expect(bits(torch.noGrad(() => fast.forward(x)))).toEqual(bits(torch.noGrad(() => model.forward(x))));
    // the state dict is the original's, under PyTorch's prefix
    expect(Object.keys(fast.stateDict())[0]).toBe(`_orig_mod.${Object.keys(model.stateDict())[0]}`);
  });

  test('with grad enabled, the output needs a graph: the module runs eagerly and backward works', () => {
    const model = lenet();
    const fast = torch.compile(model);
    const x = torch.randn(2, 3, 32, 32);
    const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    for (let i = 0; i < 3; i++) {
      model.zeroGrad();
      fast.forward(x).sum().backward();
    }
    const g = bits(model.parameters()[0].grad!);
    model.zeroGrad();
    model.forward(x).sum().backward();
    expect(g).toEqual(bits(model.parameters()[0].grad!));
    expect(fast.compiled.stats.replayed).toBe(0);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(/runs eagerly: its result requires grad/);
    warn.mockRestore();
  });
});

describe('torch.compile(fn)', () => {
  test('a function that reads a value in JavaScript runs eagerly, and throws CompileError under fullgraph', () => {
    const f = (x: Tensor) => (x.sum().item() as number) > 0 ? x.mul(2) : x.mul(-1);
    const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const loose = torch.compile(f);
    const x = torch.randn(300);
    for (let i = 0; i < 4; i++) expect(bits(loose(x))).toEqual(bits(f(x)));
    expect(bits(loose(x.neg()))).toEqual(bits(f(x.neg())));
    expect(loose.stats.replayed).toBe(0);
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
    const strict = torch.compile(f, { fullgraph: true });
    strict(x);
    expect(() => strict(x)).toThrow(torch.CompileError);
    expect(() => strict(x)).toThrow(/runs eagerly: it reads a tensor value in JavaScript \(item\(\)\)/);
  });

  test('an argument that requires grad gets its gradient: such calls run eagerly', () => {
    const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const f = (x: Tensor) => {
      const y = x.mul(x).sum();
      y.backward();
      return y;
    };
    const c = torch.compile(f);
    for (let i = 0; i < 3; i++) {
      const x = torch.randn([400], { requiresGrad: true });
      c(x);
      expect(bits(x.grad!)).toEqual(bits(x.mul(2)));
    }
    expect(c.stats.replayed).toBe(0);
    expect(String(warn.mock.calls[0][0])).toMatch(/an argument requires grad/);
    warn.mockRestore();
  });

  test('values of non-tensor arguments are part of the key', () => {
    const f = (x: Tensor, k: number) => x.mul(k).relu();
    const c = torch.compile(f);
    const x = torch.randn(500);
    for (const k of [2, 2, 2, 3, 3, 3, 2]) expect(bits(c(x, k))).toEqual(bits(f(x, k)));
    expect(c.stats).toEqual({ eager: 2, recorded: 2, replayed: 3 });
  });

  test('a class index out of range in a replayed step is an error, not a wrong loss', () => {
    torch.manualSeed(0);
    const model = new nn.Linear(6, 4);
    const step = torch.compile((x: Tensor, y: Tensor) => {
      const loss = F.crossEntropy(model.forward(x), y);
      loss.backward();
      return loss;
    });
    const x = torch.randn(3, 6);
    for (let i = 0; i < 3; i++) step(x, torch.tensor([0, 1, 3], { dtype: 'int64' }));
    expect(() => step(x, torch.tensor([0, 9, 3], { dtype: 'int64' }))).toThrow(/out of range/);
  });

  test("PyTorch's option names: mode is accepted, backend 'inductor' is cresset's, dynamic: true is refused", () => {
    const f = (x: Tensor) => x.mul(3);
    const c = torch.compile(f, { mode: 'max-autotune', backend: 'inductor', dynamic: false });
    const x = torch.randn(300);
    for (let i = 0; i < 3; i++) expect(bits(c(x))).toEqual(bits(f(x)));
    expect(c.stats.replayed).toBe(1);
    expect(() => torch.compile(f, { dynamic: true })).toThrow(/dynamic: true is not supported/);
    expect(() => torch.compile(f, { backend: 'onnxrt' })).toThrow(/compiles modules/);
  });

  test('a plan is dropped past cacheSize, least recently used first', () => {
    const c = torch.compile((x: Tensor) => x.add(1), { cacheSize: 2 });
    for (const n of [300, 300, 301, 301, 302, 302, 300]) expect(bits(c(torch.ones(n)))[0]).toBe(bits(torch.tensor([2]))[0]);
    // 300's plan was dropped when 302 came: it starts over with an eager call
    expect(c.stats).toEqual({ eager: 4, recorded: 3, replayed: 0 });
  });
});
