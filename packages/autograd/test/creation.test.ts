/**
 * The Tensor-level creation and in-place random functions reproduce PyTorch's streams
 * (scripts/fixtures/tensor_random.py) through their PyTorch signatures: sizes as varargs or an
 * array, options last, randint(low, high, size), random_(to) / random_(from, to).
 */
import { Generator } from '@cresset/tensor';
import { expectTensor, loadFixture, RandomFixture, RandomStep as Step } from '../../tensor/test/fixture';
import { empty, rand, randint, randn, randperm, Tensor } from '../src';

const { streams } = loadFixture<RandomFixture>('tensor_random');

function run(s: Step, generator: Generator): Tensor {
  const o = { dtype: s.dtype, generator };
  const [a, b] = s.args;
  const x = () => empty(s.shape, { dtype: s.dtype });
  switch (s.op) {
    case 'rand': return rand(...s.shape, o);
    case 'randn': return randn(s.shape, o);
    case 'randint': return a === 0 ? randint(b, s.shape, o) : randint(a, b, s.shape, o);
    case 'randperm': return randperm(a, o);
    case 'uniform_': return x().uniform_(a, b, generator);
    case 'normal_': return x().normal_(a, b, generator);
    case 'bernoulli_': return x().bernoulli_(a, generator);
    case 'random_': return x().random_(a, b, generator);
  }
  throw new Error(`unknown step ${s.op}`);
}

describe.each(streams.slice(0, 2).map((s) => [s.seed, s] as const))('seed %s', (seed, stream) => {
  const g = new Generator(seed);
  test.each(stream.steps.map((s, i) => [`${i}: ${s.op}(${s.args.join(', ')}) ${s.dtype}`, s] as const))('%s', (label, s) => {
    const exact = s.op !== 'randn' && s.op !== 'normal_';
    expectTensor(run(s, g).array, s.out, exact ? { rtol: 0, atol: 0 } : {}, label);
  });
});
