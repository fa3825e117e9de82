/**
 * DataLoader (torch.utils.data.DataLoader): batches of samples from a dataset, in order or
 * shuffled, collated into tensors. Iterating draws from the generator as PyTorch's single-process
 * iterator does (a base seed, then the sampler's seed), so seeded runs see PyTorch's order.
 * With numWorkers, worker threads load the batches ahead while the loop computes (same order).
 */
import { defaultGenerator, Generator, ValueError } from '@cresset/tensor';
import { Collated, defaultCollate } from './collate';
import type { Dataset } from './dataset';
import { BatchSampler, drawSeed, RandomSampler, Sampler, SequentialSampler } from './sampler';
import { WorkerDatasetSpec, WorkerPool } from './workers/worker_pool';

export interface DataLoaderOptions<T, B> {
  batchSize?: number;
  shuffle?: boolean;
  sampler?: Sampler;
  dropLast?: boolean;
  collateFn?: (samples: T[]) => B;
  generator?: Generator;
  /**
   * Worker threads loading batches ahead of the loop (0: load in the loop). A Dataset object cannot
   * cross threads, so workers rebuild it from `workerDataset`; they use the default collate.
   */
  numWorkers?: number;
  workerDataset?: WorkerDatasetSpec;
  /** Batches in flight per worker (PyTorch's prefetch_factor, default 2). */
  prefetchFactor?: number;
}

/** Batches of a Dataset<T>: by default each batch is what defaultCollate makes of T (Collated<T>). */
export class DataLoader<T = unknown, B = Collated<T>> implements Iterable<B> {
  readonly batchSize: number;
  readonly dropLast: boolean;
  readonly sampler: Sampler;
  readonly batchSampler: BatchSampler;
  private readonly collate: (samples: T[]) => B;
  private readonly customCollate: boolean;
  private readonly generator: Generator | null;
  readonly numWorkers: number;
  readonly prefetchFactor: number;
  private readonly workerDataset: WorkerDatasetSpec | null;
  private pool: WorkerPool | null = null;

  constructor(readonly dataset: Dataset<T>, opts: DataLoaderOptions<T, B> = {}) {
    this.batchSize = opts.batchSize ?? 1;
    this.dropLast = opts.dropLast ?? false;
    if (opts.sampler && opts.shuffle) throw new ValueError('sampler option is mutually exclusive with shuffle');
    this.generator = opts.generator ?? null;
    this.sampler = opts.sampler ?? (opts.shuffle ? new RandomSampler(dataset.length, this.generator) : new SequentialSampler(dataset.length));
    this.batchSampler = new BatchSampler(this.sampler, this.batchSize, this.dropLast);
    this.collate = opts.collateFn ?? ((s: T[]) => defaultCollate(s) as unknown as B);
    this.customCollate = opts.collateFn !== undefined;
    this.numWorkers = opts.numWorkers ?? 0;
    this.prefetchFactor = opts.prefetchFactor ?? 2;
    this.workerDataset = opts.workerDataset ?? null;
    if (!Number.isInteger(this.numWorkers) || this.numWorkers < 0) throw new ValueError(`num_workers option should be non-negative; use numWorkers=0 to disable multiprocessing (got ${this.numWorkers})`);
    if (this.numWorkers > 0 && !this.workerDataset) {
      throw new ValueError('DataLoader: numWorkers > 0 needs workerDataset ({ module, exportName, args }): worker threads rebuild the dataset, a Dataset object cannot cross threads');
    }
    if (this.numWorkers > 0 && opts.collateFn) throw new ValueError('DataLoader: a custom collateFn cannot run in worker threads; use numWorkers 0');
  }

  /** Number of batches per epoch. */
  get length(): number {
    return this.batchSampler.length;
  }

  *[Symbol.iterator](): Iterator<B> {
    // PyTorch's _BaseDataLoaderIter draws a base seed for workers on every iteration
    const baseSeed = drawSeed(this.generator ?? defaultGenerator);
    if (this.numWorkers > 0) {
      this.pool ??= new WorkerPool(this.numWorkers, this.workerDataset!);
      yield* this.pool.run(this.batchSampler, baseSeed, this.prefetchFactor) as Iterable<B>;
      return;
    }
    for (const indices of this.batchSampler) {
      // a dataset that collates a batch at once gives defaultCollate's batch without the per-sample tensors
      const whole = this.customCollate ? null : (this.dataset.getBatch?.(indices) as B | null | undefined);
      yield whole ?? this.collate(indices.map((i) => this.dataset.get(i)));
    }
  }

  /** Ends the worker threads, if any (they do not keep the process alive either way). */
  async close(): Promise<void> {
    await this.pool?.close();
    this.pool = null;
  }
}
