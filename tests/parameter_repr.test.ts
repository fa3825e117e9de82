/** nn.Parameter prints as PyTorch's "Parameter containing:" repr (scripts/fixtures/autograd_tensor.py), also through console.log. */
import { inspect } from 'util';
import { Parameter } from '@cresset/nn';
import { Tensor, tensor, zeros } from '@cresset/autograd';
import { loadFixture } from '../packages/tensor/test/fixture';

const { parameters } = loadFixture<{ parameters: Record<string, string> }>('autograd_tensor');

const built: Record<string, () => Tensor> = {
  float32: () => new Parameter(tensor([1, 2])),
  float64_frozen: () => new Parameter(tensor([1, 2.5], { dtype: 'float64' }), false),
  empty: () => new Parameter(zeros(2, 0)),
  matrix: () => new Parameter(tensor([[0.5, -1], [2, 3.25]])),
};

test('every PyTorch case is built', () => expect(Object.keys(built).sort()).toEqual(Object.keys(parameters).sort()));

test.each(Object.keys(parameters))('%s', (name) => {
  const p = built[name]();
  expect(String(p)).toBe(parameters[name]);
  expect(inspect(p)).toBe(parameters[name]);
});
