/**
 * Loss nodes with PyTorch's formulas and names: nll_loss (class weights, ignore_index),
 * mse_loss, binary_cross_entropy and binary_cross_entropy_with_logits, each with reduction
 * 'mean' | 'sum' | 'none'.
 */
import * as T from '@cresset/tensor';
import type { NDArray } from '@cresset/tensor';
import { Function } from '../function';
import { add, div, mul, sub } from './util';

export type Reduction = 'mean' | 'sum' | 'none';

function reduceLoss(l: NDArray, reduction: Reduction): NDArray {
  return reduction === 'none' ? l : T.reduce(reduction, l, null);
}

/** The gradient of a reduced loss as a tensor of the elementwise loss's shape. */
function spreadGrad(g: NDArray, shape: readonly number[], reduction: Reduction): NDArray {
  if (reduction === 'none') return g;
  const n = shape.reduce((a, b) => a * b, 1);
  const e = g.reshape([]).expand(shape);
  return reduction === 'mean' ? div(e, n) : e;
}

/** PyTorch's names of the scalar types, as its dtype errors say them. */
const SCALAR_TYPE: Record<T.DType, string> = { float32: 'Float', float64: 'Double', int32: 'Int', int64: 'Long', uint8: 'Byte', bool: 'Bool' };

/**
 * Refuses a class-index target of a dtype PyTorch refuses: class indices are int64 (uint8 is also
 * accepted, as PyTorch 1.13 does); `hint` adds what the caller knows.
 */
export function checkClassIndices(dtype: T.DType, op: string, hint = ''): void {
  if (dtype === 'int64' || dtype === 'uint8') return;
  const fix = T.isFloating(dtype)
    ? "torch.tensor([1, 2, 3]) is float32 (a JavaScript number cannot tell 1 from 1.0): create it with { dtype: 'int64' } or call .long()"
    : 'call .long()';
  throw new T.DTypeError(`${op}: expected target of scalar type Long (int64 class indices) but found ${SCALAR_TYPE[dtype]} (${dtype})${hint}; ${fix}`);
}

/**
 * nll_loss(input [N, C, ...] or [C], target [N, ...] int64): -w[t] * input[n, t]; the mean divides
 * by the total weight of the targets not ignored, as PyTorch.
 */
export class NllLoss extends Function {
  readonly name = 'NllLossBackward0';
  /** The class each target picks, [N, 1, inner] (0 where ignored). */
  private picks: NDArray = T.zeros([0]);
  /** Each target's weight, 0 where ignored, [N, 1, inner]. */
  private weights: NDArray = T.zeros([0]);
  private inShape: readonly number[] = [];
  /** The total weight of the targets not ignored, 0-d in the input's dtype (rounded from its float64 sum). */
  private totalWeight: NDArray = T.zeros([0]);
  /** 1 / the total weight, computed in float64 and rounded to the input's dtype. */
  private meanScale: NDArray = T.zeros([0]);
  constructor(
    /** The class index of each sample (int64). */
    readonly target: NDArray,
    /** The weight of each class, null for all 1. */
    readonly weight: NDArray | null,
    /** A target value that adds nothing (ignore_index). */
    readonly ignoreIndex: number,
    /** 'none', 'mean' or 'sum'. */
    readonly reduction: Reduction,
  ) { super(); }
  forward(x: NDArray) {
    const batched = x.ndim >= 2;
    const C = batched ? x.shape[1] : x.shape[0];
    const expectTarget = batched ? [x.shape[0], ...x.shape.slice(2)] : [];
    if (this.target.ndim !== expectTarget.length || this.target.shape.some((s, i) => s !== expectTarget[i])) {
      throw new T.ShapeError(`nll_loss: expected target of shape [${expectTarget.join(', ')}] for input of shape [${x.shape.join(', ')}], got [${this.target.shape.join(', ')}]`);
    }
    checkClassIndices(this.target.dtype, 'nll_loss');
    this.inShape = x.shape;
    const N = batched ? x.shape[0] : 1;
    const inner = batched ? x.shape.slice(2).reduce((a, b) => a * b, 1) : 1;
    // x as [N, C, inner], targets as [N, 1, inner]; ignored targets pick class 0 with weight 0
    const t = this.target.contiguous().reshape([N, 1, inner]);
    const keep = T.binary('ne', t, this.ignoreIndex);
    this.picks = T.where(keep, t, 0);
    const outOfRange = (v: number) => new T.IndexError(`nll_loss: Target ${v} is out of bounds (${C} classes)`);
    const picked = T.gatherAlong(x.contiguous().reshape([N, C, inner]), 1, this.picks, 'nll_loss', false, outOfRange);
    const w = this.weight ? T.gatherAlong(this.weight.contiguous().reshape([1, C, 1]), 1, this.picks.reshape([1, N * inner, 1]), 'nll_loss', false, outOfRange).reshape([N, 1, inner]) : null;
    this.weights = mul(T.cast(keep, x.dtype), w ?? 1);
    const total = T.reduce('sum', T.cast(this.weights, 'float64'), null);
    this.totalWeight = T.cast(total, x.dtype);
    this.meanScale = T.cast(T.unary('reciprocal', total), x.dtype);
    const losses = T.unary('neg', mul(this.weights, picked)).reshape(this.target.shape);
    if (this.reduction === 'none') return losses;
    const s = T.reduce('sum', losses, null);
    return this.reduction === 'sum' ? s : div(s, this.totalWeight);
  }
  backward(g: NDArray) {
    const C = this.inShape.length >= 2 ? this.inShape[1] : this.inShape[0];
    const N = this.picks.shape[0];
    const inner = this.picks.shape[2];
    const scale = this.reduction === 'mean' ? this.meanScale : 1;
    const gg = this.reduction === 'none' ? g.contiguous().reshape([N, 1, inner]) : g.reshape([1, 1, 1]).expand([N, 1, inner]);
    const gx = T.zeros([N, C, inner], g.dtype);
    T.scatterAlong(gx, 1, this.picks, T.unary('neg', mul(mul(this.weights, scale), gg)), true, 'nll_loss', false);
    return [gx.reshape(this.inShape)];
  }
}

