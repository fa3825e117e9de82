/**
 * The Tensor's autograd behaviour against PyTorch (scripts/fixtures/autograd_tensor.py): printed
 * suffixes, leaf flags, accumulation, retained graphs, detach/.data/noGrad, and misuse errors whose
 * messages carry PyTorch's (with cresset's spelling of retain_graph).
 */
import { inspect } from 'util';
import { AutogradError, CressetError } from '@cresset/tensor';
import { expectTensor, JsonTensor, loadFixture } from '../../tensor/test/fixture';
import { enableGrad, linspace, noGrad, ones, Tensor, tensor } from '../src';

const fx = loadFixture<{ reprs: Record<string, string>; errors: Record<string, string>; grads: Record<string, JsonTensor>; flags: Record<string, boolean> }>('autograd_tensor');

const leaf = (values: number[], dtype: 'float32' | 'float64' = 'float32') => tensor(values, { dtype, requiresGrad: true });

describe('printing', () => {
  const x = leaf([1, 2]);
  const y = x.mul(2);
  const m = leaf([1, 5, 3, 2]).detach().view(2, 2).requiresGrad_();
  const { values, indices } = m.max(1);
  const underNoGrad = noGrad(() => x.mul(2));
  y.sum().backward();
  const [p, q] = [leaf([1, 5, 2]), leaf([3, 2, 2])];
  p.maximum(q).backward(tensor([-1, -2, -3]));
  const reprs: Record<string, () => Tensor | Tensor[]> = {
    leaf_requires_grad: () => x,
    float64_requires_grad: () => leaf([1, 2.5], 'float64'),
    grad_fn: () => y,
    grad_fn_wraps: () => linspace(-5000, 5000, 12, { requiresGrad: true }).mul(1.5),
    scalar_grad_fn: () => x.sum(),
    view_grad_fn: () => m.view(4),
    max_values: () => values,
    max_indices: () => indices,
    grad: () => x.grad!,
    detached: () => y.detach(),
    no_grad: () => underNoGrad,
    int64_result: () => tensor([1, 2], { dtype: 'int64' }).mul(3),
    to_copy: () => x.double(),
    maximum_grads: () => [p.grad!, q.grad!],
    to_int64: () => leaf([1.5, -2.7]).long(),
    to_bool: () => leaf([1.5, 0]).bool(),
  };
  test('every PyTorch scenario is built', () => expect(Object.keys(reprs).sort()).toEqual(Object.keys(fx.reprs).sort()));
  test.each(Object.keys(fx.reprs))('%s', (name) => {
    const ts = [reprs[name]()].flat();
    expect(ts.map(String).join(' ')).toBe(fx.reprs[name]);
    expect(ts.map((t) => inspect(t)).join(' ')).toBe(fx.reprs[name]); // console.log prints the same
  });
});

