/**
 * sort, argsort, topk, boolean masks and einsum beyond the op table: NaN's place and the tie order
 * of a stable sort, integer sorts, and the errors, with PyTorch 1.13's values and words.
 */
import { einsum, ones, tensor, zeros } from '../src';

const NAN = Number.NaN;

test('sort puts NaN above every number and keeps ties in order, as sort(stable=True)', () => {
  const x = tensor([3, NAN, 1, NAN, 2, 1]);
  const up = x.sort();
  expect(up.values.toArray()).toEqual([1, 1, 2, 3, NAN, NAN]);
  expect(up.indices.toArray()).toEqual([2, 5, 4, 0, 1, 3]);
  const [down, at] = x.sort({ descending: true, stable: true });
  expect(down.toArray()).toEqual([NAN, NAN, 3, 2, 1, 1]);
  expect(at.toArray()).toEqual([1, 3, 0, 4, 2, 5]);
  expect(x.argsort(-1, true).toArray()).toEqual([1, 3, 0, 4, 2, 5]);
  expect(at.dtype).toBe('int64');
});

test('an int64 sort keeps its dtype', () => {
  const r = tensor([3, 1, 2, 1], { dtype: 'int64' }).sort();
  expect(r.values.dtype).toBe('int64');
  expect(r.values.toArray()).toEqual([1, 1, 2, 3]);
  expect(r.indices.toArray()).toEqual([1, 3, 2, 0]);
});

test('topk of k = 0 is empty; beyond the dim it fails', () => {
  expect(ones(2, 3).topk(0).values.shape).toEqual([2, 0]);
  expect(() => ones(6).topk(7)).toThrow('topk(): selected index k out of range (k = 7, dim size = 6)');
});

test('mask errors name the op and the shapes', () => {
  expect(() => ones(2, 3).maskedFill(ones(2, 3).gt(0), ones(2))).toThrow('masked_fill_ only supports a 0-dimensional value tensor, but got tensor with 1 dimension(s).');
  expect(() => ones(2, 3).maskedFill(ones(2, 3), 1)).toThrow('masked_fill: only supports boolean masks, but got mask with dtype float32');
  expect(() => ones(2, 3).index(ones(3).gt(0))).toThrow('index: The shape of the mask [3] at index 0 does not match the shape of the indexed tensor [2, 3] at index 0');
  expect(() => ones(2, 3).maskedFill(ones(3, 3).gt(0), 1)).toThrow('The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 0');
});

test('an in-place mask write without autograd writes the storage', () => {
  const x = zeros(2, 3);
  x.indexPut_(tensor([false, true]), 4);
  x.maskedFill_(tensor([true, false, false]), -1);
  expect(x.toArray()).toEqual([[-1, 0, 0], [-1, 4, 4]]);
});

test.each([
  [['ij,jk', ones(2, 3)], 'einsum(): fewer operands were provided than specified in the equation'],
  [['ij', ones(2, 3), ones(2)], 'einsum(): more operands were provided than specified in the equation'],
  [['ijk', ones(2, 3)], 'einsum(): the number of subscripts in the equation (3) does not match the number of dimensions (2) for operand 0 and no ellipsis was given'],
  [['ij->k', ones(2, 3)], 'einsum(): output subscript k does not appear in the equation for any input operand'],
  [['i1', ones(2, 3)], 'einsum(): invalid subscript given at index 1 in the equation string, subscripts must be in [a-zA-Z]'],
  [['ij,jk', ones(2, 3), ones(4, 2)], 'einsum(): subscript j has size 4 for operand 1 which does not broadcast with previously seen size 3'],
] as const)('einsum error %#', (args, message) => {
  const [eq, ...ops] = args;
  expect(() => einsum(eq, ...ops)).toThrow(message);
});
