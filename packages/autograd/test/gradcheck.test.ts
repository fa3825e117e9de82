/** Every op of the table passes gradcheck: backward agrees with central differences in float64. */
import { gradcheck } from '../src';
import { OP_FIXTURES, leaves } from './op_fixture';
import { OP_CASES } from './op_table';

describe('gradcheck of every op', () => {
  test.each(OP_CASES.map((c) => [c.name, c] as const))('%s', (name, c) => {
    expect(gradcheck(c.fn, leaves(OP_FIXTURES.get(name)!, 'float64'))).toBe(true);
  });
});