describe('errors', () => {
  const errors: Record<string, () => unknown> = {
    freed_graph: () => {
      const y = leaf([1, 2]).exp().sum();
      y.backward();
      y.backward();
    },
    inplace_saved_output: () => {
      const z = leaf([1, 2, 3]).mul(1).exp();
      z.add_(1);
      z.sum().backward();
    },
    inplace_saved_input: () => {
      const a = leaf([1, 2, 3]).mul(1);
      const b = a.mul(a);
      a.add_(1);
      b.sum().backward();
    },
    non_scalar_backward: () => leaf([1, 2]).mul(2).backward(),
    leaf_inplace: () => leaf([1]).add_(1),
    int_requires_grad: () => tensor([1, 2], { dtype: 'int64' }).requiresGrad_(),
    backward_without_grad: () => tensor([1]).sum().backward(),
    wrong_grad_shape: () => leaf([1, 2]).mul(2).backward(ones(3)),
    inplace_view_saved: () => {
      const y = tensor([[1, 2], [3, 4]], { requiresGrad: true }).mul(1);
      const w = y.mul(y);
      y.select(0, 0).add_(1);
      w.sum().backward();
    },
    view_of_leaf_inplace: () => leaf([1, 2]).view(2, 1).add_(1),
    requires_grad_of_non_leaf: () => {
      leaf([1]).mul(2).requiresGrad = false;
    },
    retain_grad_without_grad: () => tensor([1]).retainGrad(),
    write_through_detach: () => {
      const y = leaf([1, 2]).exp();
      y.detach().mul_(2);
      y.sum().backward();
    },
  };
  /** PyTorch's message in cresset's spelling: camelCase options, no anomaly-detection hint (cresset has none). */
  const spelled = (m: string) => m.replace('retain_graph=True', 'retainGraph: true').replace(/ Hint: enable anomaly detection.*$/, '');
  test('every PyTorch scenario is built', () => expect(Object.keys(errors).sort()).toEqual(Object.keys(fx.errors).sort()));
  test.each(Object.keys(fx.errors))('%s', (name) => {
    let thrown: unknown;
    try {
      errors[name]();
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(CressetError);
    expect((thrown as Error).message).toContain(spelled(fx.errors[name]));
  });
  test('misuse of autograd raises AutogradError', () => {
    expect(errors.freed_graph).toThrow(AutogradError);
    expect(errors.inplace_saved_output).toThrow(AutogradError);
  });
});

describe('gradients', () => {
  const grads: Record<string, Tensor> = {};
  let x = leaf([1, 2, 3]);
  const y = x.mul(x).sum();
  y.backward(null, { retainGraph: true });
  grads.first_backward = x.grad!.clone();
  y.backward();
  grads.accumulated = x.grad!;

  x = leaf([2]);
  const a = x.mul(3);
  a.add(a.mul(a)).sum().backward();
  grads.diamond = x.grad!;

  x = leaf([1, 2]);
  const h = x.mul(2);
  h.retainGrad();
  h.pow(2).sum().backward();
  grads.retained = h.grad!;
  grads.through_retained = x.grad!;

  x = leaf([1, 2]);
  x.mul(2).backward(tensor([1, 10]));
  grads.explicit_gradient = x.grad!;

  x = leaf([3]);
  x.mul(x.detach()).sum().backward();
  grads.detached_factor = x.grad!;

  x = leaf([1, 2]);
  const r = x.mul(2);
  r.mul_(x);
  r.sum().backward();
  grads.inplace_rebased = x.grad!;

  x = leaf([1, 2]);
  x.double().mul(x.double()).sum().backward();
  grads.through_to_copy = x.grad!;

  x = tensor([[1, 1], [1, 2]], { requiresGrad: true });
  x.std(1).sum().backward();
  grads.std_of_constant_row = x.grad!;

  const base = leaf([0, 0, 2]);
  const exponent = leaf([0, 2, 0]);
  base.pow(exponent).sum().backward();
  grads.pow_zero_base = base.grad!;
  grads.pow_zero_base_exponent = exponent.grad!;

  const w = leaf([1, 2]);
  noGrad(() => w.sub_(tensor([0.5, 0.5])));
  grads.no_grad_update = w.detach();

  x = leaf([1, 2]);
  const e = x.exp();
  e.data.mul_(2);
  e.sum().backward();
  grads.write_through_data = x.grad!;

  x = leaf([1, 2]);
  x.data.mul_(10);
  grads.data_shares = x.detach();

  test('every PyTorch scenario is built', () => expect(Object.keys(grads).sort()).toEqual(Object.keys(fx.grads).sort()));
  test.each(Object.keys(fx.grads))('%s', (name) => expectTensor(grads[name].array, fx.grads[name], {}, name));
});

test('leaf and requires-grad flags', () => {
  const x = leaf([1]);
  const ng = noGrad(() => x.mul(2));
  const eg = noGrad(() => enableGrad(() => x.mul(2)));
  expect({
    leaf_is_leaf: x.isLeaf,
    result_is_leaf: x.mul(2).isLeaf,
    plain_result_is_leaf: ones(2).mul(2).isLeaf,
    detached_is_leaf: x.mul(2).detach().isLeaf,
    no_grad_requires_grad: ng.requiresGrad,
    enable_grad_requires_grad: eg.requiresGrad,
    detached_requires_grad: x.detach().requiresGrad,
    data_requires_grad: x.data.requiresGrad,
  }).toEqual(fx.flags);
});
