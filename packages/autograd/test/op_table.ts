/**
 * The table of differentiable ops (like PyTorch's OpInfo): each case names an op, the shapes of
 * its inputs, the domain its inputs are drawn from, and how to call it. One table drives the
 * gradcheck test (gradcheck.test.ts) and the comparison with PyTorch's forward values, gradients
 * and grad_fn names (ops.test.ts), on inputs from scripts/fixtures/autograd_ops.py, which spells
 * each case in Python under the same name.
 */
import type { Tensor, ValuesIndices } from '../src';
import { cat, einsum, pad, Pointwise, stack, tensor, where, zeros } from '../src';

/** Runs an in-place op on a view of `base` and returns the base (which the op changed). */
const inPlaceOnView = (base: Tensor, op: (t: Tensor) => unknown) => {
  op(base);
  return base;
};

/** values + indices of a sort or topk, so that the fixture checks the indices (their tie order) too. */
const valuesPlusIndices = (r: ValuesIndices) => r.values.add(r.indices);

/** The bool masks of the mask cases that do not compute theirs. */
const COLUMNS = () => tensor([true, false, false, true]);
const ROWS = () => tensor([true, false, true, true]);

/** The index of the gather and scatter_add cases. */
const INDEX = () => tensor([[0, 3], [2, 2], [1, 0]], { dtype: 'int64' });

export interface OpCase {
  /** Unique name; the same key as in scripts/fixtures/autograd_ops.py. */
  name: string;
  /** Shapes of the tensor inputs. */
  shapes: number[][];
  /** 'real' (standard normal), 'positive' (0.5 + |x|), 'distinct' (a permutation, no ties). */
  domain?: 'real' | 'positive' | 'distinct';
  fn: (...xs: Tensor[]) => Tensor;
}

