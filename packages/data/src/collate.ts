/**
 * default_collate: stacks tensors along a new first dim, turns numbers into a tensor (int64 for
 * integers, float64 for floats, as PyTorch), and recurses into arrays and objects.
 */
import { stack, Tensor, tensor } from '@cresset/autograd';
import { ValueError } from '@cresset/tensor';

/**
 * The batch that defaultCollate makes of samples of type S: tensors and numbers become one tensor,
 * strings a list, tuples and objects are collated field by field.
 */
export type Collated<S> =
  S extends Tensor | number | boolean ? Tensor :
  S extends string ? string[] :
  S extends readonly unknown[] ? { -readonly [K in keyof S]: Collated<S[K]> } :
  S extends object ? { [K in keyof S]: Collated<S[K]> } :
  unknown;

export function defaultCollate<S>(batch: S[]): Collated<S>;
export function defaultCollate(batch: unknown[]): unknown {
  const first = batch[0];
  if (first instanceof Tensor) return stack(batch as Tensor[]);
  if (typeof first === 'number') {
    const ints = (batch as number[]).every(Number.isInteger);
    return tensor(batch as number[], { dtype: ints ? 'int64' : 'float64' });
  }
  if (typeof first === 'boolean') return tensor(batch as boolean[]);
  if (typeof first === 'string') return batch;
  if (Array.isArray(first)) {
    const n = first.length;
    if (!batch.every((b) => Array.isArray(b) && b.length === n)) throw new ValueError('each element in list of batch should be of equal size');
    return first.map((_, i) => defaultCollate(batch.map((b) => (b as unknown[])[i])));
  }
  if (first && typeof first === 'object') {
    return Object.fromEntries(Object.keys(first).map((k) => [k, defaultCollate(batch.map((b) => (b as Record<string, unknown>)[k]))]));
  }
  throw new ValueError(`default_collate: batch must contain tensors, numbers, arrays or objects; found ${typeof first}`);
}
