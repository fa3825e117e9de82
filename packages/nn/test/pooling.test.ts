/**
 * Max pooling's typed returnIndices and its inverse, by exact reasoning on x = arange(25) as
 * 1x1x5x5, whose 2x2 maxima are the bottom-right corners: 6, 8, 16 and 18.
 */
import { arange, Tensor } from '@cresset/autograd';
import * as nn from '../src';

const x = () => arange(25).reshape([1, 1, 5, 5]).to('float32');

test('MaxPool2d with returnIndices: true is typed [values, indices]; without it, a Tensor', () => {
  const [values, indices] = new nn.MaxPool2d(2, { returnIndices: true }).forward(x());
  expect(values.toArray()).toEqual([[[[6, 8], [16, 18]]]]);
  expect(indices.dtype).toBe('int64');
  expect(indices.toArray()).toEqual([[[[6, 8], [16, 18]]]]);
  const plain: Tensor = new nn.MaxPool2d(2).forward(x());
  expect(plain.shape).toEqual([1, 1, 2, 2]);
  const [v, i] = nn.functional.maxPool2d(x(), 2, { returnIndices: true });
  expect([v.shape, i.shape]).toEqual([[1, 1, 2, 2], [1, 1, 2, 2]]);
});

test('MaxUnpool2d puts the maxima back: default size 4x4, or the pooled input size 5x5 with outputSize', () => {
  const [values, indices] = new nn.MaxPool2d(2, { returnIndices: true }).forward(x());
  const unpool = new nn.MaxUnpool2d(2);
  expect(String(unpool)).toBe('MaxUnpool2d(kernel_size=(2, 2), stride=(2, 2), padding=(0, 0))');
  const y = unpool.forward(values, indices, [1, 1, 5, 5]);
  const expected = new Array(25).fill(0);
  for (const k of [6, 8, 16, 18]) expected[k] = k;
  expect(y.shape).toEqual([1, 1, 5, 5]);
  expect(y.reshape(-1).toArray()).toEqual(expected);
  expect(() => unpool.forward(values, indices)).toThrow('max_unpool2d: Found an invalid max index: 16 (output volumes are of size 4x4)');
});

test('AdaptiveMaxPool2d with returnIndices is typed [values, indices]', () => {
  const [v, i] = new nn.AdaptiveMaxPool2d(1, true).forward(x());
  expect([v.toArray(), i.toArray()]).toEqual([[[[[24]]]], [[[[24]]]]]);
});
