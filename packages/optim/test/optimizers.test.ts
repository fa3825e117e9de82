/** SGD, Adam, AdamW, RMSprop and Adagrad against PyTorch 1.13, step by step (tests/fixtures/optim_steps.json). */
import * as fs from 'fs';
import * as path from 'path';
import { noGrad, randn, tensor, Tensor } from '@cresset/autograd';
import { manualSeed } from '@cresset/tensor';
import * as optim from '@cresset/optim';

interface Fixture {
  shapes: number[][];
  initial: number[][];
  grads: number[][][];
  cases: { optimizer: keyof typeof ctors; options: Record<string, unknown>; params: number[][][] }[];
  groups: { params: number[][][] };
}
const fx: Fixture = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../tests/fixtures/optim_steps.json'), 'utf8'));

const ctors = { SGD: optim.SGD, Adam: optim.Adam, AdamW: optim.AdamW, RMSprop: optim.RMSprop, Adagrad: optim.Adagrad };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyOptimizer = optim.Optimizer<any>;

const freshParams = () => fx.initial.map((v, i) => tensor(v, { requiresGrad: true }).reshape(fx.shapes[i]).detach().requiresGrad_(true));

function expectClose(got: Tensor, want: number[], what: string): void {
  const g = Array.from(got.flatten().toArray() as number[]);
  g.forEach((x, i) => {
    const tol = 1e-5 + 1e-5 * Math.abs(want[i]);
    if (Math.abs(x - want[i]) > tol) throw new Error(`${what}: element ${i} is ${x}, PyTorch has ${want[i]}`);
  });
}

/** Gives each parameter the fixture's gradient of step k and steps. */
function stepWith(opt: AnyOptimizer, params: Tensor[], k: number): void {
  params.forEach((p, i) => (p.grad = tensor(fx.grads[k][i]).reshape(fx.shapes[i])));
  opt.step();
}

describe.each(fx.cases.map((c) => [`${c.optimizer}(${JSON.stringify(c.options)})`, c] as const))('%s', (_name, c) => {
  const make = (params: Tensor[]) => new (ctors[c.optimizer] as new (p: Tensor[], o: unknown) => AnyOptimizer)(params, c.options);

  test('matches PyTorch after every step', () => {
    const params = freshParams();
    const opt = make(params);
    c.params.forEach((want, k) => {
      stepWith(opt, params, k);
      params.forEach((p, i) => expectClose(p, want[i], `step ${k + 1}, param ${i}`));
    });
  });

  test('resuming from stateDict gives the same steps as never stopping', () => {
    const params = freshParams();
    const opt = make(params);
    for (let k = 0; k < 3; k++) stepWith(opt, params, k);
    const sd = JSON.parse(JSON.stringify(opt.stateDict(), (_k, v) => (v instanceof Tensor ? { t: v.toArray() } : v)));
    // a new process: new parameters holding the saved values, a new optimizer loading the state
    const resumed = params.map((p) => p.detach().clone().requiresGrad_(true));
    const opt2 = make(resumed);
    const revive = (o: unknown): unknown =>
      o && typeof o === 'object' && 't' in (o as object) ? tensor((o as { t: number[] }).t) : Array.isArray(o) ? o : o && typeof o === 'object' ? Object.fromEntries(Object.entries(o).map(([k, v]) => [k, revive(v)])) : o;
    opt2.loadStateDict(revive(sd) as optim.OptimizerStateDict);
    for (let k = 3; k < c.params.length; k++) {
      stepWith(opt2, resumed, k);
      resumed.forEach((p, i) => expectClose(p, c.params[k][i], `resumed step ${k + 1}, param ${i}`));
    }
  });
});

test('parameter groups override the defaults per group (SGD)', () => {
  const params = freshParams();
  const opt = new optim.SGD([{ params: [params[0]] }, { params: [params[1]], lr: 0.5, momentum: 0 }], { lr: 0.1, momentum: 0.9 });
  fx.groups.params.forEach((want, k) => {
    stepWith(opt, params, k);
    params.forEach((p, i) => expectClose(p, want[i], `step ${k + 1}, group ${i}`));
  });
  expect(opt.paramGroups.map((g) => [g.lr, g.momentum])).toEqual([[0.1, 0.9], [0.5, 0]]);
});

