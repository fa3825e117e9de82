/** Every op of the table passes gradcheck: backward agrees with central differences in float64. */
import { Generator } from '@cresset/tensor';
import { gradcheck, noGrad, randn, randperm, Tensor } from '../src';
import { OP_CASES, OpCase } from './op_table';

/** A float64 leaf of the given shape with values from the case's domain, seeded by the case. */
export function makeInput(shape: number[], domain: OpCase['domain'], gen: Generator): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const x = noGrad(() => {
    if (domain === 'distinct') return randperm(n, { generator: gen }).double().sub(n / 2).div(3).reshape(shape);
    const r = randn(shape, { dtype: 'float64', generator: gen });
    return domain === 'positive' ? r.abs().add(0.5) : r;
  });
  return x.detach().requiresGrad_();
}

describe('gradcheck of every op', () => {
  test.each(OP_CASES.map((c, i) => [c.name, c, i] as const))('%s', (_name, c, i) => {
    const gen = new Generator(1000 + i);
    const inputs = c.shapes.map((shape) => makeInput(shape, c.domain, gen));
    expect(gradcheck(c.fn, inputs)).toBe(true);
  });
});
