/**
 * F.embedding_bag: sums, means or maxima of bags of embedding rows, without the [bags, n, dim]
 * intermediate of embedding + reduction. Bags are the rows of 2-d input, or the runs of 1-d input
 * that `offsets` starts (with includeLastOffset, its last entry ends the last bag). Padding
 * indices are left out of their bags; an empty bag gives zeros.
 */
import { cat, Tensor, tensor } from '@cresset/autograd';
import { ShapeError, ValueError } from '@cresset/tensor';
import { embedding } from './embedding';

export type EmbeddingBagMode = 'sum' | 'mean' | 'max';

export interface EmbeddingBagOptions {
  offsets?: Tensor | null;
  maxNorm?: number | null;
  normType?: number;
  mode?: EmbeddingBagMode;
  perSampleWeights?: Tensor | null;
  includeLastOffset?: boolean;
  paddingIdx?: number | null;
}

/** Each bag's [start, end) in the flattened input. */
function bagBounds(input: Tensor, offsets: Tensor | null, includeLast: boolean): [number, number][] {
  if (input.ndim === 2) {
    if (offsets) throw new ValueError('if input is 2D, then offsets has to be None, as input is treated is a mini-batch of fixed length sequences.');
    const [b, n] = input.shape;
    return Array.from({ length: b }, (_, i) => [i * n, (i + 1) * n]);
  }
  if (input.ndim !== 1) throw new ShapeError(`input has to be 1D or 2D Tensor, but got Tensor of dimension ${input.ndim}`);
  if (!offsets) throw new ValueError('offsets has to be a 1D Tensor but got None');
  if (offsets.ndim !== 1) throw new ShapeError('offsets has to be a 1D Tensor');
  const starts = offsets.toArray() as number[];
  const m = input.shape[0];
  const ends = includeLast ? starts.slice(1) : [...starts.slice(1), m];
  return ends.map((e, i) => [starts[i], Math.min(e, m)]);
}

export function embeddingBag(input: Tensor, weight: Tensor, opts: EmbeddingBagOptions = {}): Tensor {
  const mode = opts.mode ?? 'mean';
  if (mode !== 'sum' && mode !== 'mean' && mode !== 'max') throw new ValueError(`mode has to be one of sum, mean or max, but got ${String(mode)}`);
  const psw = opts.perSampleWeights ?? null;
  if (psw && mode !== 'sum') throw new ValueError(`embedding_bag: per_sample_weights was not None. per_sample_weights is only supported for mode='sum' (got mode='${mode}'). Please open a feature request on GitHub.`);
  const bounds = bagBounds(input, opts.offsets ?? null, opts.includeLastOffset ?? false);
  const flat = input.reshape(-1);
  const [num, dim] = weight.shape;
  let pad = opts.paddingIdx ?? null;
  if (pad !== null && pad < 0) pad += num;
  const rows = embedding(flat, weight, { paddingIdx: pad, maxNorm: opts.maxNorm, normType: opts.normType });
  const ids = flat.toArray() as number[];
  const keep = (k: number) => ids[k] !== pad;
  if (mode === 'max') {
    const outs = bounds.map(([s, e]) => {
      const members = [];
      for (let k = s; k < e; k++) if (keep(k)) members.push(k);
      if (members.length === 0) return rows.narrow(0, 0, 1).mul(0);
      const picked = members.length === e - s ? rows.narrow(0, s, e - s) : cat(members.map((k) => rows.narrow(0, k, 1)), 0);
      return picked.amax(0, true);
    });
    return outs.length ? cat(outs, 0) : rows.narrow(0, 0, 0).reshape([0, dim]);
  }
  // sum and mean as one product: bag weights [bags, n] times the looked-up rows [n, dim]
  const table = bounds.map(([s, e]) => {
    const row = new Array(ids.length).fill(0);
    let count = 0;
    for (let k = s; k < e; k++) if (keep(k)) count++;
    for (let k = s; k < e; k++) if (keep(k)) row[k] = mode === 'mean' ? 1 / count : 1;
    return row;
  });
  const a = tensor(table.length ? table : [], { dtype: weight.dtype }).reshape([bounds.length, ids.length]);
  // per-sample weights scale each member's row (as a tensor, so they get a gradient)
  return (psw ? a.mul(psw.reshape([1, -1])) : a).matmul(rows);
}
