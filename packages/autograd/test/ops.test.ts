/**
 * Every op of the table against PyTorch (scripts/fixtures/autograd_ops.py), in float64 and float32:
 * the forward values, the grad_fn name, and the gradient of each input for one fixed output gradient.
 */
import type { DType } from '@cresset/tensor';
import { decode, expectTensor } from '../../tensor/test/fixture';
import { Tensor } from '../src';
import { OP_FIXTURES, leaves } from './op_fixture';
import { OP_CASES } from './op_table';

test('the table and the fixture hold the same cases, with the same shapes and domains', () => {
  expect(OP_CASES.map((c) => [c.name, c.shapes, c.domain ?? 'real'])).toEqual(
    [...OP_FIXTURES.values()].map((f) => [f.name, f.shapes, f.domain]),
  );
});

describe.each(['float64', 'float32'] as DType[])('%s', (dtype) => {
  test.each(OP_CASES.map((c) => [c.name, c] as const))('%s', (name, c) => {
    const f = OP_FIXTURES.get(name)!;
    const expected = dtype === 'float64' ? f.float64 : f.float32;
    const xs = leaves(f, dtype);
    const out = c.fn(...xs);
    expectTensor(out.array, expected.out, {}, `${name} forward`);
    expect(out.gradFn?.name).toBe(f.gradFn);
    out.backward(new Tensor(decode(f.gradOutput, dtype)));
    xs.forEach((x, i) => {
      const g = expected.grads[i];
      if (g === null) expect(x.grad).toBeNull();
      else expectTensor(x.grad!.array, g, {}, `${name} grad ${i}`);
    });
  });
});
