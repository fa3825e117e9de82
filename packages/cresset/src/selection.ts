/** torch-level forms of sorting, selection, running sums and contraction: torch.sort, topk, argsort, masked_fill, masked_select, diagonal, movedim, cumsum, einsum. */
import type { SortOptions, Tensor, TensorLike, ValuesIndices } from '@cresset/autograd';

export { einsum } from '@cresset/autograd';
/** torch.sort(input, dim = -1, descending = false), or with { dim, descending, stable }. */
export const sort = (a: Tensor, dim: number | SortOptions = -1, descending = false): ValuesIndices => a.sort(dim, descending);
/** torch.argsort(input, dim = -1, descending = false), or with { dim, descending, stable }. */
export const argsort = (a: Tensor, dim: number | SortOptions = -1, descending = false): Tensor => a.argsort(dim, descending);
/** torch.topk(input, k, dim = -1, largest = true, sorted = true). */
export const topk = (a: Tensor, k: number, dim = -1, largest = true, sorted = true): ValuesIndices => a.topk(k, dim, largest, sorted);
/** torch.masked_fill(input, mask, value). */
export const maskedFill = (a: Tensor, mask: Tensor, value: TensorLike): Tensor => a.maskedFill(mask, value);
/** torch.masked_select(input, mask). */
export const maskedSelect = (a: Tensor, mask: Tensor): Tensor => a.maskedSelect(mask);
/** torch.diagonal(input, offset = 0, dim1 = 0, dim2 = 1). */
export const diagonal = (a: Tensor, offset = 0, dim1 = 0, dim2 = 1): Tensor => a.diagonal(offset, dim1, dim2);
/** torch.movedim(input, source, destination). */
export const movedim = (a: Tensor, source: number | readonly number[], destination: number | readonly number[]): Tensor => a.movedim(source, destination);
/** torch.cumsum(input, dim). */
export const cumsum = (a: Tensor, dim: number): Tensor => a.cumsum(dim);
