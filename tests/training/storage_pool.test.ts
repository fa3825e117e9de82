/**
 * The backward engine's gradients live in the wasm backend's storage pool and go back to it as
 * soon as they are consumed. What a user can still reach is never reused: intermediates, views
 * of them, saved tensors, retained gradients and .grad, held across many training steps with the
 * pool forced small (so blocks are recycled all the time), keep their values; and training gives
 * the same bits with the pool, with a tiny one and with none.
 */
import * as torch from 'cresset';
import { backend } from '@cresset/tensor';

const F = torch.nn.functional;
const pool = backend().storagePool;
const defaultBudget = pool?.budget ?? 0;
afterAll(() => {
  if (pool) pool.budget = defaultBudget;
});

const snapshot = (t: torch.Tensor) => Array.from(t.array.contiguous().values());

class Net extends torch.nn.Module {
  conv = new torch.nn.Conv2d(3, 6, 5);
  fc = new torch.nn.Linear(6 * 14 * 14, 10);
  forward(x: torch.Tensor): torch.Tensor {
    return this.run(x).logits;
  }
  /** Returns the logits and every intermediate. */
  run(x: torch.Tensor) {
    const c = this.conv.forward(x);
    const r = F.relu(c);
    const p = F.maxPool2d(r, 2) as torch.Tensor;
    const flat = p.flatten(1);
    return { c, r, p, flat, view: r.narrow(1, 1, 3), logits: this.fc.forward(flat) };
  }
}

function train(budget: number, steps: number, hold: boolean) {
  if (pool) pool.budget = budget;
  torch.manualSeed(0);
  const net = new Net();
  const opt = new torch.optim.SGD(net.parameters(), { lr: 0.05, momentum: 0.9 });
  const x = torch.randn([16, 3, 32, 32]);
  const y = torch.randint(0, 10, [16]);
  const held: { t: torch.Tensor; values: number[] }[] = [];
  for (let step = 0; step < steps; step++) {
    opt.zeroGrad();
    const o = net.run(x);
    o.r.retainGrad();
    const loss = F.crossEntropy(o.logits, y);
    loss.backward();
    opt.step();
    if (hold && step % 5 === 0) {
      for (const t of [o.c, o.r, o.p, o.flat, o.view, o.logits, loss, o.r.grad!]) held.push({ t, values: snapshot(t) });
      held.push({ t: net.conv.weight.grad!, values: snapshot(net.conv.weight.grad!) });
    }
  }
  return { net, held };
}

test('the wasm backend has a storage pool', () => {
  expect(backend().name).toMatch(/^wasm-/);
  expect(pool).toBeDefined();
});

test('tensors a user holds keep their values across 30 steps while a small pool recycles its blocks', () => {
  const { net, held } = train(256 * 1024, 30, true);
  // every held tensor but the live .grad (which each step's zeroGrad and backward update) is unchanged
  const grad = net.conv.weight.grad!;
  for (const h of held) {
    if (h.t === grad) continue;
    expect(snapshot(h.t)).toEqual(h.values);
  }
  expect(held.length).toBeGreaterThan(40);
});

test('training gives the same bits with the default pool, a tiny one and none', () => {
  const weights = (budget: number) => train(budget, 12, false).net.parameters().map(snapshot);
  const full = weights(defaultBudget);
  expect(weights(64 * 1024)).toEqual(full);
  expect(weights(0)).toEqual(full);
});
