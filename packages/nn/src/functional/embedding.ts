/** F.embedding: rows of a weight table looked up by integer indices. */
import { Embedding, Tensor } from '@cresset/autograd';
import * as T from '@cresset/tensor';
import { DTypeError, IndexError, scalarTypeName } from '@cresset/tensor';

export interface EmbeddingOptions {
  /** This row gets no gradient (its lookups read the table without history). */
  paddingIdx?: number | null;
  /** Rows looked up whose normType-norm exceeds this are first scaled, in place, to it. */
  maxNorm?: number | null;
  normType?: number;
}

/**
 * Scales, in place and without history, the rows of weight that `indices` names and whose p-norm
 * exceeds maxNorm, by maxNorm / (norm + 1e-7) (torch.embedding_renorm_).
 */
function renorm_(weight: Tensor, rows: number[], maxNorm: number, p: number): void {
  const w = weight.array;
  let changed = false;
  for (const r of [...new Set(rows)]) {
    // on the arrays, so that tracing (ONNX export) does not record it
    const row = w.narrow(0, r, 1);
    const a = T.unary('abs', row);
    const norm = Number(T.reduce(p === Infinity ? 'max' : 'sum', p === Infinity || p === 1 ? a : T.unary('powScalar', a, p), null, false).item());
    const n = p === Infinity || p === 1 ? norm : norm ** (1 / p);
    if (n > maxNorm) {
      T.copyInto(row, T.binary('mul', row, maxNorm / (n + 1e-7)));
      changed = true;
    }
  }
  if (changed) w.bumpVersion();
}

/** input: int64 indices of any shape; weight [num, dim]; the result is [...input.shape, dim]. */
export function embedding(input: Tensor, weight: Tensor, opts: EmbeddingOptions = {}): Tensor {
  if (input.dtype !== 'int64' && input.dtype !== 'int32') {
    throw new DTypeError(`Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got torch.${scalarTypeName(input.dtype)}Tensor instead (while checking arguments for embedding)`);
  }
  const [num] = weight.shape;
  const flat = input.reshape(-1);
  const rows = flat.toArray() as number[];
  const bad = rows.find((r) => r < 0 || r >= num);
  if (bad !== undefined) throw new IndexError('index out of range in self');
  if (opts.maxNorm !== null && opts.maxNorm !== undefined) renorm_(weight, rows, opts.maxNorm, opts.normType ?? 2);
  const pad = opts.paddingIdx ?? null;
  return new Embedding(pad === null ? -1 : pad < 0 ? pad + num : pad, opts.maxNorm ?? null).apply(weight, input);
}
