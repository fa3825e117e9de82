/**
 * A DataLoader over an in-memory image dataset whose transform is batchable collates each batch
 * at once (getBatch): the batches hold exactly what per-sample get() and defaultCollate give, in
 * the same shuffled order; a transform that is a function, or a custom collate, keeps the
 * per-sample path.
 */
import { Tensor } from '@cresset/autograd';
import { manualSeed } from '@cresset/tensor';
import { DataLoader, datasets, defaultCollate, Subset, transforms } from '../src';

const bits = (t: Tensor) => Array.from(t.dtype === 'float32' ? new Uint32Array(Float32Array.from(t.array.values()).buffer) : t.array.values());

function images(transform: ConstructorParameters<typeof datasets.ImageDataset>[4]) {
  const n = 37, shape: [number, number, number] = [3, 5, 4];
  const pixels = Uint8Array.from({ length: n * 60 }, (_, i) => (i * 97 + 13) % 256);
  const labels = Uint8Array.from({ length: n }, (_, i) => (i * 7) % 10);
  return new datasets.ImageDataset(pixels, labels, shape, [], transform);
}

function perSample(ds: { get(i: number): [Tensor, number] }, indices: number[]) {
  const [x, y] = defaultCollate(indices.map((i) => ds.get(i))) as [Tensor, Tensor];
  return [bits(x), bits(y), y.dtype];
}

test('Normalize (alone and in Compose): batches equal the per-sample collate, in shuffled order', () => {
  const norm = new transforms.Normalize([0.4, 0.5, 0.6], [0.2, 0.25, 0.3]);
  for (const t of [norm, new transforms.Compose([norm, new transforms.Normalize([0.1], [2])])]) {
    const ds = images({ transform: t, targetTransform: (l) => 9 - l });
    expect(ds.getBatch([3, 0, 36])).not.toBeNull();
    manualSeed(5);
    const batches = [...new DataLoader(ds, { batchSize: 8, shuffle: true })].map(([x, y]) => [bits(x), bits(y), y.dtype]);
    // the same loader with defaultCollate given as a custom collate: get(i) sample by sample
    manualSeed(5);
    const samples = [...new DataLoader(ds, { batchSize: 8, shuffle: true, collateFn: (s) => defaultCollate(s) })].map(([x, y]) => [bits(x), bits(y), y.dtype]);
    expect(batches).toEqual(samples);
    expect(batches[0][0]).not.toEqual(batches[1][0]);
  }
});

test('a function transform or a custom collate keeps the per-sample path; Subset maps its indices', () => {
  const fn = images({ transform: (x: Tensor) => x.mul(2) });
  expect(fn.getBatch([0, 1])).toBeNull();
  const ds = images({ transform: new transforms.Normalize([0.5], [0.5]) });
  const seen: number[] = [];
  const loader = new DataLoader(ds, { batchSize: 5, collateFn: (s) => { seen.push(s.length); return defaultCollate(s); } });
  expect([...loader].length).toBe(8);
  expect(seen.length).toBe(8);
  const sub = new Subset(ds, [30, 2, 17]);
  const [x] = sub.getBatch([2, 0]) as [Tensor, Tensor];
  expect(bits(x)).toEqual(perSample(ds, [17, 30])[0]);
});
