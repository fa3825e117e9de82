/** TensorDataset, Subset and ConcatDataset: a Dataset is a length and get(i), with Python's negative indices. */
import { arange, tensor } from '@cresset/autograd';
import { ConcatDataset, Subset, TensorDataset } from '@cresset/data';

const ds = new TensorDataset(arange(5), tensor([10, 11, 12, 13, 14]));

test('TensorDataset gives the i-th row of each tensor', () => {
  expect(ds.length).toBe(5);
  expect(ds.get(2).map((t) => t.item())).toEqual([2, 12]);
  expect(ds.get(-1).map((t) => t.item())).toEqual([4, 14]);
});

test('Subset and ConcatDataset index through to the underlying samples', () => {
  const sub = new Subset(ds, [4, 0, 2]);
  expect(sub.length).toBe(3);
  expect(sub.get(0)[1].item()).toBe(14);
  const cat = new ConcatDataset([sub, ds]);
  expect(cat.length).toBe(8);
  expect(cat.cumulativeSizes).toEqual([3, 8]);
  expect([0, 2, 3, 7, -1].map((i) => cat.get(i)[0].item())).toEqual([4, 2, 0, 4, 4]);
});

test.each([
  ['out of range', () => ds.get(5), 'TensorDataset: index 5 is out of range for a dataset of length 5'],
  ['negative out of range', () => new Subset(ds, [1]).get(-2), 'Subset: index -2 is out of range for a dataset of length 1'],
  ['rows differ', () => new TensorDataset(arange(3), arange(4)), 'Size mismatch between tensors: tensor 0 has 3 rows, tensor 1 has 4'],
  ['no datasets', () => new ConcatDataset([]), 'datasets should not be an empty iterable'],
])('%s is an error naming what was wrong', (_n, f, msg) => {
  expect(f).toThrow(msg);
});
