/**
 * Higher-order gradients against PyTorch 1.13 (scripts/fixtures/autograd_higher.py, float64):
 * torch.autograd.grad and backward with createGraph through the ops that have a differentiable
 * backward, then differentiated again; and the errors of grad and of an op without one.
 */
import * as torch from 'cresset';
import { expectTensor, JsonTensor, loadFixture } from '../packages/tensor/test/fixture';

const { nn } = torch;
const grad = torch.autograd.grad;
type T = torch.Tensor;
const X = loadFixture<Record<string, Record<string, JsonTensor & Record<string, JsonTensor | null>>>>('autograd_higher');

const f64 = (v: number[] | number, shape?: number[]) => {
  const t = torch.tensor(v, { dtype: 'float64' });
  return shape ? t.reshape(shape) : t;
};
const leaf = (v: number[] | number, shape?: number[]) => f64(v, shape).requiresGrad_();
const lin = (a: number, b: number, n: number, shape: number[]) => torch.linspace(a, b, n, { dtype: 'float64' }).reshape(shape).requiresGrad_();
const close = (t: T | null | undefined, want: JsonTensor, what: string) => expectTensor(t!.array, want, { rtol: 1e-12, atol: 1e-12 }, what);

test('the second derivative of x^3', () => {
  const x = lin(-1, 2, 5, [5]);
  const [g] = grad(x.pow(3).sum(), x, null, { createGraph: true });
  g!.sum().backward();
  close(g, X.cube.g, 'g');
  close(x.grad, X.cube.xGrad, 'x.grad');
});

test('backward with createGraph leaves a .grad that can be differentiated', () => {
  const x = leaf([0.5, -1, 2]);
  x.exp().mul(x.sin()).sum().backward(null, { createGraph: true });
  const first = x.grad!;
  expect(first.requiresGrad).toBe(X.backwardCreateGraph.requiresGrad as unknown as boolean);
  const [second] = grad(first.sum(), x);
  close(first, X.backwardCreateGraph.first, 'first');
  close(second, X.backwardCreateGraph.second, 'second');
});

/** The gradient penalty (sqrt(|d d(x) / dx|^2 + eps) - 1)^2 of model d at x, backpropagated, checked against the fixture. */
function checkPenalty(d: torch.nn.Module, x: T, dims: number[], eps: number, want: Record<string, JsonTensor | null | Record<string, JsonTensor | null>>): void {
  const [gx] = grad((d.forward(x) as T).sum(), x, null, { createGraph: true });
  const gp = gx!.pow(2).sum(dims).add(eps).sqrt().sub(1).pow(2).mean();
  gp.backward();
  close(gx, want.gx as JsonTensor, 'gx');
  close(gp, want.gp as JsonTensor, 'gp');
  close(x.grad, want.xGrad as JsonTensor, 'x.grad');
  const params = new Map(d.namedParameters());
  for (const [n, g] of Object.entries(want.paramGrads as Record<string, JsonTensor | null>)) {
    if (g === null) expect(params.get(n)!.grad).toBeNull();
    else close(params.get(n)!.grad, g, `${n}.grad`);
  }
}

test('a gradient penalty through a seeded MLP', () => {
  torch.manualSeed(0);
  const d = new nn.Sequential(new nn.Linear(3, 4), new nn.Tanh(), new nn.Linear(4, 1)).double();
  checkPenalty(d, lin(-1, 1, 6, [2, 3]), [1], 1e-12, X.gradientPenalty);
});

test('a gradient penalty through a seeded CNN (strided, padded convolutions)', () => {
  torch.manualSeed(1);
  const d = new nn.Sequential(new nn.Conv2d(2, 3, 3, { stride: 2, padding: 1 }), new nn.Tanh(), new nn.Conv2d(3, 4, 2, { bias: false }), new nn.Flatten(), new nn.Linear(16, 1)).double();
  checkPenalty(d, lin(-1, 1, 100, [2, 2, 5, 5]), [1, 2, 3], 0, X.convGradientPenalty);
});

