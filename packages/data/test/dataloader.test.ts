/**
 * DataLoader, RandomSampler and randomSplit against PyTorch 1.13 (tests/fixtures/data_loader.json):
 * after manualSeed(s) the shuffled batches, epoch after epoch, and the default generator's state
 * afterwards are PyTorch's.
 */
import * as fs from 'fs';
import * as path from 'path';
import { arange, rand, tensor, Tensor } from '@cresset/autograd';
import { Generator, manualSeed } from '@cresset/tensor';
import { BatchSampler, DataLoader, RandomSampler, randomSplit, SequentialSampler, TensorDataset } from '@cresset/data';

const fx = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../tests/fixtures/data_loader.json'), 'utf8'));

const batchesOf = (loader: DataLoader<Tensor[], Tensor[]>) => [...loader].map((b) => b[0].toArray());
const closeTo = (got: number[], want: number[]) => got.forEach((g, i) => expect(g).toBeCloseTo(want[i], 6));

describe.each(fx.loaders.map((l: any) => [l.seed, l.n, l.batchSize, l.dropLast, l]))('manualSeed(%d), %d samples, batchSize %d, dropLast %s', (...args: any[]) => {
  const l = args[4];
  test('two shuffled epochs give PyTorch\'s batches and leave the generator where PyTorch leaves it', () => {
    manualSeed(l.seed);
    const loader = new DataLoader(new TensorDataset(arange(l.n)), { batchSize: l.batchSize, shuffle: true, dropLast: l.dropLast });
    expect([batchesOf(loader), batchesOf(loader)]).toEqual(l.epochs);
    expect(loader.length).toBe(l.epochs[0].length);
    closeTo(rand(3).toArray() as number[], l.randAfter);
  });
});

test('a loader with its own generator shuffles from it and leaves the default generator alone', () => {
  const o = fx.ownGenerator;
  manualSeed(o.defaultSeed);
  const loader = new DataLoader(new TensorDataset(arange(o.n)), { batchSize: o.batchSize, shuffle: true, generator: new Generator(o.generatorSeed) });
  expect([batchesOf(loader), batchesOf(loader)]).toEqual(o.epochs);
  closeTo(rand(3).toArray() as number[], o.randAfter);
});

test('sequential loading keeps order and still draws the iterator seed, as PyTorch does', () => {
  manualSeed(fx.sequential.seed);
  expect(batchesOf(new DataLoader(new TensorDataset(arange(7)), { batchSize: 3 }))).toEqual(fx.sequential.batches);
  closeTo(rand(2).toArray() as number[], fx.sequential.randAfter);
});

test('RandomSampler after manualSeed gives PyTorch\'s permutations', () => {
  manualSeed(fx.randomSampler.seed);
  const s = new RandomSampler(fx.randomSampler.n);
  expect([[...s], [...s]]).toEqual(fx.randomSampler.epochs);
});

for (const s of fx.randomSplit as { n: number; lengths: number[]; seed: number; indices: number[][] }[]) {
  test(`randomSplit(${JSON.stringify(s.lengths)}) with a generator seeded ${s.seed}`, () => {
    const parts = randomSplit(new TensorDataset(arange(s.n)), s.lengths, new Generator(s.seed));
    expect(parts.map((p) => p.indices)).toEqual(s.indices);
    expect(parts[0].get(0)[0].item()).toBe(s.indices[0][0]);
  });
}

test('randomSplit refuses lengths that do not add up, naming them', () => {
  expect(() => randomSplit(new TensorDataset(arange(5)), [2, 2])).toThrow('Sum of input lengths does not equal the length of the input dataset!');
});

describe('batching', () => {
  test.each([
    [10, 4, false, [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]],
    [10, 4, true, [[0, 1, 2, 3], [4, 5, 6, 7]]],
    [8, 4, true, [[0, 1, 2, 3], [4, 5, 6, 7]]],
  ])('BatchSampler over %d samples, batchSize %d, dropLast %s', (n, bs, drop, want) => {
    const b = new BatchSampler(new SequentialSampler(n), bs, drop);
    expect([...b]).toEqual(want);
    expect(b.length).toBe(want.length);
  });
  test('a bad batch size is refused naming it', () => {
    expect(() => new BatchSampler(new SequentialSampler(3), 0, false)).toThrow('batch_size should be a positive integer value, but got batch_size=0');
  });
  test('shuffle and sampler together are refused', () => {
    expect(() => new DataLoader(new TensorDataset(arange(3)), { shuffle: true, sampler: new SequentialSampler(3) })).toThrow('sampler option is mutually exclusive with shuffle');
  });
  test('default collate stacks tensors and makes int64 / float64 tensors of numbers; a custom collate replaces it', () => {
    const ds = { length: 3, get: (i: number) => [tensor([i, i + 0.5]), i, i / 2] as [Tensor, number, number] };
    const [x, ints, floats] = [...new DataLoader(ds, { batchSize: 3 })][0] as Tensor[];
    expect(x.shape).toEqual([3, 2]);
    expect(x.toArray()).toEqual([[0, 0.5], [1, 1.5], [2, 2.5]]);
    expect([ints.dtype, floats.dtype]).toEqual(['int64', 'float64']);
    const sums = [...new DataLoader(ds, { batchSize: 2, collateFn: (s) => s.map((v) => v[1]) })];
    expect(sums).toEqual([[0, 1], [2]]);
  });
});
