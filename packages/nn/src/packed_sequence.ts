/**
 * torch.nn.utils.rnn: PackedSequence and packPaddedSequence / padPackedSequence / padSequence /
 * packSequence, and their inverses unpadSequence / unpackSequence. A packed sequence holds the steps of a batch of sequences of different lengths
 * time-major, without padding: data [N, *] whose first batchSizes[0] rows are time step 0 of every
 * sequence, the next batchSizes[1] rows time step 1 of those still running, and so on, with the
 * sequences sorted by decreasing length (sortedIndices maps sorted to original positions,
 * unsortedIndices back). The recurrent layers take it in place of a padded input.
 */
import { cat, full, stack, tensor, Tensor } from '@cresset/autograd';
import { ShapeError, ValueError } from '@cresset/tensor';

/** torch.nn.utils.rnn.PackedSequence(data, batch_sizes, sorted_indices, unsorted_indices). */
export class PackedSequence {
  constructor(
    /** The packed steps [N, *]. */
    readonly data: Tensor,
    /** int64 [T]: the number of sequences still running at each time step (non-increasing). */
    readonly batchSizes: Tensor,
    /** int64 [B] or null: original index of each sorted position (null when the input was sorted). */
    readonly sortedIndices: Tensor | null = null,
    /** int64 [B] or null: sorted position of each original index. */
    readonly unsortedIndices: Tensor | null = null,
  ) {}

  /** The batch sizes as numbers. */
  batchSizeList(): number[] {
    return this.batchSizes.toArray() as number[];
  }

  /** The same packing around other data (the recurrent layers' outputs). */
  withData(data: Tensor): PackedSequence {
    return new PackedSequence(data, this.batchSizes, this.sortedIndices, this.unsortedIndices);
  }

  toString(): string {
    return `PackedSequence(data=${this.data}, batch_sizes=${this.batchSizes}, sorted_indices=${this.sortedIndices ?? 'None'}, unsorted_indices=${this.unsortedIndices ?? 'None'})`;
  }
}

/** x.index_select(dim, indices) composed from select and stack (differentiable). */
export function selectIndices(x: Tensor, dim: number, indices: readonly number[]): Tensor {
  return stack(indices.map((i) => x.select(dim, i)), dim);
}

function lengthList(lengths: Tensor | readonly number[]): number[] {
  return lengths instanceof Tensor ? (lengths.reshape(-1).toArray() as number[]).map(Number) : [...lengths];
}

/**
 * pack_padded_sequence: input [T, B, *] (or [B, T, *] with batchFirst) and each sequence's length
 * -> PackedSequence. With enforceSorted (the default) lengths must be non-increasing; otherwise the
 * batch is sorted by decreasing length first (ties keep their order) and the permutation recorded.
 */
export function packPaddedSequence(input: Tensor, lengths: Tensor | readonly number[], batchFirst = false, enforceSorted = true): PackedSequence {
  const lens = lengthList(lengths);
  const bDim = batchFirst ? 0 : 1;
  if (input.ndim < 2) throw new ShapeError(`pack_padded_sequence: expected an input of at least 2 dims [T, B, *], got [${input.shape.join(', ')}]`);
  if (lens.length !== input.shape[bDim]) throw new ValueError(`pack_padded_sequence: Expected \`len(lengths)\` to be equal to batch_size, but got ${lens.length} (batch_size=${input.shape[bDim]})`);
  let sorted: number[] | null = null;
  if (enforceSorted) {
    if (lens.some((l, i) => i > 0 && l > lens[i - 1])) throw new ValueError('pack_padded_sequence: `lengths` array must be sorted in decreasing order when `enforce_sorted` is True. You can pass `enforce_sorted=False` to pack_padded_sequence and/or pack_sequence to sidestep this requirement if you do not need ONNX exportability.');
  } else {
    sorted = lens.map((_, i) => i).sort((a, b) => lens[b] - lens[a] || a - b);
  }
  const order = sorted ?? lens.map((_, i) => i);
  const sortedLens = order.map((i) => lens[i]);
  if (sortedLens[sortedLens.length - 1] <= 0) throw new ValueError("pack_padded_sequence: Length of all samples has to be greater than 0, but found an element in 'lengths' that is <= 0");
  const T = input.shape[batchFirst ? 1 : 0];
  if (sortedLens[0] > T) throw new ValueError(`pack_padded_sequence: a length of ${sortedLens[0]} exceeds the input's ${T} time steps`);
  const x = (batchFirst ? input.transpose(0, 1) : input);
  const xs = sorted ? selectIndices(x, 1, sorted) : x;
  const batchSizes: number[] = [];
  const steps: Tensor[] = [];
  for (let t = 0; t < sortedLens[0]; t++) {
    const b = sortedLens.filter((l) => l > t).length;
    batchSizes.push(b);
    steps.push(xs.select(0, t).narrow(0, 0, b));
  }
  const unsorted = sorted ? invertPermutation(sorted) : null;
  return new PackedSequence(cat(steps, 0), tensor(batchSizes, { dtype: 'int64' }), sorted && tensor(sorted, { dtype: 'int64' }), unsorted && tensor(unsorted, { dtype: 'int64' }));
}

