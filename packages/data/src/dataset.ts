/**
 * Datasets (torch.utils.data): a Dataset is a length and get(i). TensorDataset, Subset,
 * ConcatDataset and randomSplit follow PyTorch, including randomSplit's use of randperm.
 */
import { Tensor } from '@cresset/autograd';
import { defaultGenerator, Generator, IndexError, randperm, ValueError } from '@cresset/tensor';

export interface Dataset<T> {
  readonly length: number;
  get(index: number): T;
  /**
   * The samples at `indices` already collated, exactly as defaultCollate would make them from
   * get(i) of each (a DataLoader with the default collate uses it); null when this dataset
   * cannot make that batch at once (its transform draws per sample, say).
   */
  getBatch?(indices: readonly number[]): unknown | null;
}

/** Checks an index against a length, allowing negative indices as Python does. */
export function checkIndex(i: number, length: number, what: string): number {
  if (!Number.isInteger(i) || i < -length || i >= length) throw new IndexError(`${what}: index ${i} is out of range for a dataset of length ${length}`);
  return i < 0 ? i + length : i;
}

/** Samples are the i-th rows of each tensor (all share the first dimension). */
export class TensorDataset implements Dataset<Tensor[]> {
  readonly tensors: Tensor[];
  constructor(...tensors: Tensor[]) {
    if (tensors.length === 0) throw new ValueError('TensorDataset: at least one tensor is required');
    const n = tensors[0].shape[0];
    tensors.forEach((t, i) => {
      if (t.shape[0] !== n) throw new ValueError(`Size mismatch between tensors: tensor 0 has ${n} rows, tensor ${i} has ${t.shape[0]}`);
    });
    this.tensors = tensors;
  }
  get length(): number {
    return this.tensors[0].shape[0];
  }
  get(i: number): Tensor[] {
    const k = checkIndex(i, this.length, 'TensorDataset');
    return this.tensors.map((t) => t.select(0, k));
  }
}

/** The samples of a dataset at the given indices. */
export class Subset<T> implements Dataset<T> {
  constructor(readonly dataset: Dataset<T>, readonly indices: number[]) {}
  get length(): number {
    return this.indices.length;
  }
  get(i: number): T {
    return this.dataset.get(this.indices[checkIndex(i, this.length, 'Subset')]);
  }
  getBatch(indices: readonly number[]): unknown | null {
    return this.dataset.getBatch?.(indices.map((i) => this.indices[checkIndex(i, this.length, 'Subset')])) ?? null;
  }
}

/** Datasets one after the other. */
export class ConcatDataset<T> implements Dataset<T> {
  readonly cumulativeSizes: number[];
  constructor(readonly datasets: Dataset<T>[]) {
    if (datasets.length === 0) throw new ValueError('datasets should not be an empty iterable');
    let acc = 0;
    this.cumulativeSizes = datasets.map((d) => (acc += d.length));
  }
  get length(): number {
    return this.cumulativeSizes[this.cumulativeSizes.length - 1];
  }
  get(i: number): T {
    const k = checkIndex(i, this.length, 'ConcatDataset');
    const d = this.cumulativeSizes.findIndex((c) => k < c);
    return this.datasets[d].get(d === 0 ? k : k - this.cumulativeSizes[d - 1]);
  }
}

/**
 * Splits a dataset into non-overlapping subsets of the given lengths (or fractions summing to 1,
 * the remainder spread round-robin), by a permutation drawn as torch.randperm(n, generator).
 */
export function randomSplit<T>(dataset: Dataset<T>, lengths: number[], generator: Generator = defaultGenerator): Subset<T>[] {
  let sizes = lengths;
  const total = lengths.reduce((a, b) => a + b, 0);
  if (Math.abs(total - 1) < 1e-9 && total !== dataset.length) {
    sizes = lengths.map((f) => Math.floor(dataset.length * f));
    let rest = dataset.length - sizes.reduce((a, b) => a + b, 0);
    for (let i = 0; rest > 0; i = (i + 1) % sizes.length, rest--) sizes[i]++;
  }
  if (sizes.reduce((a, b) => a + b, 0) !== dataset.length) {
    throw new ValueError('Sum of input lengths does not equal the length of the input dataset!');
  }
  const perm = randperm(dataset.length, 'int64', generator).data;
  let at = 0;
  return sizes.map((n) => {
    const idx = Array.from(perm.subarray(at, at + n));
    at += n;
    return new Subset(dataset, idx);
  });
}