export const OP_CASES: OpCase[] = [
  // arithmetic with broadcasting
  { name: 'add', shapes: [[3, 4], [3, 4]], fn: (a, b) => a.add(b) },
  { name: 'add_broadcast', shapes: [[2, 3, 4], [3, 1]], fn: (a, b) => a.add(b) },
  { name: 'add_alpha', shapes: [[3, 4], [4]], fn: (a, b) => a.add(b, { alpha: 2.5 }) },
  { name: 'add_scalar', shapes: [[5]], fn: (a) => a.add(2) },
  { name: 'add_0d', shapes: [[3], []], fn: (a, b) => a.add(b) },
  { name: 'sub', shapes: [[4, 1], [1, 5]], fn: (a, b) => a.sub(b) },
  { name: 'sub_alpha', shapes: [[2, 3], [3]], fn: (a, b) => a.sub(b, { alpha: 2 }) },
  { name: 'rsub_scalar', shapes: [[2, 3]], fn: (a) => a.rsub(1.5) },
  { name: 'mul', shapes: [[2, 3], [2, 3]], fn: (a, b) => a.mul(b) },
  { name: 'mul_broadcast', shapes: [[4, 1, 3], [2, 1]], fn: (a, b) => a.mul(b) },
  { name: 'mul_scalar', shapes: [[3, 2]], fn: (a) => a.mul(-0.75) },
  { name: 'div', shapes: [[3, 4], [3, 4]], domain: 'positive', fn: (a, b) => a.div(b) },
  { name: 'div_broadcast', shapes: [[2, 3], [3]], domain: 'positive', fn: (a, b) => a.div(b) },
  { name: 'div_scalar', shapes: [[3]], fn: (a) => a.div(4) },
  { name: 'pow_scalar', shapes: [[3, 3]], fn: (a) => a.pow(3) },
  { name: 'pow_fractional', shapes: [[4]], domain: 'positive', fn: (a) => a.pow(1.5) },
  { name: 'pow_tensor', shapes: [[2, 3], [2, 3]], domain: 'positive', fn: (a, b) => a.pow(b) },
  { name: 'neg', shapes: [[2, 2]], fn: (a) => a.neg() },
  { name: 'maximum', shapes: [[3, 4], [4]], domain: 'distinct', fn: (a, b) => a.maximum(b) },
  { name: 'minimum', shapes: [[3, 4], [3, 4]], domain: 'distinct', fn: (a, b) => a.minimum(b) },
  { name: 'clamp', shapes: [[4, 5]], fn: (a) => a.clamp(-0.5, 0.5) },
  { name: 'clamp_min', shapes: [[6]], fn: (a) => a.clamp(0.1) },
  { name: 'clamp_max', shapes: [[6]], fn: (a) => a.clamp(null, 0.2) },
  { name: 'clamp_tensor', shapes: [[3, 4], [4], [3, 1]], fn: (a, lo, hi) => a.clamp(lo, hi) },
  { name: 'clamp_tensor_min', shapes: [[3, 4], [4]], fn: (a, lo) => a.clamp(lo) },
  { name: 'clamp_inplace_tensor', shapes: [[3, 4], [4]], fn: (a, lo) => a.mul(1).clamp_(lo, lo.add(0.5)) },
  { name: 'where', shapes: [[3, 4], [3, 4]], fn: (a, b) => where(a.gt(0), a, b) },
  // pointwise
  { name: 'exp', shapes: [[3, 4]], fn: (a) => a.exp() },
  { name: 'log', shapes: [[3, 4]], domain: 'positive', fn: (a) => a.log() },
  { name: 'sqrt', shapes: [[3, 4]], domain: 'positive', fn: (a) => a.sqrt() },
  { name: 'rsqrt', shapes: [[5]], domain: 'positive', fn: (a) => a.rsqrt() },
  { name: 'abs', shapes: [[3, 4]], fn: (a) => a.abs() },
  { name: 'relu', shapes: [[3, 4]], fn: (a) => a.relu() },
  { name: 'sigmoid', shapes: [[3, 4]], fn: (a) => a.sigmoid() },
  { name: 'tanh', shapes: [[3, 4]], fn: (a) => a.tanh() },
  { name: 'sin', shapes: [[5]], fn: (a) => a.sin() },
  { name: 'cos', shapes: [[5]], fn: (a) => a.cos() },
  { name: 'square', shapes: [[2, 3]], fn: (a) => a.square() },
  { name: 'reciprocal', shapes: [[4]], domain: 'positive', fn: (a) => a.reciprocal() },
  { name: 'log1p', shapes: [[4]], domain: 'positive', fn: (a) => a.log1p() },
  { name: 'expm1', shapes: [[4]], fn: (a) => a.expm1() },
  { name: 'floor', shapes: [[5]], fn: (a) => a.floor() },
  { name: 'ceil', shapes: [[5]], fn: (a) => a.ceil() },
  { name: 'round', shapes: [[5]], fn: (a) => a.round() },
  { name: 'trunc', shapes: [[5]], fn: (a) => a.trunc() },
  { name: 'sign', shapes: [[5]], fn: (a) => a.sign() },
  { name: 'leaky_relu', shapes: [[3, 4]], fn: (a) => new Pointwise('leakyRelu', 0.1).apply(a) },
  { name: 'elu', shapes: [[3, 4]], fn: (a) => new Pointwise('elu', 0.7).apply(a) },
  { name: 'gelu', shapes: [[3, 4]], fn: (a) => new Pointwise('gelu').apply(a) },
  { name: 'gelu_tanh', shapes: [[3, 4]], fn: (a) => new Pointwise('geluTanh').apply(a) },
  { name: 'softplus', shapes: [[3, 4]], fn: (a) => new Pointwise('softplus', 2, 1).apply(a) },
  { name: 'softmax', shapes: [[3, 5]], fn: (a) => a.softmax(1) },
  { name: 'log_softmax', shapes: [[3, 5]], fn: (a) => a.logSoftmax(0) },
  { name: 'gather', shapes: [[3, 4]], fn: (a) => a.gather(1, INDEX()) },
  { name: 'scatter_add', shapes: [[3, 4], [3, 2]], fn: (a, b) => a.scatterAdd(1, INDEX(), b) },
  // reductions
  { name: 'sum', shapes: [[3, 4]], fn: (a) => a.sum() },
  { name: 'sum_dim', shapes: [[2, 3, 4]], fn: (a) => a.sum(1) },
  { name: 'sum_dims_keepdim', shapes: [[2, 3, 4]], fn: (a) => a.sum([0, 2], true) },
  { name: 'mean', shapes: [[3, 4]], fn: (a) => a.mean() },
  { name: 'mean_dim', shapes: [[2, 3, 4]], fn: (a) => a.mean(-1) },
  { name: 'mean_dim_keepdim', shapes: [[2, 3, 4]], fn: (a) => a.mean(0, true) },
  { name: 'prod', shapes: [[2, 3]], fn: (a) => a.prod() },
  { name: 'prod_dim', shapes: [[3, 4]], fn: (a) => a.prod(1) },
  { name: 'prod_with_zero', shapes: [[4]], fn: (a) => cat([a, zeros(1, { dtype: a.dtype })]).prod() },
  { name: 'max', shapes: [[3, 4]], domain: 'distinct', fn: (a) => a.max() },
  { name: 'max_dim', shapes: [[3, 4]], domain: 'distinct', fn: (a) => a.max(1).values },
  { name: 'max_dim_keepdim', shapes: [[3, 4, 2]], domain: 'distinct', fn: (a) => a.max(0, true).values },
  { name: 'min', shapes: [[3, 4]], domain: 'distinct', fn: (a) => a.min() },
  { name: 'min_dim', shapes: [[3, 4]], domain: 'distinct', fn: (a) => a.min(0).values },
  { name: 'amax', shapes: [[2, 3, 4]], domain: 'distinct', fn: (a) => a.amax([1, 2]) },
  { name: 'amin', shapes: [[2, 3, 4]], domain: 'distinct', fn: (a) => a.amin(0, true) },
  { name: 'var', shapes: [[3, 4]], fn: (a) => a.var() },
  { name: 'var_dim', shapes: [[3, 4]], fn: (a) => a.var(1) },
  { name: 'var_biased', shapes: [[3, 4]], fn: (a) => a.var(0, false, true) },
  { name: 'var_correction', shapes: [[3, 5]], fn: (a) => a.var(1, { correction: 2 }) },
  { name: 'std', shapes: [[3, 4]], fn: (a) => a.std() },
  { name: 'std_dim', shapes: [[2, 5]], fn: (a) => a.std(1, true, true) },
  { name: 'std_biased', shapes: [[3, 4]], fn: (a) => a.std(undefined, false) },
  { name: 'logsumexp', shapes: [[3, 4]], fn: (a) => a.logsumexp(1) },
  { name: 'logsumexp_dims_keepdim', shapes: [[2, 3, 4]], fn: (a) => a.logsumexp([0, 2], true) },
  { name: 'max_0d_dim', shapes: [[]], fn: (a) => a.max(0).values.mul(a) },
  { name: 'sum_0d_dim', shapes: [[]], fn: (a) => a.sum(0, true) },
  // views and shapes
  { name: 'reshape', shapes: [[3, 4]], fn: (a) => a.reshape(2, 6) },
  { name: 'reshape_copy', shapes: [[3, 4]], fn: (a) => a.t().reshape(12) },
  { name: 'view', shapes: [[3, 4]], fn: (a) => a.view(4, 3) },
  { name: 'view_infer', shapes: [[2, 3, 4]], fn: (a) => a.view(-1, 4) },
  { name: 'permute', shapes: [[2, 3, 4]], fn: (a) => a.permute(2, 0, 1) },
  { name: 'transpose', shapes: [[2, 3, 4]], fn: (a) => a.transpose(0, 2) },
  { name: 't', shapes: [[3, 4]], fn: (a) => a.t() },
  { name: 'mT', shapes: [[2, 3, 4]], fn: (a) => a.mT },
  { name: 'squeeze', shapes: [[3, 1, 4, 1]], fn: (a) => a.squeeze() },
  { name: 'squeeze_dim', shapes: [[3, 1, 4]], fn: (a) => a.squeeze(1) },
  { name: 'unsqueeze', shapes: [[3, 4]], fn: (a) => a.unsqueeze(1) },
  { name: 'expand', shapes: [[3, 1]], fn: (a) => a.expand(2, 3, 4) },
  { name: 'expand_0d', shapes: [[]], fn: (a) => a.unsqueeze(0).expand(3).mul(a) },
  { name: 'expand_as', shapes: [[1, 4], [3, 4]], fn: (a, b) => a.expandAs(b).mul(b) },
  { name: 'narrow', shapes: [[5, 4]], fn: (a) => a.narrow(0, 1, 3) },
  { name: 'select', shapes: [[3, 4]], fn: (a) => a.select(1, 2) },
  { name: 'index_slices', shapes: [[4, 6]], fn: (a) => a.index('1:3', '::2') },
  { name: 'index_mixed', shapes: [[3, 4, 5]], fn: (a) => a.index(1, null, '...', '2:') },
  { name: 'flatten', shapes: [[2, 3, 4]], fn: (a) => a.flatten(1) },
  { name: 'unflatten', shapes: [[3, 4]], fn: (a) => a.unflatten(1, [2, 2]) },
  { name: 'flip', shapes: [[2, 3, 4]], fn: (a) => a.flip(0, 2) },
  { name: 'contiguous', shapes: [[3, 4]], fn: (a) => a.t().contiguous() },
  { name: 'clone', shapes: [[3, 4]], fn: (a) => a.clone() },
  { name: 'index_put', shapes: [[2, 4], [3]], fn: (a, b) => a.mul(1).indexPut_([1, '1:'], b) },
  { name: 'inplace_chain', shapes: [[2, 3], [3]], fn: (a, b) => a.mul(2).add_(b).exp_() },
  { name: 'view_inplace', shapes: [[3, 4], [4]], fn: (a, b) => inPlaceOnView(a.mul(1), (y) => y.select(0, 1).mul_(b)) },
  { name: 'view_inplace_result', shapes: [[3, 4]], fn: (a) => a.mul(1).narrow(1, 0, 2).exp_() },
  { name: 'view_chain_inplace', shapes: [[3, 4]], fn: (a) => {
    const y = inPlaceOnView(a.mul(1), (t) => t.t().index('1:3').mul_(2));
    return y.mul(y);
  } },
  { name: 'copy_into_zeros', shapes: [[4]], fn: (b) => inPlaceOnView(zeros(2, 4, { dtype: b.dtype }), (z) => z.select(0, 0).copy_(b)) },
  // linear algebra
  { name: 'matmul_mm', shapes: [[3, 4], [4, 5]], fn: (a, b) => a.matmul(b) },
  { name: 'matmul_mv', shapes: [[3, 4], [4]], fn: (a, b) => a.matmul(b) },
  { name: 'matmul_vm', shapes: [[4], [4, 2]], fn: (a, b) => a.matmul(b) },
  { name: 'matmul_dot', shapes: [[5], [5]], fn: (a, b) => a.matmul(b) },
  { name: 'matmul_batched', shapes: [[2, 3, 4], [2, 4, 5]], fn: (a, b) => a.matmul(b) },
  { name: 'matmul_broadcast', shapes: [[2, 1, 3, 4], [3, 4, 2]], fn: (a, b) => a.matmul(b) },
  { name: 'matmul_transposed', shapes: [[4, 3], [5, 4]], fn: (a, b) => a.t().matmul(b.t()) },
  // joining and padding
  { name: 'cat', shapes: [[2, 3], [4, 3]], fn: (a, b) => cat([a, b]) },
  { name: 'cat_dim1', shapes: [[2, 3], [2, 1]], fn: (a, b) => cat([a, b], 1) },
  { name: 'stack', shapes: [[2, 3], [2, 3]], fn: (a, b) => stack([a, b], 1) },
  { name: 'pad_constant', shapes: [[2, 3, 4]], fn: (a) => pad(a, [1, 2, 0, 1], 'constant', 0.5) },
  { name: 'pad_reflect', shapes: [[1, 2, 5]], fn: (a) => pad(a, [2, 3], 'reflect') },
  { name: 'pad_reflect_2d', shapes: [[1, 2, 4, 5]], fn: (a) => pad(a, [1, 2, 3, 1], 'reflect') },
  { name: 'pad_replicate', shapes: [[1, 2, 3, 4]], fn: (a) => pad(a, [2, 1, 1, 3], 'replicate') },
  { name: 'pad_circular', shapes: [[1, 2, 3, 4]], fn: (a) => pad(a, [1, 2, 2, 1], 'circular') },
  // composites
  { name: 'softmax_by_hand', shapes: [[3, 5]], fn: (a) => a.exp().div(a.exp().sum(1, true)) },
  { name: 'mse_by_hand', shapes: [[4, 3], [4, 3]], fn: (a, b) => a.sub(b).pow(2).mean() },
  // sorting and selection
  { name: 'sort', shapes: [[3, 5]], domain: 'distinct', fn: (a) => a.sort(1).values },
  { name: 'sort_descending_dim0', shapes: [[4, 3]], domain: 'distinct', fn: (a) => a.sort(0, true).values },
  { name: 'sort_stable_ties', shapes: [[3, 4]], fn: (a) => valuesPlusIndices(cat([a, a.flip(1)], 1).sort({ dim: 1, stable: true })) },
  { name: 'sort_stable_descending_ties', shapes: [[2, 3]], fn: (a) => valuesPlusIndices(cat([a, a], 0).sort({ dim: 0, descending: true, stable: true })) },
  { name: 'topk', shapes: [[3, 6]], domain: 'distinct', fn: (a) => a.topk(3).values },
  { name: 'topk_smallest_dim0', shapes: [[5, 3]], domain: 'distinct', fn: (a) => valuesPlusIndices(a.topk(2, 0, false)) },
  // boolean masks
  { name: 'masked_fill', shapes: [[3, 4]], fn: (a) => a.maskedFill(a.gt(0), 0.5) },
  { name: 'masked_fill_broadcast', shapes: [[3, 4]], fn: (a) => a.maskedFill(COLUMNS(), -1) },
  { name: 'masked_fill_tensor', shapes: [[3, 4], []], fn: (a, b) => a.maskedFill(a.gt(0), b) },
  { name: 'masked_fill_inplace', shapes: [[3, 4]], fn: (a) => a.mul(1).maskedFill_(a.gt(0), 2) },
  { name: 'masked_select', shapes: [[3, 4]], fn: (a) => a.maskedSelect(a.gt(0)) },
  { name: 'masked_select_broadcast', shapes: [[4, 1]], fn: (a) => a.maskedSelect(stack([COLUMNS(), COLUMNS().logicalNot(), COLUMNS(), ROWS()])) },
  { name: 'index_mask', shapes: [[3, 4]], fn: (a) => a.index(a.gt(0)) },
  { name: 'index_mask_rows', shapes: [[4, 3]], fn: (a) => a.index(ROWS()) },
  { name: 'index_put_mask', shapes: [[3, 4], []], fn: (a, b) => a.mul(1).indexPut_(a.gt(0), b) },
  { name: 'index_put_mask_rows', shapes: [[4, 3], [3]], fn: (a, b) => a.mul(1).indexPut_(ROWS(), b) },
  // einsum
  { name: 'einsum_mm', shapes: [[3, 4], [4, 5]], fn: (a, b) => einsum('ij,jk->ik', a, b) },
  { name: 'einsum_mm_transposed_out', shapes: [[3, 4], [4, 5]], fn: (a, b) => einsum('ij,jk->ki', a, b) },
  { name: 'einsum_batched', shapes: [[2, 3, 4], [2, 4, 5]], fn: (a, b) => einsum('bij,bjk->bik', a, b) },
  { name: 'einsum_transpose', shapes: [[3, 4]], fn: (a) => einsum('ij->ji', a) },
  { name: 'einsum_diagonal', shapes: [[3, 3]], fn: (a) => einsum('ii->i', a) },
  { name: 'einsum_trace', shapes: [[3, 3]], fn: (a) => einsum('ii', a) },
  { name: 'einsum_sum', shapes: [[2, 3, 4]], fn: (a) => einsum('bij->b', a) },
  { name: 'einsum_outer', shapes: [[3], [4]], fn: (a, b) => einsum('i,j->ij', a, b) },
  { name: 'einsum_dot', shapes: [[5], [5]], fn: (a, b) => einsum('i,i->', a, b) },
  { name: 'einsum_chain', shapes: [[2, 3], [3, 4], [4, 2]], fn: (a, b, c) => einsum('ij,jk,kl->il', a, b, c) },
  { name: 'einsum_ellipsis', shapes: [[2, 3, 4], [4, 5]], fn: (a, b) => einsum('...ij,jk->...ik', a, b) },
  { name: 'einsum_bilinear', shapes: [[2, 3], [4, 3, 5], [2, 5]], fn: (a, w, b) => einsum('bn,anm,bm->ba', a, w, b) },
  { name: 'einsum_implicit', shapes: [[2, 3], [3, 4]], fn: (a, b) => einsum('ba,ac', a, b) },
  // running sums
  { name: 'cumsum', shapes: [[3, 4]], fn: (a) => a.cumsum(1) },
  { name: 'cumsum_dim0_3d', shapes: [[3, 2, 2]], fn: (a) => a.cumsum(0) },
  { name: 'cumsum_negative_dim', shapes: [[2, 5]], fn: (a) => a.cumsum(-1).mul(a) },
  // rolls and integer-tensor indexing
  { name: 'roll', shapes: [[2, 3, 4]], fn: (a) => a.roll([1, -5], [0, 2]) },
  { name: 'roll_flat', shapes: [[3, 4]], fn: (a) => a.roll(5) },
  { name: 'index_tensor', shapes: [[4, 3]], fn: (a) => a.index(tensor([[3, 0, 3], [-1, 1, 2]], { dtype: 'int64' })) },
  // norms (a zero row's gradient is 0)
  { name: 'norm', shapes: [[3, 4]], fn: (a) => a.norm() },
  { name: 'norm_dim', shapes: [[3, 4]], fn: (a) => a.norm(2, 1) },
  { name: 'norm_zero_row', shapes: [[3, 4]], fn: (a) => a.mul(tensor([[1], [0], [1]])).norm(2, -1, true) },
  { name: 'norm_p1', shapes: [[3, 4]], fn: (a) => a.norm(1, 0) },
  { name: 'norm_inf', shapes: [[3, 4]], domain: 'distinct', fn: (a) => a.norm(Infinity, 1) },
  { name: 'norm_p3', shapes: [[3, 4]], fn: (a) => a.norm(3, [0, 1]) },
  { name: 'norm_p1_5', shapes: [[3, 4]], fn: (a) => a.norm(1.5, 1, true) },
  { name: 'norm_p0_5', shapes: [[3, 4]], domain: 'positive', fn: (a) => a.norm(0.5, 1) },
];