describe('zeroGrad', () => {
  test('zeroes in place by default and sets to null with setToNone', () => {
    const [p] = freshParams();
    const opt = new optim.SGD([p], { lr: 0.1 });
    p.grad = tensor([1, 2, 3, 4, 5, 6]).reshape([2, 3]);
    const g = p.grad;
    opt.zeroGrad();
    expect(p.grad).toBe(g);
    expect(p.grad!.toArray()).toEqual([[0, 0, 0], [0, 0, 0]]);
    opt.zeroGrad({ setToNone: true });
    expect(p.grad).toBeNull();
  });
  test('a parameter without a gradient is left alone by step()', () => {
    const [p, q] = freshParams();
    const opt = new optim.Adam([p, q]);
    p.grad = tensor(fx.grads[0][0]).reshape(fx.shapes[0]);
    const before = q.toArray();
    opt.step();
    expect(q.toArray()).toEqual(before);
    expect(opt.state.has(q)).toBe(false);
  });
});

describe('state dict layout is PyTorch\'s', () => {
  test('groups with snake_case options and parameter indices; state by index', () => {
    const params = freshParams();
    const opt = new optim.SGD(params, { lr: 0.1, momentum: 0.9, weightDecay: 0.01 });
    stepWith(opt, params, 0);
    const sd = opt.stateDict();
    expect(sd.param_groups).toEqual([{ lr: 0.1, momentum: 0.9, dampening: 0, weight_decay: 0.01, nesterov: false, maximize: false, params: [0, 1] }]);
    expect(Object.keys(sd.state)).toEqual(['0', '1']);
    expect(Object.keys(sd.state[0])).toEqual(['momentum_buffer']);
  });
  test('a state dict with a different group layout is refused', () => {
    const params = freshParams();
    const opt = new optim.SGD(params, { lr: 0.1 });
    const other = new optim.SGD([params[0]], { lr: 0.1 });
    expect(() => other.loadStateDict(opt.stateDict())).toThrow("loaded state dict contains a parameter group that doesn't match the size of optimizer's group (2 vs 1)");
  });
});

describe('invalid options are refused as PyTorch refuses them', () => {
  const p = () => freshParams();
  test.each([
    ['SGD lr', () => new optim.SGD(p(), { lr: -1 }), 'Invalid learning rate: -1'],
    ['SGD nesterov', () => new optim.SGD(p(), { lr: 0.1, nesterov: true }), 'Nesterov momentum requires a momentum and zero dampening'],
    ['Adam beta', () => new optim.Adam(p(), { betas: [1, 0.9] }), 'Invalid beta parameter at index 0: 1'],
    ['Adam eps', () => new optim.Adam(p(), { eps: -1 }), 'Invalid epsilon value: -1'],
    ['empty', () => new optim.SGD([], { lr: 0.1 }), 'optimizer got an empty parameter list'],
  ])('%s', (_n, f, msg) => {
    expect(f).toThrow(msg);
  });
});

describe('SGD runs its update as one kernel pass with the composed ops\' values', () => {
  /** The update torch.optim.SGD describes, composed from tensor ops (the optimizer's first-step path). */
  function composed(p: Tensor, grad: Tensor, buf: Tensor | null, o: { lr: number; momentum: number; dampening: number; weightDecay: number; nesterov: boolean; maximize: boolean }): Tensor | null {
    let d = o.maximize ? grad.neg() : grad;
    if (o.weightDecay !== 0) d = d.add(p, { alpha: o.weightDecay });
    if (o.momentum !== 0) {
      buf = buf ? buf.mul_(o.momentum).add_(d, { alpha: 1 - o.dampening }) : d.clone();
      d = o.nesterov ? d.add(buf, { alpha: o.momentum }) : buf;
    }
    p.add_(d, { alpha: -o.lr });
    return buf;
  }
  const bits = (t: Tensor) => Array.from(t.array.values(), (v) => (t.dtype === 'float32' ? Math.fround(v) : v));
  test.each([
    [{ momentum: 0.9 }, 'float32', [5000]],
    [{ momentum: 0.9, dampening: 0.1, weightDecay: 1e-4 }, 'float32', [7, 9]],
    [{ momentum: 0.8, nesterov: true, weightDecay: 0.01 }, 'float32', [70001]],
    [{ momentum: 0.9, maximize: true }, 'float64', [33]],
    [{ weightDecay: 0.05 }, 'float32', [301]],
  ] as const)('%j on %s %j', (opts, dtype, shape) => {
    manualSeed(4);
    const p = randn([...shape], { dtype }).requiresGrad_();
    const q = p.detach().clone();
    const o = { lr: 0.05, momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, maximize: false, ...opts };
    const opt = new optim.SGD([p], o);
    let buf: Tensor | null = null;
    for (let step = 0; step < 4; step++) {
      const grad = randn([...shape], { dtype });
      p.grad = grad.clone();
      opt.step();
      buf = noGrad(() => composed(q, grad, buf, o));
      expect(bits(p)).toEqual(bits(q));
    }
    if (o.momentum !== 0) expect(bits(opt.state.get(p)!.momentumBuffer as Tensor)).toEqual(bits(buf!));
  });
});
