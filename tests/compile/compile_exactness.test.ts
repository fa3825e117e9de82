/**
 * torch.compile gives eager execution's bits: a case table of models and training recipes, each
 * trained for STEPS steps eagerly and through a compiled step (eager warm-up, recording, then
 * replays), at 1 and 2 threads. Losses, gradients, weights, buffers (BatchNorm's running
 * statistics), optimizer state and the default generator's next draw must all be identical.
 */
import * as torch from 'cresset';
import type { Tensor } from 'cresset';

const { nn } = torch;
const F = nn.functional;
const STEPS = 6;
const defaultThreads = torch.getNumThreads();
afterAll(() => torch.setNumThreads(defaultThreads));

const bits = (t: Tensor) => Array.from(new Uint32Array(Float32Array.from(t.array.values()).buffer));

class BasicBlock extends nn.Module {
  conv1 = new nn.Conv2d(4, 8, 3, { stride: 2, padding: 1, bias: false });
  bn1 = new nn.BatchNorm2d(8);
  relu = new nn.ReLU({ inplace: true });
  conv2 = new nn.Conv2d(8, 8, 3, { padding: 1, bias: false });
  bn2 = new nn.BatchNorm2d(8);
  down = new nn.Sequential(new nn.Conv2d(4, 8, 1, { stride: 2, bias: false }), new nn.BatchNorm2d(8));
  fc = new nn.Linear(8, 5);
  forward(x: Tensor): Tensor {
    const out = this.bn2.forward(this.conv2.forward(this.relu.forward(this.bn1.forward(this.conv1.forward(x)))));
    const y = this.relu.forward(out.add(this.down.forward(x)));
    return this.fc.forward(F.adaptiveAvgPool2d(y, 1).flatten(1));
  }
}

class DropoutNet extends nn.Module {
  body = new nn.Sequential(new nn.Flatten(), new nn.Linear(48, 32), new nn.ReLU(), new nn.Dropout(0.3), new nn.Linear(32, 4));
  forward(x: Tensor): Tensor {
    return this.body.forward(x);
  }
}

class OddConvNet extends nn.Module {
  c1 = new nn.Conv2d(6, 6, 3, { padding: 2, dilation: 2, groups: 3 });
  c2 = new nn.Conv2d(6, 5, [3, 2], { stride: [2, 1], padding: [1, 0] });
  pool = new nn.AvgPool2d(2, { ceilMode: true });
  forward(x: Tensor): Tensor {
    return this.pool.forward(torch.tanh(this.c2.forward(F.leakyRelu(this.c1.forward(x), 0.1)))).flatten(1);
  }
}

interface Case {
  name: string;
  model: () => torch.nn.Module;
  input: number[];
  classes: number;
  optimizer: (params: Tensor[]) => torch.optim.Optimizer<{ lr: number }>;
  /** Steps of an LR schedule between training steps. */
  schedule?: (opt: torch.optim.Optimizer<{ lr: number }>) => { step(): void };
  zeroToNone?: boolean;
}

const CASES: Case[] = [
  { name: 'LeNet, SGD with momentum, batch 64', model: () => new torch.models.LeNet(), input: [64, 3, 32, 32], classes: 10,
    optimizer: (p) => new torch.optim.SGD(p, { lr: 0.05, momentum: 0.9 }) },
  { name: 'LeNet, batch 7, Nesterov, StepLR every step, grads set to None', model: () => new torch.models.LeNet(), input: [7, 3, 32, 32], classes: 10,
    optimizer: (p) => new torch.optim.SGD(p, { lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 1e-3 }),
    schedule: (o) => new torch.optim.lrScheduler.StepLR(o, 1, 0.5), zeroToNone: true },
  { name: 'LeNet, batch 1, Adam', model: () => new torch.models.LeNet(), input: [1, 3, 32, 32], classes: 10,
    optimizer: (p) => new torch.optim.Adam(p, { lr: 1e-3 }) },
  { name: 'ResNet basic block with BatchNorm and in-place ReLU, AdamW', model: () => new BasicBlock(), input: [6, 4, 12, 12], classes: 5,
    optimizer: (p) => new torch.optim.AdamW(p, { lr: 1e-2 }) },
  { name: 'MLP with dropout, RMSprop', model: () => new DropoutNet(), input: [16, 3, 4, 4], classes: 4,
    optimizer: (p) => new torch.optim.RMSprop(p, { lr: 1e-2 }) },
  { name: 'dilated grouped and strided convolutions, ceil-mode average pooling, Adagrad', model: () => new OddConvNet(), input: [5, 6, 11, 9], classes: 15,
    optimizer: (p) => new torch.optim.Adagrad(p, { lr: 1e-2 }) },
];

interface Outcome {
  losses: number[][];
  grads: number[][];
  weights: number[][];
  buffers: number[][];
  state: string;
  nextDraw: number;
}

function train(c: Case, compiled: boolean, threads: number): Outcome {
  torch.setNumThreads(threads);
  torch.manualSeed(0);
  const model = c.model();
  const opt = c.optimizer(model.parameters());
  const sched = c.schedule?.(opt);
  const xs = [0, 1].map(() => torch.randn(c.input));
  const ys = [0, 1].map(() => torch.randint(0, c.classes, [c.input[0]]));
  const stepFn = (x: Tensor, y: Tensor) => {
    opt.zeroGrad({ setToNone: c.zeroToNone ?? false });
    const loss = F.crossEntropy(model.forward(x) as Tensor, y);
    loss.backward();
    opt.step();
    return loss;
  };
  const step = compiled ? torch.compile(stepFn) : stepFn;
  const stats = compiled ? (step as torch.Compiled<typeof stepFn>).stats : null;
  const losses: number[][] = [];
  for (let i = 0; i < STEPS; i++) {
    losses.push(bits(step(xs[i % 2], ys[i % 2])));
    sched?.step();
  }
  // the compiled step ran eagerly once, was recorded once, and replayed its plan after
  if (stats) expect(stats).toEqual({ eager: 1, recorded: 1, replayed: STEPS - 2 });
  const state = JSON.stringify(Object.values(opt.stateDict().state).map((s) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v instanceof torch.Tensor ? bits(v) : v]))));
  return {
    losses,
    grads: model.parameters().map((p) => bits(p.grad!)),
    weights: model.parameters().map(bits),
    buffers: model.buffers().map((b) => (b.dtype === 'float32' ? bits(b) : b.tolist() as number[])),
    state,
    nextDraw: torch.rand([1]).item() as number,
  };
}

describe.each(CASES)('$name', (c) => {
  test.each([1, 2])('compiled and eager are bit-identical after %i-thread training', (threads) => {
    const eager = train(c, false, threads);
    const compiled = train(c, true, threads);
    expect(eager.losses[STEPS - 1]).not.toEqual(eager.losses[0]); // it trained
    expect(compiled.losses).toEqual(eager.losses);
    expect(compiled.grads).toEqual(eager.grads);
    expect(compiled.weights).toEqual(eager.weights);
    expect(compiled.buffers).toEqual(eager.buffers);
    expect(compiled.state).toBe(eager.state);
    expect(compiled.nextDraw).toBe(eager.nextDraw);
  });
});
