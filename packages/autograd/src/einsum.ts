/**
 * torch.einsum(equation, ...operands), composed from differentiable ops the way PyTorch 1.13
 * composes it: each operand takes the diagonal of a repeated subscript and is permuted (with size-1
 * dims for subscripts it lacks) to the order output subscripts, then contracted ones; a single
 * operand is summed over the contracted dims; several are contracted left to right, a pair at a
 * time, by a batched matmul over the dims summed at that step (a product when none is), and the
 * result is viewed to the output's shape. Subscripts are letters (A-Z before a-z); '...' stands for
 * broadcast dims; without '->' the output holds '...' and then the subscripts that appear once.
 */
import * as T from '@cresset/tensor';
import { Tensor } from './tensor';

/** Letters A-Z are 0-25 and a-z 26-51, as PyTorch orders them; ellipsis dims are 52 on. */
const ELLIPSIS_BASE = 52;

function labelOf(c: string, at: number): number {
  const code = c.charCodeAt(0);
  if (code >= 65 && code <= 90) return code - 65;
  if (code >= 97 && code <= 122) return code - 97 + 26;
  throw new T.ValueError(`einsum(): invalid subscript given at index ${at} in the equation string, subscripts must be in [a-zA-Z]`);
}

const nameOf = (l: number) => (l >= ELLIPSIS_BASE ? '...' : String.fromCharCode(l < 26 ? 65 + l : 97 + l - 26));

/** Subscripts of one term: letter labels, and where '...' stands (-1 when absent). */
function parseTerm(term: string, start: number): { labels: number[]; ellipsisAt: number } {
  const labels: number[] = [];
  let ellipsisAt = -1;
  for (let i = 0; i < term.length; i++) {
    if (term[i] === '.') {
      if (ellipsisAt >= 0 || term.slice(i, i + 3) !== '...') {
        throw new T.ValueError(`einsum(): found '.' for operand or output that is not part of any ellipsis ('...')`);
      }
      ellipsisAt = labels.length;
      i += 2;
      continue;
    }
    labels.push(labelOf(term[i], start + i));
  }
  return { labels, ellipsisAt };
}

/** Labels of each operand's dims (ellipsis dims right-aligned as 52 + k) and of the output. */
function parse(equation: string, operands: readonly Tensor[]): { inputs: number[][]; output: number[]; ellipsisDims: number } {
  const eq = equation.replace(/\s/g, '');
  const arrow = eq.indexOf('->');
  const lhs = arrow >= 0 ? eq.slice(0, arrow) : eq;
  const terms = lhs.split(',');
  if (terms.length > operands.length) throw new T.ValueError('einsum(): fewer operands were provided than specified in the equation');
  if (terms.length < operands.length) throw new T.ValueError('einsum(): more operands were provided than specified in the equation');
  let offset = 0;
  const parsed = terms.map((t) => {
    const p = parseTerm(t, offset);
    offset += t.length + 1;
    return p;
  });
  const ellipsisDims = Math.max(0, ...parsed.map((p, i) => (p.ellipsisAt >= 0 ? operands[i].ndim - p.labels.length : 0)));
  const inputs = parsed.map((p, i) => {
    const nd = operands[i].ndim;
    if (p.ellipsisAt < 0 && p.labels.length !== nd) {
      throw new T.ShapeError(`einsum(): the number of subscripts in the equation (${p.labels.length}) does not match the number of dimensions (${nd}) for operand ${i} and no ellipsis was given`);
    }
    if (p.ellipsisAt >= 0 && p.labels.length > nd) {
      throw new T.ShapeError(`einsum(): the number of subscripts in the equation (${p.labels.length}) is more than the number of dimensions (${nd}) for operand ${i}`);
    }
    if (p.ellipsisAt < 0) return p.labels;
    const e = nd - p.labels.length;
    const ell = Array.from({ length: e }, (_, k) => ELLIPSIS_BASE + ellipsisDims - e + k);
    return [...p.labels.slice(0, p.ellipsisAt), ...ell, ...p.labels.slice(p.ellipsisAt)];
  });
  const ellipsis = Array.from({ length: ellipsisDims }, (_, k) => ELLIPSIS_BASE + k);
  let output: number[];
  if (arrow >= 0) {
    const p = parseTerm(eq.slice(arrow + 2), arrow + 2);
    output = p.ellipsisAt < 0 ? p.labels : [...p.labels.slice(0, p.ellipsisAt), ...ellipsis, ...p.labels.slice(p.ellipsisAt)];
    const all = new Set(inputs.flat());
    output.forEach((l, i) => {
      if (l < ELLIPSIS_BASE && !all.has(l)) throw new T.ValueError(`einsum(): output subscript ${nameOf(l)} does not appear in the equation for any input operand`);
      if (output.indexOf(l) !== i) throw new T.ValueError(`einsum(): output subscript ${nameOf(l)} appears more than once in the output`);
    });
  } else {
    const count = new Map<number, number>();
    for (const l of inputs.flat()) if (l < ELLIPSIS_BASE) count.set(l, (count.get(l) ?? 0) + 1);
    output = [...ellipsis, ...[...count.keys()].filter((l) => count.get(l) === 1).sort((x, y) => x - y)];
  }
  return { inputs, output, ellipsisDims };
}

