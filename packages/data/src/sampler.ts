/**
 * Samplers (torch.utils.data): sequential, random (seeded as PyTorch seeds it) and batching.
 * RandomSampler draws its seed from the given generator (or the default one) when iteration starts,
 * then permutes with a fresh generator, so `manualSeed(s)` fixes the order exactly as in PyTorch.
 */
import { defaultGenerator, Generator, randperm, distributions, ValueError } from '@cresset/tensor';

export interface Sampler extends Iterable<number> {
  readonly length: number;
}

export class SequentialSampler implements Sampler {
  constructor(private readonly n: number) {}
  get length(): number {
    return this.n;
  }
  *[Symbol.iterator](): Iterator<number> {
    for (let i = 0; i < this.n; i++) yield i;
  }
}

/** A seed as torch.empty((), dtype=torch.int64).random_(generator=g).item() draws it. */
export function drawSeed(gen: Generator = defaultGenerator): bigint {
  return distributions.randomInt64(gen);
}

export class RandomSampler implements Sampler {
  constructor(private readonly n: number, private readonly generator: Generator | null = null) {
    if (!Number.isInteger(n) || n < 0) throw new ValueError(`num_samples should be a non-negative integer value, but got num_samples=${n}`);
  }
  get length(): number {
    return this.n;
  }
  *[Symbol.iterator](): Iterator<number> {
    const gen = this.generator ?? new Generator(drawSeed());
    const perm = randperm(this.n, 'int64', gen).data;
    for (let i = 0; i < this.n; i++) yield perm[i];
    // PyTorch 1.13 then yields randperm(n)[:num_samples % n], an empty slice that still draws a
    // permutation from the generator (visible when the loader has its own generator)
    randperm(this.n, 'int64', gen);
  }
}

/** Groups indices into batches of batchSize; the last short one is dropped with dropLast. */
export class BatchSampler implements Iterable<number[]> {
  constructor(readonly sampler: Sampler, readonly batchSize: number, readonly dropLast: boolean) {
    if (!Number.isInteger(batchSize) || batchSize <= 0) throw new ValueError(`batch_size should be a positive integer value, but got batch_size=${batchSize}`);
  }
  get length(): number {
    return this.dropLast ? Math.floor(this.sampler.length / this.batchSize) : Math.ceil(this.sampler.length / this.batchSize);
  }
  *[Symbol.iterator](): Iterator<number[]> {
    let batch: number[] = [];
    for (const i of this.sampler) {
      batch.push(i);
      if (batch.length === this.batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0 && !this.dropLast) yield batch;
  }
}
