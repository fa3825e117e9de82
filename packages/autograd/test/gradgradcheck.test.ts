/**
 * gradgradcheck over the op table: every op with a differentiable backward (backwardGraph) has
 * second derivatives that agree with central differences of its first ones, in float64. The ops
 * without one fail a createGraph pass with their node named; where the fixture's inputs tie (so
 * the first derivative jumps there and differences cannot check it) the createGraph gradient is
 * checked to equal the plain one.
 */
import { gradgradcheck, grad } from '../src';
import { OP_FIXTURES, leaves } from './op_fixture';
import { OP_CASES } from './op_table';

/** The cases whose graph holds an op that has no backwardGraph. */
const NO_DOUBLE_BACKWARD = new Set(['prod', 'prod_dim', 'prod_with_zero']);
/** The cases whose two inputs share values (maximum and minimum split the gradient at ties). */
const TIED = new Set(['maximum', 'minimum']);

describe('gradgradcheck of every op', () => {
  test.each(OP_CASES.map((c) => [c.name, c] as const))('%s', (name, c) => {
    const xs = () => leaves(OP_FIXTURES.get(name)!, 'float64');
    if (NO_DOUBLE_BACKWARD.has(name)) {
      const inputs = xs();
      expect(() => grad(c.fn(...inputs).sum(), inputs, null, { createGraph: true })).toThrow('cresset has no differentiable backward for this op');
    } else if (TIED.has(name)) {
      const inputs = xs();
      const graph = grad(c.fn(...inputs).sum(), inputs, null, { createGraph: true });
      const plain = grad(c.fn(...inputs).sum(), inputs);
      graph.forEach((g, i) => expect(g!.toArray()).toEqual(plain[i]!.toArray()));
      expect(graph.every((g) => g!.requiresGrad === false || g!.gradFn !== null)).toBe(true);
    } else {
      expect(gradgradcheck(c.fn, xs())).toBe(true);
    }
  });
});