/** `t` viewed as `shape` (a view where the strides allow, else a reshaped copy). */
function fit(t: Tensor, shape: number[]): Tensor {
  return T.viewStrides(t.array.shape, t.array.strides, shape) !== null ? t.view(shape) : t.reshape(shape);
}

/**
 * Sums dims `sum` of a and b (both of full rank, broadcast with each other) out of their product,
 * keeping every dim (summed ones as size 1): a product when nothing is summed, else a batched matmul.
 */
function sumProduct(a: Tensor, b: Tensor, sum: number[]): Tensor {
  const summed: number[] = [];
  for (const d of sum) {
    const [sa, sb] = [a.array.shape[d], b.array.shape[d]];
    if (sa === 1 && sb !== 1) b = b.sum(d, true);
    else if (sb === 1 && sa !== 1) a = a.sum(d, true);
    else if (sa !== 1) summed.push(d);
  }
  if (summed.length === 0) return a.mul(b);
  const rank = a.ndim;
  const both: number[] = [], left: number[] = [], right: number[] = [], ones: number[] = [];
  for (let d = 0; d < rank; d++) {
    if (summed.includes(d)) continue;
    const [sa, sb] = [a.array.shape[d], b.array.shape[d]];
    if (sa !== 1 && sb !== 1) both.push(d);
    else if (sa !== 1) left.push(d);
    else if (sb !== 1) right.push(d);
    else ones.push(d);
  }
  const size = (t: Tensor, dims: number[]) => dims.reduce((n, d) => n * t.array.shape[d], 1);
  const lhs = fit(a.permute([...both, ...left, ...summed, ...right, ...ones]), [size(a, both), size(a, left), size(a, summed)]);
  const rhs = fit(b.permute([...both, ...summed, ...right, ...left, ...ones]), [size(b, both), size(b, summed), size(b, right)]);
  const order = [...both, ...left, ...right, ...summed, ...ones];
  const product = fit(lhs.matmul(rhs), order.map((d) => (summed.includes(d) || ones.includes(d) ? 1 : Math.max(a.array.shape[d], b.array.shape[d]))));
  const inverse = order.map((_, i) => order.indexOf(i));
  return inverse.every((d, i) => d === i) ? product : product.permute(inverse);
}

/** torch.einsum(equation, *operands): the sum of products the equation's subscripts describe. */
export function einsum(equation: string, ...operands: (Tensor | readonly Tensor[])[]): Tensor {
  const ops = operands.length === 1 && Array.isArray(operands[0]) ? [...(operands[0] as readonly Tensor[])] : (operands as Tensor[]);
  if (ops.length === 0) throw new T.ValueError('einsum(): must provide at least one operand');
  const { inputs, output } = parse(equation, ops);
  const contracted = [...new Set(inputs.flat())].filter((l) => !output.includes(l)).sort((x, y) => x - y);
  const order = [...output, ...contracted];
  const sizes = new Map<number, number>();
  const permuted = ops.map((op, i) => {
    let t = op;
    const labels: number[] = [];
    inputs[i].forEach((l) => {
      const at = labels.indexOf(l);
      if (at < 0) {
        labels.push(l);
        return;
      }
      // a repeated subscript: the diagonal, kept where the first occurrence was
      const d = labels.length;
      t = t.diagonal(0, at, d).movedim(-1, at);
    });
    labels.forEach((l, d) => {
      const s = t.array.shape[d];
      const seen = sizes.get(l);
      if (seen !== undefined && seen !== s && seen !== 1 && s !== 1) {
        throw new T.ShapeError(`einsum(): subscript ${nameOf(l)} has size ${s} for operand ${i} which does not broadcast with previously seen size ${seen}`);
      }
      if (seen === undefined || seen === 1) sizes.set(l, s);
    });
    const missing = order.filter((l) => !labels.includes(l));
    for (let k = 0; k < missing.length; k++) t = t.unsqueeze(-1);
    const at = [...labels, ...missing];
    return t.permute(order.map((l) => at.indexOf(l)));
  });
  const outShape = output.map((l) => sizes.get(l)!);
  const dims = contracted.map((_, k) => output.length + k);
  if (permuted.length === 1) return dims.length ? permuted[0].sum(dims) : permuted[0];
  // the last operand each contracted subscript appears in: it is summed out at that step
  const lastOp = contracted.map((l) => Math.max(...inputs.map((labels, i) => (labels.includes(l) ? i : -1))));
  let result = permuted[0];
  const early = dims.filter((_, k) => lastOp[k] === 0);
  if (early.length) result = result.sum(early, true);
  for (let i = 1; i < permuted.length; i++) {
    result = sumProduct(result, permuted[i], dims.filter((_, k) => lastOp[k] === i));
  }
  return dims.length ? fit(result, outShape) : result;
}
