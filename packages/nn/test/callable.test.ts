/**
 * nn.callable(module): the module's forward as a function (pool(conv(x))), typed by that forward
 * (checked by tsc over the tests), running whatever forward and mode the module has at call time.
 */
import { arange, randn, tensor, Tensor } from '@cresset/autograd';
import * as nn from '../src';

test('pool(conv(x)) is pool.forward(conv.forward(x)), typed as a Tensor', () => {
  const conv = nn.callable(new nn.Conv2d(3, 6, 5));
  const pool = nn.callable(new nn.MaxPool2d(2, { stride: 2 }));
  const x = randn(2, 3, 12, 12);
  const y: Tensor = pool(conv(x));
  const expected = pool.module.forward(conv.module.forward(x));
  expect(y.shape).toEqual([2, 6, 4, 4]);
  expect(y.toArray()).toEqual(expected.toArray());
  expect(conv.module.weight.shape).toEqual([6, 3, 5, 5]);
  // @ts-expect-error Conv2d's forward takes a Tensor
  expect(() => conv('x')).toThrow();
});

test('a max pooling with returnIndices is typed [values, indices]', () => {
  const pool = nn.callable(new nn.MaxPool2d(2, { returnIndices: true }));
  const [values, indices] = pool(arange(16).reshape([1, 1, 4, 4]).to('float32'));
  expect(values.toArray()).toEqual([[[[5, 7], [13, 15]]]]);
  expect(indices.toArray()).toEqual([[[[5, 7], [13, 15]]]]);
});

test('the module\'s mode and current forward apply at each call', () => {
  const drop = nn.callable(new nn.Dropout(0.5));
  const x = tensor([1, 2, 3, 4]);
  drop.module.eval();
  expect(drop(x).toArray()).toEqual([1, 2, 3, 4]);
  const relu = nn.callable(new nn.ReLU());
  const calls: Tensor[] = [];
  const forward = relu.module.forward.bind(relu.module);
  relu.module.forward = (t: Tensor) => {
    calls.push(t);
    return forward(t);
  };
  expect(relu(tensor([-1, 2])).toArray()).toEqual([0, 2]);
  expect(calls.length).toBe(1);
});
