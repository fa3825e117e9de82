/** NDArray views share storage, and fail with PyTorch's messages where PyTorch fails. */
import { arange, binary, matmul, NDArray, reduce, tensor, viewStrides } from '../src';

describe('views', () => {
  const a = arange(24).reshape([2, 3, 4]);

  test('permute, transpose and slicing share storage and compute strides', () => {
    const p = a.permute([2, 0, 1]);
    expect(p.shape).toEqual([4, 2, 3]);
    expect(p.strides).toEqual([1, 12, 4]);
    expect(p.data).toBe(a.data);
    const s = a.slice(2, 1, null, 2);
    expect(s.shape).toEqual([2, 3, 2]);
    expect(s.offset).toBe(1);
    expect(s.toArray()).toEqual([[[1, 3], [5, 7], [9, 11]], [[13, 15], [17, 19], [21, 23]]]);
  });

  test('view works on compatible strides and fails otherwise', () => {
    expect(viewStrides([2, 3, 4], [12, 4, 1], [6, 4])).toEqual([4, 1]);
    expect(viewStrides([4, 3], [1, 4], [12])).toBeNull();
    const t = a.transpose(1, 2);
    expect(() => t.view([24])).toThrow(/view size is not compatible with input tensor's size and stride/);
    const r = t.reshape([24]);
    expect(r.data).not.toBe(a.data);
    expect(r.toArray()).toEqual(Array.from(t.contiguous().values()));
  });

  test('expand broadcasts with zero strides and checks sizes', () => {
    const c = tensor([[1], [2]]);
    const e = c.expand([3, 2, 4]);
    expect(e.strides).toEqual([0, 1, 0]);
    expect(e.toArray()).toEqual([[[1, 1, 1, 1], [2, 2, 2, 2]], [[1, 1, 1, 1], [2, 2, 2, 2]], [[1, 1, 1, 1], [2, 2, 2, 2]]]);
    expect(() => c.expand([3, 3])).toThrow(/must match the existing size \(2\) at non-singleton dimension 0/);
  });

  test('select and squeeze', () => {
    expect(a.select(1, -1).toArray()).toEqual([[8, 9, 10, 11], [20, 21, 22, 23]]);
    expect(() => a.select(0, 2)).toThrow(/index 2 out of range/);
    expect(NDArray.empty([1, 3, 1]).squeeze().shape).toEqual([3]);
  });
});

describe('errors name the op and the shapes', () => {
  test('matmul', () => {
    expect(() => matmul(NDArray.empty([64, 400]), NDArray.empty([256, 120]))).toThrow('mat1 and mat2 shapes cannot be multiplied (64x400 and 256x120)');
  });
  test('broadcasting', () => {
    expect(() => binary('add', NDArray.empty([2, 3]), NDArray.empty([4]))).toThrow(/size of tensor a \(3\) must match the size of tensor b \(4\) at non-singleton dimension 1/);
  });
  test('reductions of integers', () => {
    expect(reduce('sum', tensor([1, 2], { dtype: 'int32' }), null).dtype).toBe('int64');
    expect(() => reduce('mean', tensor([1, 2], { dtype: 'int64' }), null)).toThrow(/mean\(\): could not infer output dtype/);
  });
});