test.each([
  ['conv1d stride, padding, dilation', [[2, 2, 7], [3, 2, 3], [3]], (x: T, w: T, b: T) => nn.functional.conv1d(x, w, b, { stride: 2, padding: 1, dilation: 2 })],
  ['conv2d groups', [[1, 4, 4, 4], [2, 2, 2, 2]], (x: T, w: T) => nn.functional.conv2d(x, w, null, { groups: 2, padding: 1 })],
  ['conv_transpose1d stride, output padding', [[1, 2, 4], [2, 3, 3], [3]], (x: T, w: T, b: T) => nn.functional.convTranspose1d(x, w, b, { stride: 2, padding: 1, outputPadding: 1 })],
  ['max_pool2d padding, ceil mode', [[1, 2, 5, 5]], (x: T) => nn.functional.maxPool2d(x, 2, { padding: 1, ceilMode: true }).pow(2)],
  ['max_pool1d stride', [[2, 2, 7]], (x: T) => nn.functional.maxPool1d(x, 3, { stride: 2 }).pow(2)],
  ['avg_pool2d padding', [[1, 2, 4, 5]], (x: T) => nn.functional.avgPool2d(x, 3, { stride: 2, padding: 1 }).pow(2)],
  ['adaptive_avg_pool2d', [[1, 2, 5, 4]], (x: T) => nn.functional.adaptiveAvgPool2d(x, [2, 3]).pow(2)],
  ['adaptive_max_pool2d', [[1, 2, 5, 4]], (x: T) => (nn.functional.adaptiveMaxPool2d(x, [2, 3]) as T).pow(2)],
])('gradgradcheck of %s', (_name, shapes, fn) => {
  torch.manualSeed(7);
  const xs = (shapes as number[][]).map((s) => torch.randn(s, { dtype: 'float64' }).requiresGrad_());
  expect(torch.autograd.gradgradcheck(fn as (...a: T[]) => T, xs)).toBe(true);
});

test('a Hessian-vector product', () => {
  const x = leaf([0.3, -0.7, 1.1]);
  const y = leaf([1.5, 0.2, -0.4]);
  const f = x.mul(x).mul(y).sum().add(x.exp().mul(y).sum()).add(x.div(y).sum());
  const [gx, gy] = grad(f, [x, y], null, { createGraph: true });
  const v = f64([1, 2, -1]);
  const [hx, hy] = grad(gx!.mul(v).sum().add(gy!.mul(v).sum()), [x, y]);
  close(gx, X.hvp.gx, 'gx');
  close(gy, X.hvp.gy, 'gy');
  close(hx, X.hvp.hx, 'hx');
  close(hy, X.hvp.hy, 'hy');
  expect(x.grad).toBeNull();
});

test('softmax and log_softmax twice', () => {
  const x = lin(-1, 1, 8, [2, 4]);
  const w = f64([0.5, -1, 2, 0.1, 1.5, 0.3, -0.7, 1], [2, 4]);
  const f = x.softmax(1).mul(w).sum().add(x.logSoftmax(0).mul(w).sum());
  const [gx] = grad(f, x, null, { createGraph: true });
  gx!.pow(2).sum().backward();
  close(gx, X.softmax.gx, 'gx');
  close(x.grad, X.softmax.xGrad, 'x.grad');
});

test('matmul and relu twice', () => {
  const a = lin(-1, 1, 12, [3, 4]);
  const b = lin(-0.5, 1.5, 8, [4, 2]);
  const [ga, gb] = grad(a.matmul(b).relu().pow(2).mean(), [a, b], null, { createGraph: true });
  ga!.sum().add(gb!.pow(2).sum()).backward();
  close(ga, X.matmulRelu.ga, 'ga');
  close(gb, X.matmulRelu.gb, 'gb');
  close(a.grad, X.matmulRelu.aGrad, 'a.grad');
  close(b.grad, X.matmulRelu.bGrad, 'b.grad');
});

test('a third derivative', () => {
  const x = leaf(1.3);
  const [g1] = grad(x.sigmoid().mul(x.log()), x, null, { createGraph: true });
  const [g2] = grad(g1!, x, null, { createGraph: true });
  const [g3] = grad(g2!, x);
  close(g1, X.thirdOrder.g1, 'g1');
  close(g2, X.thirdOrder.g2, 'g2');
  close(g3, X.thirdOrder.g3, 'g3');
});

test('views, reshapes and selections twice', () => {
  const x = lin(-1, 1, 6, [2, 3]);
  const c = f64([1, 2, 0.5, -1, 3, 0.25], [3, 2]);
  const f = x.t().mul(c).pow(2).sum().add(x.reshape(3, 2).unsqueeze(0).tanh().sum()).add(x.transpose(0, 1).select(0, 1).exp().sum());
  const [g] = grad(f, x, null, { createGraph: true });
  g!.pow(3).sum().backward();
  close(g, X.views.g, 'g');
  close(x.grad, X.views.xGrad, 'x.grad');
});

test('grad errors: an unused input, an input without grad, an op without a differentiable backward', () => {
  const x = leaf([1, 2]);
  const y = leaf([3, 4]);
  expect(() => grad(x.mul(2).sum(), [x, y])).toThrow('One of the differentiated Tensors (input 1) appears to not have been used in the graph. Set allowUnused: true if this is the desired behavior.');
  expect(grad(x.mul(2).sum(), [x, y], null, { allowUnused: true })[1]).toBeNull();
  expect(() => grad(x.mul(2).sum(), f64([1, 2]))).toThrow('One of the differentiated Tensors does not require grad');
  const v = leaf([1, 0.5, -1, 2]);
  expect(() => grad(v.prod(), v, null, { createGraph: true })).toThrow('ProdBackward0: cresset has no differentiable backward for this op');
});
