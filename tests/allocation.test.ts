/**
 * Absurd sizes end in an AllocationError naming the op, the shape, the dtype, the bytes asked for
 * and the limit, before any memory is taken; lowering the limit with setAllocationLimit applies it.
 */
import * as torch from 'cresset';
import { AllocationError, ENGINE_MAX_BYTES, getAllocationLimit, setAllocationLimit } from '@cresset/tensor';

const over = `over the allocation limit of ${ENGINE_MAX_BYTES} bytes (the largest ArrayBuffer this JavaScript engine allows)`;

const cases: [string, () => unknown, string][] = [
  ['zeros([1e6, 1e6])', () => torch.zeros([1e6, 1e6]), `zeros: can't allocate memory for a tensor of shape [1000000, 1000000] and dtype float32: you tried to allocate 4000000000000 bytes, ${over}`],
  ['randn(1e5, 1e5)', () => torch.randn(1e5, 1e5), `randn: can't allocate memory for a tensor of shape [100000, 100000] and dtype float32: you tried to allocate 40000000000 bytes, ${over}`],
  ['full([2**31, 2**31], 1)', () => torch.full([2 ** 31, 2 ** 31], 1), `full: can't allocate memory for a tensor of shape [2147483648, 2147483648] and dtype int64: you tried to allocate 36893488147419103232 bytes, ${over}`],
  ['ones float64', () => torch.ones([2 ** 30], { dtype: 'float64' }), `ones: can't allocate memory for a tensor of shape [1073741824] and dtype float64: you tried to allocate 8589934592 bytes, ${over}`],
  ['empty', () => torch.empty(1e6, 1e6), `empty: can't allocate memory for a tensor of shape [1000000, 1000000] and dtype float32`],
  ['contiguous() of a huge expand', () => torch.zeros([1]).expand([2 ** 31, 2 ** 31]).contiguous(), `contiguous: can't allocate memory for a tensor of shape [2147483648, 2147483648] and dtype float32: you tried to allocate 18446744073709551616 bytes, ${over}`],
  ['[1e6,1] x [1,1e6] matmul', () => torch.zeros([1e6, 1]).matmul(torch.zeros([1, 1e6])), `matmul: can't allocate memory for a tensor of shape [1000000, 1000000] and dtype float32: you tried to allocate 4000000000000 bytes, ${over}`],
  ['randperm(1e12)', () => torch.randperm(1e12), `randperm: can't allocate memory for a tensor of shape [1000000000000] and dtype int64: you tried to allocate 8000000000000 bytes, ${over}`],
  ['cat of two huge expands', () => torch.cat([torch.zeros([1]).expand([1e6, 1e6]), torch.zeros([1]).expand([1e6, 1e6])]), `cat: can't allocate memory for a tensor of shape [2000000, 1000000] and dtype float32`],
  ['pad by 1e9', () => torch.pad(torch.zeros([1, 1, 2, 2]), [1e9, 1e9]), `pad: can't allocate memory for a tensor of shape [1, 1, 2, 2000000002] and dtype float32: you tried to allocate 16000000016 bytes, ${over}`],
  ['conv2d padded by 1e5', () => torch.nn.functional.conv2d(torch.zeros([1, 1, 2, 2]), torch.zeros([1, 1, 1, 1]), null, { padding: 1e5 }), `conv2d: can't allocate memory for a tensor of shape [1, 1, 200002, 200002] and dtype float32: you tried to allocate 160003200016 bytes, ${over}`],
  ['to(float64) of a huge expand', () => torch.zeros([1]).expand([1e6, 1e6]).to('float64'), `to(float64): can't allocate memory for a tensor of shape [1000000, 1000000] and dtype float64`],
  ['broadcast add', () => torch.zeros([1e5, 1]).add(torch.zeros([1, 1e5])), `add: can't allocate memory for a tensor of shape [100000, 100000] and dtype float32`],
];

test.each(cases)('%s is an AllocationError', (_name, fn, message) => {
  expect(fn).toThrow(AllocationError);
  expect(fn).toThrow(message);
});

test('setAllocationLimit lowers the limit; within it allocation works', () => {
  const before = getAllocationLimit();
  try {
    setAllocationLimit(1000);
    expect(torch.zeros([250]).shape).toEqual([250]);
    expect(() => torch.zeros([251])).toThrow("zeros: can't allocate memory for a tensor of shape [251] and dtype float32: you tried to allocate 1004 bytes, over the allocation limit of 1000 bytes (set by setAllocationLimit)");
    expect(() => torch.zeros([2, 126], { dtype: 'float64' }).clone()).toThrow(AllocationError);
    expect(() => setAllocationLimit(-1)).toThrow('setAllocationLimit: expected a whole number of bytes >= 0, got -1');
  } finally {
    setAllocationLimit(before);
  }
  expect(getAllocationLimit()).toBe(ENGINE_MAX_BYTES);
});

test('matmul of 1-d tensors of different lengths names the op', () => {
  expect(() => torch.zeros([3]).matmul(torch.zeros([4]))).toThrow(
    'matmul: inconsistent tensor size, expected tensor [3] and src [4] to have the same number of elements, but got 3 and 4 elements respectively',
  );
});
