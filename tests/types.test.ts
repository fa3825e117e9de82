/**
 * Types that help, checked twice: by tsc (`npm run build` type-checks tests/; a wrong type fails
 * there) and by the values at run time, against PyTorch 1.13's behaviour.
 */
import { inspect } from 'util';
import * as torch from 'cresset';

const { nn } = torch;
const F = nn.functional;
const { DataLoader, TensorDataset } = torch.utils.data;

/** Compiles only when A and B are the same type. */
type Equals<A, B> = (<X>() => X extends A ? 1 : 2) extends (<X>() => X extends B ? 1 : 2) ? true : false;
function assertType<_T extends true>(): void {}

test('item() is a number for a numeric tensor and a boolean for a comparison, with no cast', () => {
  let runningLoss = 0;
  const loss = F.mseLoss(torch.tensor([1, 2]), torch.tensor([1, 4]));
  runningLoss += loss.item();
  assertType<Equals<ReturnType<typeof loss.item>, number>>();
  expect(runningLoss).toBe(2);
  const anyBig = torch.tensor([1, 5]).gt(4).any().item();
  assertType<Equals<typeof anyBig, boolean>>();
  expect(anyBig).toBe(true);
  const n = torch.tensor([7]).long().item();
  assertType<Equals<typeof n, number>>();
  expect(n).toBe(7);
});

test('a DataLoader yields batches typed from its dataset\'s samples', () => {
  const sample = { image: torch.zeros(1, 2, 2), label: 3, name: 'a' };
  const ds = { length: 4, get: (i: number) => ({ ...sample, label: i }) };
  const loader = new DataLoader(ds, { batchSize: 3 });
  const batches = [...loader];
  assertType<Equals<(typeof batches)[number], { image: torch.Tensor; label: torch.Tensor; name: string[] }>>();
  expect(batches.map((b) => [b.image.shape, b.label.toArray(), b.label.dtype, b.name])).toEqual([
    [[3, 1, 2, 2], [0, 1, 2], 'int64', ['a', 'a', 'a']],
    [[1, 1, 2, 2], [3], 'int64', ['a']],
  ]);
  for (const [x, y] of new DataLoader(new TensorDataset(torch.ones(2, 3), torch.tensor([0, 1]).long()), { batchSize: 2 })) {
    assertType<Equals<typeof x, torch.Tensor>>();
    expect([x.shape, y.toArray()]).toEqual([[2, 3], [0, 1]]);
  }
});

test('a Tensor iterates over its first dimension, as `for row in t`; a 0-d tensor does not', () => {
  const rows = [...torch.tensor([[1, 2], [3, 4]])];
  expect(rows.map((r) => r.toArray())).toEqual([[1, 2], [3, 4]]);
  expect(rows[0].shape).toEqual([2]);
  expect(() => [...torch.tensor(3)]).toThrow(new torch.ShapeError('iteration over a 0-d tensor'));
});

test('torch.device(\'cpu\') and .to(\'cpu\') are accepted; CUDA is not available', () => {
  const x = torch.ones(2);
  const cpu = torch.device('cpu');
  expect([String(cpu), inspect(cpu), cpu.type, inspect(torch.device('cpu:0'))]).toEqual(['cpu', "device(type='cpu')", 'cpu', "device(type='cpu', index=0)"]);
  expect(x.to('cpu')).toBe(x);
  expect(x.to(cpu)).toBe(x);
  expect(String(x.device)).toBe('cpu');
  const model = new nn.Linear(2, 1);
  expect(model.to(cpu)).toBe(model);
  expect(torch.cuda.isAvailable()).toBe(false);
  expect(torch.cuda.deviceCount()).toBe(0);
  const device = torch.device(torch.cuda.isAvailable() ? 'cuda' : 'cpu');
  expect(x.to(device)).toBe(x);
  expect(() => x.to('cuda')).toThrow("device: 'cuda': cresset computes on the CPU only (torch.cuda.isAvailable() is false); use 'cpu'");
});

test('cross_entropy names the dtype of a float target of class indices, and refuses int32 as PyTorch 1.13 does', () => {
  const logits = torch.zeros(4, 10);
  // PyTorch 1.13: RuntimeError: expected scalar type Long but found Float
  expect(() => F.crossEntropy(logits, torch.tensor([1, 2, 3, 4]))).toThrow(new torch.DTypeError(
    "cross_entropy: expected target of scalar type Long (int64 class indices) but found Float (float32) (a target of class probabilities would have the input's shape [4, 10], this one has [4]); " +
    "torch.tensor([1, 2, 3]) is float32 (a JavaScript number cannot tell 1 from 1.0): create it with { dtype: 'int64' } or call .long()"));
  // PyTorch 1.13: RuntimeError: expected scalar type Long but found Int
  expect(() => F.crossEntropy(logits, torch.tensor([1, 2, 3, 4], { dtype: 'int32' }))).toThrow(new torch.DTypeError(
    'cross_entropy: expected target of scalar type Long (int64 class indices) but found Int (int32); call .long()'));
  expect(() => F.nllLoss(logits, torch.tensor([1, 2, 3, 4]).bool())).toThrow('nll_loss: expected target of scalar type Long (int64 class indices) but found Bool (bool)');
  // int64 and uint8 are accepted; ten equal logits give log(10)
  for (const dtype of ['int64', 'uint8'] as const) {
    expect(F.crossEntropy(logits, torch.tensor([1, 2, 3, 4], { dtype })).item()).toBeCloseTo(Math.log(10), 6);
  }
  // a float target of the input's shape is class probabilities
  expect(F.crossEntropy(logits, torch.full([4, 10], 0.1)).item()).toBeCloseTo(Math.log(10), 6);
});
