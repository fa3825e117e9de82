/**
 * DataLoader (torch.utils.data.DataLoader): batches of samples from a dataset, in order or
 * shuffled, collated into tensors. Iterating draws from the generator as PyTorch's single-process
 * iterator does (a base seed, then the sampler's seed), so seeded runs see PyTorch's order.
 */
import { defaultGenerator, Generator, ValueError } from '@cresset/tensor';
import { defaultCollate } from './collate';
import type { Dataset } from './dataset';
import { BatchSampler, drawSeed, RandomSampler, Sampler, SequentialSampler } from './sampler';

export interface DataLoaderOptions<T, B> {
  batchSize?: number;
  shuffle?: boolean;
  sampler?: Sampler;
  dropLast?: boolean;
  collateFn?: (samples: T[]) => B;
  generator?: Generator;
}

export class DataLoader<T = unknown, B = any> implements Iterable<B> {
  readonly batchSize: number;
  readonly dropLast: boolean;
  readonly sampler: Sampler;
  readonly batchSampler: BatchSampler;
  private readonly collate: (samples: T[]) => B;
  private readonly generator: Generator | null;

  constructor(readonly dataset: Dataset<T>, opts: DataLoaderOptions<T, B> = {}) {
    this.batchSize = opts.batchSize ?? 1;
    this.dropLast = opts.dropLast ?? false;
    if (opts.sampler && opts.shuffle) throw new ValueError('sampler option is mutually exclusive with shuffle');
    this.generator = opts.generator ?? null;
    this.sampler = opts.sampler ?? (opts.shuffle ? new RandomSampler(dataset.length, this.generator) : new SequentialSampler(dataset.length));
    this.batchSampler = new BatchSampler(this.sampler, this.batchSize, this.dropLast);
    this.collate = opts.collateFn ?? ((s: T[]) => defaultCollate(s) as B);
  }

  /** Number of batches per epoch. */
  get length(): number {
    return this.batchSampler.length;
  }

  *[Symbol.iterator](): Iterator<B> {
    // PyTorch's _BaseDataLoaderIter draws a base seed for workers on every iteration
    drawSeed(this.generator ?? defaultGenerator);
    for (const indices of this.batchSampler) yield this.collate(indices.map((i) => this.dataset.get(i)));
  }
}
