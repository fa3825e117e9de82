/**
 * Results do not depend on the thread count: LeNet trained for 20 steps (SGD with momentum,
 * batch 64, the embedded synthetic set) on 1 and on 2 threads ends with bit-identical losses and
 * weights, and so do a grouped convolution with padding, depthwise ones, with a batch that
 * leaves the last weight-gradient chunk short, and a 1x1 one on a single image. Parallel kernels split work only where each result element is
 * computed by one thread, and sum the weight gradient's batch chunks in a fixed order.
 */
import * as torch from 'cresset';
import { LeNet } from '../../examples/lenet/model';

const F = torch.nn.functional;
const defaultThreads = torch.getNumThreads();
afterAll(() => torch.setNumThreads(defaultThreads));

/** The bits of every value of a float32 tensor. */
const bits = (t: torch.Tensor) => Array.from(new Uint32Array(Float32Array.from(t.array.values()).buffer));

function trainLeNet(threads: number): { losses: number[]; weights: number[][] } {
  torch.setNumThreads(threads);
  torch.manualSeed(0);
  const model = new LeNet({ inChannels: 3, padding: 0 });
  const opt = new torch.optim.SGD(model.parameters(), { lr: 0.05, momentum: 0.9 });
  const x = torch.randn([64, 3, 32, 32]);
  const y = torch.randint(0, 10, [64]);
  const losses: number[] = [];
  for (let step = 0; step < 20; step++) {
    opt.zeroGrad();
    const loss = F.crossEntropy(model.forward(x), y);
    loss.backward();
    opt.step();
    losses.push(loss.item() as number);
  }
  return { losses, weights: model.parameters().map(bits) };
}

test('LeNet: 20 training steps on 1 and 2 threads give bit-identical losses and weights', () => {
  const one = trainLeNet(1);
  const two = trainLeNet(2);
  expect(one.losses[19]).toBeLessThan(one.losses[0]); // it did train
  expect(two.losses).toEqual(one.losses);
  two.weights.forEach((w, i) => expect(w).toEqual(one.weights[i]));
});

test('a grouped, padded convolution with an odd batch: forward and gradients identical on 1, 2 and 3 threads', () => {
  const run = (threads: number) => {
    torch.setNumThreads(threads);
    torch.manualSeed(1);
    const conv = new torch.nn.Conv2d(4, 8, 3, { padding: 1, groups: 2 });
    const x = torch.randn([7, 4, 40, 40], { requiresGrad: true });
    const out = conv.forward(x);
    out.pow(2).sum().backward();
    return [out, x.grad!, conv.weight.grad!, conv.bias!.grad!].map(bits);
  };
  const one = run(1);
  for (const t of [2, 3]) expect(run(t)).toEqual(one);
});

test('depthwise convolutions (stride 1 and 2) with an odd batch: forward and gradients identical on 1, 2 and 3 threads', () => {
  for (const stride of [1, 2]) {
    const run = (threads: number) => {
      torch.setNumThreads(threads);
      torch.manualSeed(2);
      // large enough to be shared out over threads at either stride
      const conv = new torch.nn.Conv2d(32, 32, 3, { stride, padding: 1, groups: 32 });
      const x = torch.randn([7, 32, 49, 49], { requiresGrad: true });
      const out = conv.forward(x);
      out.pow(2).sum().backward();
      return [out, x.grad!, conv.weight.grad!, conv.bias!.grad!].map(bits);
    };
    const one = run(1);
    for (const t of [2, 3]) expect([stride, t, run(t)]).toEqual([stride, t, one]);
  }
});

test('a 1x1 convolution on one image, then batch norm: forward and gradients identical on 1, 2 and 3 threads', () => {
  const run = (threads: number) => {
    torch.setNumThreads(threads);
    torch.manualSeed(3);
    // one 14x14 image: the pointwise kernel shares its columns out over the threads
    const conv = new torch.nn.Conv2d(96, 200, 1);
    const bn = new torch.nn.BatchNorm2d(200);
    const x = torch.randn([1, 96, 14, 14], { requiresGrad: true });
    const out = bn.forward(conv.forward(x));
    out.pow(3).sum().backward();
    return [out, x.grad!, conv.weight.grad!, bn.weight!.grad!, bn.runningMean!].map(bits);
  };
  const one = run(1);
  for (const t of [2, 3]) expect([t, run(t)]).toEqual([t, one]);
});