function invertPermutation(p: readonly number[]): number[] {
  const inv = new Array<number>(p.length);
  p.forEach((v, i) => (inv[v] = i));
  return inv;
}

export interface PadPackedOptions {
  batchFirst?: boolean;
  paddingValue?: number;
  /** Pad to this many time steps (at least the longest sequence). */
  totalLength?: number | null;
}

/**
 * pad_packed_sequence: the inverse of packPaddedSequence. Returns [padded [T, B, *] (or [B, T, *]),
 * lengths int64 [B]], both in the original batch order.
 */
export function padPackedSequence(sequence: PackedSequence, opts: PadPackedOptions = {}): [Tensor, Tensor] {
  const batchSizes = sequence.batchSizeList();
  const B = batchSizes[0];
  const data = sequence.data;
  const T = opts.totalLength ?? batchSizes.length;
  if (T < batchSizes.length) throw new ValueError(`pad_packed_sequence: Expected total_length to be at least the length of the longest sequence in input, but got total_length=${T} and max sequence length being ${batchSizes.length}`);
  const rest = data.shape.slice(1);
  const pad = (n: number) => full([n, ...rest], opts.paddingValue ?? 0, { dtype: data.dtype });
  const steps: Tensor[] = [];
  let offset = 0;
  for (const b of batchSizes) {
    const step = data.narrow(0, offset, b);
    steps.push(b < B ? cat([step, pad(B - b)], 0) : step);
    offset += b;
  }
  for (let t = batchSizes.length; t < T; t++) steps.push(pad(B));
  let padded = stack(steps, 0);
  const lengths = Array.from({ length: B }, (_, i) => batchSizes.filter((b) => b > i).length);
  let lens = lengths;
  if (sequence.unsortedIndices) {
    const unsorted = sequence.unsortedIndices.toArray() as number[];
    padded = selectIndices(padded, 1, unsorted);
    lens = unsorted.map((i) => lengths[i]);
  }
  return [opts.batchFirst ? padded.transpose(0, 1) : padded, tensor(lens, { dtype: 'int64' })];
}

/** pad_sequence: tensors [L_i, *] -> [max L, B, *] (or [B, max L, *]) padded with paddingValue. */
export function padSequence(sequences: readonly Tensor[], batchFirst = false, paddingValue = 0): Tensor {
  if (sequences.length === 0) throw new ValueError('pad_sequence: received an empty list of sequences');
  const rest = sequences[0].shape.slice(1);
  const maxLen = Math.max(...sequences.map((s) => s.shape[0]));
  const padded = sequences.map((s) => {
    if (s.ndim < 1 || s.shape.slice(1).join() !== rest.join()) throw new ShapeError(`pad_sequence: every sequence must be [L, ${rest.join(', ')}], got [${s.shape.join(', ')}]`);
    return s.shape[0] < maxLen ? cat([s, full([maxLen - s.shape[0], ...rest], paddingValue, { dtype: s.dtype })], 0) : s;
  });
  return stack(padded, batchFirst ? 0 : 1);
}

/** pack_sequence: tensors [L_i, *] -> PackedSequence (sorted by decreasing length unless enforceSorted is false). */
export function packSequence(sequences: readonly Tensor[], enforceSorted = true): PackedSequence {
  return packPaddedSequence(padSequence(sequences), sequences.map((s) => s.shape[0]), false, enforceSorted);
}

/** unpad_sequence: a padded batch [T, B, *] (or [B, T, *]) and each sequence's length -> the sequences [L_i, *]. */
export function unpadSequence(padded: Tensor, lengths: Tensor | readonly number[], batchFirst = false): Tensor[] {
  const lens = lengthList(lengths);
  const x = batchFirst ? padded : padded.transpose(0, 1);
  if (lens.length !== x.shape[0]) throw new ValueError(`unpad_sequence: got ${lens.length} lengths for a batch of ${x.shape[0]}`);
  return lens.map((n, i) => x.select(0, i).narrow(0, 0, n));
}

/** unpack_sequence: a PackedSequence -> its sequences [L_i, *] in the original order. */
export function unpackSequence(packed: PackedSequence): Tensor[] {
  const [padded, lengths] = padPackedSequence(packed, { batchFirst: true });
  return unpadSequence(padded, lengths, true);
}
