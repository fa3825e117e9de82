/**
 * DataLoader worker threads: batches loaded ahead by workers that rebuild the dataset from its
 * module are the batches (and the order) of loading in the loop; a worker's error reaches the loop.
 */
import * as torch from 'cresset';
import { DATA_SPEC_MODULE, trainDatasetFor } from '../../packages/cresset/src/cli/data_spec';

const FMNIST = 'fashion-mnist:/usr/share/datasets/fashion-mnist';
const spec = (data: string) => ({ module: DATA_SPEC_MODULE, exportName: 'trainDatasetFor', args: [data, { limitTrain: 700 }] });
type Batch = [torch.Tensor, torch.Tensor];
const flat = (b: Batch) => [Array.from(b[0].array.values()), Array.from(b[1].array.values())];

test.each([1, 2])('%d worker(s) give the batches of single-threaded loading, in the same shuffled order', async (numWorkers) => {
  const ds = trainDatasetFor(FMNIST, { limitTrain: 700 });
  torch.manualSeed(5);
  const plain = [...new torch.utils.data.DataLoader<unknown, Batch>(ds, { batchSize: 64, shuffle: true })].map(flat);
  torch.manualSeed(5);
  const loader = new torch.utils.data.DataLoader<unknown, Batch>(ds, { batchSize: 64, shuffle: true, numWorkers, workerDataset: spec(FMNIST), prefetchFactor: 2 });
  const threaded = [...loader].map(flat);
  await loader.close();
  expect(threaded.length).toBe(11);
  expect(threaded).toEqual(plain);
});

test('an error in a worker (a dataset folder that does not exist) reaches the loop as a FormatError naming it', async () => {
  const ds = trainDatasetFor(FMNIST, { limitTrain: 10 });
  const loader = new torch.utils.data.DataLoader(ds, { batchSize: 4, numWorkers: 1, workerDataset: spec('fashion-mnist:/nonexistent') });
  expect(() => [...loader]).toThrow(torch.FormatError);
  expect(() => [...loader]).toThrow('DataLoader worker: FashionMNIST: none of train-images-idx3-ubyte, train-images-idx3-ubyte.gz, train-images.idx3-ubyte found in /nonexistent');
  await loader.close();
});

test("the main thread's decode limit holds in the workers", async () => {
  const ds = trainDatasetFor(FMNIST, { limitTrain: 10 });
  const before = torch.getDecodeLimit();
  torch.setDecodeLimit(1000);
  try {
    const loader = new torch.utils.data.DataLoader(ds, { batchSize: 4, numWorkers: 1, workerDataset: spec(FMNIST) });
    expect(() => [...loader]).toThrow(torch.AllocationError);
    expect(() => [...loader]).toThrow(/^DataLoader worker: readIdx: reading '\/usr\/share\/datasets\/fashion-mnist\/train-images-idx3-ubyte(\.gz)?' would take \d+ bytes, over the decode limit of 1000 bytes/);
    await loader.close();
  } finally {
    torch.setDecodeLimit(before);
  }
});

test('workers without a dataset recipe, or with a custom collate, are refused', () => {
  const ds = trainDatasetFor(FMNIST, { limitTrain: 10 });
  expect(() => new torch.utils.data.DataLoader(ds, { numWorkers: 1 })).toThrow('DataLoader: numWorkers > 0 needs workerDataset');
  expect(() => new torch.utils.data.DataLoader(ds, { numWorkers: 1, workerDataset: spec(FMNIST), collateFn: (s) => s })).toThrow('a custom collateFn cannot run in worker threads');
});