export class MseLoss extends Function {
  readonly name = 'MseLossBackward0';
  constructor(
    /** 'none', 'mean' or 'sum'. */
    readonly reduction: Reduction,
  ) { super(); }
  forward(a: NDArray, b: NDArray) {
    const d = sub(a, b);
    this.save(d);
    return reduceLoss(mul(d, d), this.reduction);
  }
  backward(g: NDArray) {
    const [d] = this.saved;
    const gd = mul(spreadGrad(g, d.shape, this.reduction), mul(d, 2));
    return [gd, T.unary('neg', gd)];
  }
}

/** binary_cross_entropy(p, y, weight): -w (y log p + (1 - y) log(1 - p)), logs clamped at -100 as PyTorch. */
export class BinaryCrossEntropy extends Function {
  readonly name = 'BinaryCrossEntropyBackward0';
  constructor(
    /** 'none', 'mean' or 'sum'. */
    readonly reduction: Reduction,
  ) { super(); }
  forward(p: NDArray, y: NDArray, w?: NDArray) {
    const bad = T.reduce('any', T.binary('logicalOr', T.binary('lt', p, 0), T.binary('gt', p, 1)), null).item();
    if (bad) throw new T.ValueError('binary_cross_entropy: all elements of input should be between 0 and 1');
    this.save(p, y, ...(w ? [w] : []));
    const logP = T.unary('clampMin', T.unary('log', p), -100);
    const log1mP = T.unary('clampMin', T.unary('log', T.binary('sub', 1, p)), -100);
    let l = T.unary('neg', add(mul(y, logP), mul(sub(1, y), log1mP)));
    if (w) l = mul(l, w);
    return reduceLoss(l, this.reduction);
  }
  backward(g: NDArray) {
    const [p, y, w] = this.saved;
    // d/dp = (p - y) / max(p (1 - p), eps), eps = 1e-12 as PyTorch
    let gp = div(sub(p, y), T.unary('clampMin', mul(p, sub(1, p)), 1e-12));
    if (w) gp = mul(gp, w);
    return [mul(spreadGrad(g, p.shape, this.reduction), gp), null, null];
  }
}

/** binary_cross_entropy_with_logits(x, y, weight, pos_weight), stable in x. */
export class BinaryCrossEntropyWithLogits extends Function {
  readonly name = 'BinaryCrossEntropyWithLogitsBackward0';
  constructor(
    /** 'none', 'mean' or 'sum'. */
    readonly reduction: Reduction,
    /** Whether a weight tensor is given (the third input). */
    readonly hasWeight: boolean,
    /** Whether a pos_weight tensor is given (the input after it). */
    readonly hasPosWeight: boolean,
  ) { super(); }
  forward(x: NDArray, y: NDArray, ...rest: NDArray[]) {
    const w = this.hasWeight ? rest[0] : null;
    const pw = this.hasPosWeight ? rest[this.hasWeight ? 1 : 0] : null;
    this.save(x, y, ...rest);
    // (1 - y) x + (1 + (pw - 1) y) * (log(1 + exp(-|x|)) + max(-x, 0))
    const softplusNeg = add(T.unary('log1p', T.unary('exp', T.unary('neg', T.unary('abs', x)))), T.unary('relu', T.unary('neg', x)));
    const coef = pw ? add(mul(sub(pw, 1), y), 1) : null;
    let l = add(mul(sub(1, y), x), coef ? mul(coef, softplusNeg) : softplusNeg);
    if (w) l = mul(l, w);
    return reduceLoss(l, this.reduction);
  }
  backward(g: NDArray) {
    const [x, y, ...rest] = this.saved;
    const w = this.hasWeight ? rest[0] : null;
    const pw = this.hasPosWeight ? rest[this.hasWeight ? 1 : 0] : null;
    const s = T.unary('sigmoid', x);
    // d/dx = (1 + (pw - 1) y) s - pw y ... reduces to s - y without pos_weight
    let gx = pw ? sub(mul(add(mul(sub(pw, 1), y), 1), s), mul(pw, y)) : sub(s, y);
    if (w) gx = mul(gx, w);
    return [mul(spreadGrad(g, x.shape, this.reduction), gx), null, null, null];
  }
}
