/** The lr schedulers against PyTorch 1.13, epoch by epoch (tests/fixtures/optim_schedulers.json). */
import * as fs from 'fs';
import * as path from 'path';
import { zeros } from '@cresset/autograd';
import * as optim from '@cresset/optim';

type LRScheduler = InstanceType<typeof optim.lrScheduler.LRScheduler>;
const { lrScheduler } = optim;
interface Case { scheduler: string; optimizer: 'SGD' | 'Adam'; options: Record<string, any>; lrs: number[][]; momenta: number[][] }
const fx: { cases: Case[]; plateau: { metrics: number[]; cases: { options: Record<string, any>; lrs: number[][] }[] } } = JSON.parse(
  fs.readFileSync(path.join(__dirname, '../../../../tests/fixtures/optim_schedulers.json'), 'utf8'),
);

/** Two groups, lr 0.1 and 0.02, as the fixture builds them. */
function makeOptimizer(kind: 'SGD' | 'Adam') {
  const groups = [{ params: [zeros(2).requiresGrad_(true)] }, { params: [zeros(2).requiresGrad_(true)], lr: 0.02 }];
  return kind === 'SGD' ? new optim.SGD(groups, { lr: 0.1, momentum: 0.9 }) : new optim.Adam(groups, { lr: 0.1 });
}

function makeScheduler(c: Case, opt: optim.Optimizer<any>): LRScheduler {
  const o = c.options;
  switch (c.scheduler) {
    case 'StepLR': return new lrScheduler.StepLR(opt, o.stepSize, o.gamma);
    case 'MultiStepLR': return new lrScheduler.MultiStepLR(opt, o.milestones, o.gamma);
    case 'ExponentialLR': return new lrScheduler.ExponentialLR(opt, o.gamma);
    case 'CosineAnnealingLR': return new lrScheduler.CosineAnnealingLR(opt, o.tMax, o.etaMin);
    case 'LinearLR': return new lrScheduler.LinearLR(opt, o.startFactor, o.endFactor, o.totalIters);
    case 'OneCycleLR': { const { maxLr, ...rest } = o; return new lrScheduler.OneCycleLR(opt, maxLr, rest); }
  }
  throw new Error(`no scheduler ${c.scheduler}`);
}

const close = (got: number[], want: number[], what: string) =>
  got.forEach((g, i) => {
    if (Math.abs(g - want[i]) > 1e-12 + 1e-9 * Math.abs(want[i])) throw new Error(`${what}: group ${i} has ${g}, PyTorch has ${want[i]}`);
  });

describe.each(fx.cases.map((c) => [`${c.scheduler}(${JSON.stringify(c.options)}) on ${c.optimizer}`, c] as const))('%s', (_n, c) => {
  test('lr (and momentum) per epoch match PyTorch', () => {
    const opt = makeOptimizer(c.optimizer);
    const sched = makeScheduler(c, opt);
    const moms = () => opt.paramGroups.map((g) => ('betas' in g ? (g.betas as number[])[0] : (g.momentum as number)));
    c.lrs.forEach((want, e) => {
      if (e > 0) {
        opt.step();
        sched.step();
      }
      close(sched.getLastLr(), want, `epoch ${e} lr`);
      close(opt.paramGroups.map((g) => g.lr), want, `epoch ${e} group lr`);
      close(moms(), c.momenta[e], `epoch ${e} momentum`);
    });
  });
});

describe.each(fx.plateau.cases.map((c) => [JSON.stringify(c.options), c] as const))('ReduceLROnPlateau(%s)', (_n, c) => {
  test('lr after each metric matches PyTorch', () => {
    const opt = makeOptimizer('SGD');
    const sched = new lrScheduler.ReduceLROnPlateau(opt, c.options);
    fx.plateau.metrics.forEach((m, e) => {
      sched.step(m);
      close(opt.paramGroups.map((g) => g.lr), c.lrs[e], `epoch ${e}`);
    });
  });
});

test('a scheduler resumed from its state dict continues the same schedule', () => {
  const opt = makeOptimizer('SGD');
  const sched = new lrScheduler.CosineAnnealingLR(opt, 7, 0.001);
  for (let e = 0; e < 3; e++) sched.step();
  const saved = JSON.parse(JSON.stringify(sched.stateDict()));
  const optSaved = opt.stateDict();
  const opt2 = makeOptimizer('SGD');
  opt2.loadStateDict(optSaved);
  const sched2 = new lrScheduler.CosineAnnealingLR(opt2, 7, 0.001);
  sched2.loadStateDict(saved);
  for (let e = 0; e < 4; e++) {
    sched.step();
    sched2.step();
    expect(sched2.getLastLr()).toEqual(sched.getLastLr());
  }
});

test('OneCycleLR refuses to step past totalSteps, naming the counts', () => {
  const opt = makeOptimizer('SGD');
  const sched = new lrScheduler.OneCycleLR(opt, 1, { totalSteps: 2 });
  sched.step();
  sched.step();
  expect(() => sched.step()).toThrow('Tried to step 3 times. The specified number of total steps is 2');
});
