/** The Tensor's autograd behaviour: leaves, accumulation, retained graphs, in-place rules, noGrad. */
import { AutogradError } from '@cresset/tensor';
import { noGrad, enableGrad, ones, Tensor, tensor, zeros } from '../src';

const vals = (t: Tensor | null) => t!.toArray();

describe('backward', () => {
  test('gradient of a scalar function reaches leaves, and accumulates across calls', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    const y = x.mul(x).sum();
    y.backward(null, { retainGraph: true });
    expect(vals(x.grad)).toEqual([2, 4, 6]);
    const g = x.grad;
    y.backward();
    expect(vals(x.grad)).toEqual([4, 8, 12]);
    expect(x.grad).toBe(g); // accumulated in place, as PyTorch's AccumulateGrad
  });

  test('a freed graph cannot be walked twice', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = x.exp().sum();
    y.backward();
    expect(() => y.backward()).toThrow(/backward through the graph a second time/);
  });

  test('non-scalar backward needs a gradient', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    expect(() => x.mul(2).backward()).toThrow(/grad can be implicitly created only for scalar outputs/);
    x.mul(2).backward(tensor([1, 10]));
    expect(vals(x.grad)).toEqual([2, 20]);
  });

  test('backward of a tensor that does not require grad fails', () => {
    expect(() => tensor([1, 2]).sum().backward()).toThrow(/does not require grad/);
  });

  test('a shared subexpression sums its gradients (diamond graph)', () => {
    const x = tensor([2], { requiresGrad: true });
    const a = x.mul(3);
    a.add(a.mul(a)).sum().backward(); // d/dx (3x + 9x^2) = 3 + 18x
    expect(vals(x.grad)).toEqual([39]);
  });

  test('retainGrad keeps the gradient of a non-leaf', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const h = x.mul(2);
    h.retainGrad();
    h.pow(2).sum().backward();
    expect(vals(h.grad)).toEqual([4, 8]);
    expect(vals(x.grad)).toEqual([8, 16]);
  });

  test('gradients are summed back over broadcast dims', () => {
    const a = ones([2, 3], { requiresGrad: true });
    const b = ones([3], { requiresGrad: true });
    a.mul(b).sum().backward();
    expect(vals(b.grad)).toEqual([2, 2, 2]);
    expect(a.grad!.shape).toEqual([2, 3]);
  });
});

describe('in-place operations', () => {
  test('modifying a saved tensor in place is detected', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    const y = x.mul(1);
    const z = y.exp(); // saves its output
    z.add_(1);
    expect(() => z.sum().backward()).toThrow(/modified by an inplace operation/);
  });

  test('a leaf that requires grad refuses in-place changes, unless under noGrad', () => {
    const w = tensor([1, 2], { requiresGrad: true });
    expect(() => w.add_(1)).toThrow(AutogradError);
    noGrad(() => w.sub_(tensor([0.5, 0.5])));
    expect(vals(w)).toEqual([0.5, 1.5]);
    expect(w.requiresGrad).toBe(true);
  });

  test('in-place ops on non-leaves rebase the history', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = x.mul(2);
    y.mul_(x); // y = 2x * x
    expect(y.gradFn!.name).toBe('MulBackward0');
    y.sum().backward();
    expect(vals(x.grad)).toEqual([4, 8]);
  });

  test('indexPut_ writes a region and routes gradients to the value', () => {
    const v = tensor([5], { requiresGrad: true });
    const y = zeros(2, 3);
    y.indexPut_([1, '1:'], v.mul(2));
    expect(vals(y)).toEqual([[0, 0, 0], [0, 10, 10]]);
    y.sum().backward();
    expect(vals(v.grad)).toEqual([4]);
  });
});

describe('grad mode and data', () => {
  test('noGrad records no history; enableGrad inside it does', () => {
    const x = tensor([1], { requiresGrad: true });
    expect(noGrad(() => x.mul(2)).requiresGrad).toBe(false);
    expect(noGrad(() => enableGrad(() => x.mul(2))).gradFn!.name).toBe('MulBackward0');
  });

  test('.data shares storage without history', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const d = x.data;
    expect(d.requiresGrad).toBe(false);
    d.mul_(10);
    expect(vals(x)).toEqual([10, 20]);
  });

  test('detach cuts the graph', () => {
    const x = tensor([3], { requiresGrad: true });
    const y = x.mul(x.detach());
    y.sum().backward();
    expect(vals(x.grad)).toEqual([3]);
  });

  test('cpu() and to(\'cpu\') are the tensor itself (the only device)', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    expect(x.cpu()).toBe(x);
    expect(x.to('cpu')).toBe(x);
  });

  test('only floating tensors can require grad', () => {
    expect(() => tensor([1, 2], { dtype: 'int64', requiresGrad: true })).toThrow(/floating point/);
  });

  test('printing shows requires_grad and grad_fn as PyTorch', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    expect(String(x)).toBe('tensor([1., 2.], requires_grad=True)');
    expect(String(x.mul(2))).toBe('tensor([2., 4.], grad_fn=<MulBackward0>)');
  });
});
