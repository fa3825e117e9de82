/**
 * Arithmetic with broadcasting: add, sub, mul, div, pow, neg, maximum, minimum, clamp, where.
 * The base class sums each gradient back to its input's shape, so formulas here ignore broadcasting.
 */
import * as T from '@cresset/tensor';
import type { NDArray } from '@cresset/tensor';
import { Function, Input, tensorOf } from '../function';
import type { Tensor } from '../tensor';
import { div, eq, mul, neg, sub } from './util';

type A = NDArray | number;
const isArr = (x: A): x is NDArray => typeof x !== 'number';

export class Add extends Function {
  readonly name = 'AddBackward0';
  constructor(
    /** The scale of the second operand (alpha). */
    readonly alpha = 1,
  ) { super(); }
  forward(a: A, b: A) { return this.alpha === 1 ? T.binary('add', a, b) : T.binary('addScaled', a, b, this.alpha); }
  backward(g: NDArray) { return [g, this.alpha === 1 ? g : mul(g, this.alpha)]; }
  protected override backwardGraph([g]: Tensor[]) { return [g, this.alpha === 1 ? g : g.mul(this.alpha)]; }
}

export class Sub extends Function {
  readonly name = 'SubBackward0';
  constructor(
    /** The scale of the second operand (alpha). */
    readonly alpha = 1,
  ) { super(); }
  forward(a: A, b: A) { return this.alpha === 1 ? T.binary('sub', a, b) : T.binary('addScaled', a, b, -this.alpha); }
  backward(g: NDArray) { return [g, mul(g, -this.alpha)]; }
  protected override backwardGraph([g]: Tensor[]) { return [g, g.mul(-this.alpha)]; }
}

/** scalar - tensor (Tensor.__rsub__). */
export class Rsub extends Function {
  readonly name = 'RsubBackward1';
  forward(a: A, s: A) { return T.binary('sub', s, a); }
  backward(g: NDArray) { return [neg(g), null]; }
  protected override backwardGraph([g]: Tensor[]) { return [g.neg(), null]; }
}

export class Mul extends Function {
  readonly name = 'MulBackward0';
  private a: A = 0;
  private b: A = 0;
  forward(a: A, b: A) {
    this.save(...[a, b].filter(isArr));
    [this.a, this.b] = [a, b];
    return T.binary('mul', a, b);
  }
  backward(g: NDArray) {
    this.saved; // checks the saved inputs were not modified in place
    return [mul(g, this.b), mul(g, this.a)];
  }
  protected override backwardGraph([g]: Tensor[], [a, b]: Input[]) { return [g.mul(b), g.mul(a)]; }
}

export class Div extends Function {
  readonly name = 'DivBackward0';
  private a: A = 0;
  private b: A = 1;
  forward(a: A, b: A) {
    this.save(...[a, b].filter(isArr));
    [this.a, this.b] = [a, b];
    return T.binary('div', a, b);
  }
  backward(g: NDArray) {
    this.saved;
    const ga = div(g, this.b);
    return [ga, isArr(this.b) ? neg(mul(ga, div(this.a, this.b))) : null];
  }
  protected override backwardGraph([g]: Tensor[], [a, b]: Input[]) {
    const ga = g.div(b);
    return [ga, typeof b === 'number' ? null : ga.mul(a).div(b).neg()];
  }
}

/** tensor ** scalar (PowBackward0). */
export class PowScalar extends Function {
  readonly name = 'PowBackward0';
  constructor(
    /** The exponent. */
    readonly p: number,
  ) { super(); }
  forward(a: NDArray) {
    this.save(a);
    return T.unary('powScalar', a, this.p);
  }
  backward(g: NDArray) {
    const [a] = this.saved;
    if (this.p === 0) return [mul(g, 0)];
    return [mul(g, mul(T.unary('powScalar', a, this.p - 1), this.p))];
  }
  protected override backwardGraph([g]: Tensor[], [a]: Tensor[]) {
    return [this.p === 0 ? g.mul(0) : g.mul(a.pow(this.p - 1).mul(this.p))];
  }
}

/** tensor ** tensor and scalar ** tensor (PowBackward1). */
export class Pow extends Function {
  readonly name = 'PowBackward1';
  private a: A = 0;
  private b: A = 0;
  private out!: NDArray;
  forward(a: A, b: A) {
    this.out = T.binary('pow', a, b);
    this.save(...[a, b].filter(isArr), this.out);
    [this.a, this.b] = [a, b];
    return this.out;
  }
  backward(g: NDArray) {
    this.saved;
    const { a, b, out } = this;
    // d/da a^b = b a^(b-1), taken as 0 where b == 0; d/db a^b = a^b log(a), taken as 0 where a == 0 and b >= 0
    const ga = isArr(a) ? T.where(eq(b, 0), 0, mul(g, mul(b, T.binary('pow', a, sub(b, 1))))) : null;
    let gb: NDArray | null = null;
    if (isArr(b)) {
      const logA = T.unary('log', isArr(a) ? a : T.scalarArray(a, out.dtype));
      const safe = T.where(T.binary('logicalAnd', eq(a, 0), T.binary('ge', b, 0)), 0, mul(out, logA));
      gb = mul(g, safe);
    }
    return [ga, gb];
  }
  protected override backwardGraph([g]: Tensor[], [a, b]: Input[], [out]: Tensor[]) {
    const B = b as Tensor;
    const ga = typeof a === 'number' ? null : new Where().apply(tensorOf(eq(B.array, 0)), 0, g.mul(B.mul(a.pow(B.sub(1)))));
    const aArr = typeof a === 'number' ? a : a.array;
    const logA = typeof a === 'number' ? Math.log(a) : a.log();
    const zero = tensorOf(T.binary('logicalAnd', eq(aArr, 0), T.binary('ge', B.array, 0)));
    return [ga, new Where().apply(zero, 0, g.mul(out.mul(logA)))];
  }
}

export class Neg extends Function {
  readonly name = 'NegBackward0';
  forward(a: NDArray) { return T.unary('neg', a); }
  backward(g: NDArray) { return [neg(g)]; }
  protected override backwardGraph([g]: Tensor[]) { return [g.neg()]; }
}

/** maximum/minimum: the gradient goes to the larger (smaller) input, split in half on ties. */
export class MaxMin extends Function {
  readonly name: string;
  constructor(
    /** Which of the two is taken. */
    readonly op: 'maximum' | 'minimum',
  ) {
    super();
    this.name = op === 'maximum' ? 'MaximumBackward0' : 'MinimumBackward0';
  }
  forward(a: NDArray, b: NDArray) {
    this.save(a, b);
    return T.binary(this.op, a, b);
  }
  backward(g: NDArray) {
    // PyTorch's where(a == b, g / 2, g).masked_fill_(loses, 0): exact zeros (not -0) where an input loses
    const [a, b] = this.saved;
    const shared = T.where(eq(a, b), mul(g, 0.5), g);
    const [gt, lt] = [T.binary('gt', a, b), T.binary('lt', a, b)];
    const [aLoses, bLoses] = this.op === 'maximum' ? [lt, gt] : [gt, lt];
    return [T.where(aLoses, 0, shared), T.where(bLoses, 0, shared)];
  }
  protected override backwardGraph([g]: Tensor[], [a, b]: Tensor[]) {
    const shared = new Where().apply(tensorOf(eq(a.array, b.array)), g.mul(0.5), g);
    const [gt, lt] = [tensorOf(T.binary('gt', a.array, b.array)), tensorOf(T.binary('lt', a.array, b.array))];
    const [aLoses, bLoses] = this.op === 'maximum' ? [lt, gt] : [gt, lt];
    return [new Where().apply(aLoses, 0, shared), new Where().apply(bLoses, 0, shared)];
  }
}

/** clamp(min, max) with scalar bounds: the gradient passes where min <= x <= max (ClampBackward1). */
export class Clamp extends Function {
  readonly name = 'ClampBackward1';
  constructor(
    /** The lower bound (min), null for none. */
    readonly lo: number | null,
    /** The upper bound (max), null for none. */
    readonly hi: number | null,
  ) { super(); }
  forward(a: NDArray) {
    this.save(a);
    const { lo, hi } = this;
    if (lo !== null && hi !== null) return T.unary('clamp', a, lo, hi);
    return lo !== null ? T.unary('clampMin', a, lo) : T.unary('clampMax', a, hi ?? Infinity);
  }
  backward(g: NDArray) {
    const [a] = this.saved;
    let pass = T.full(a.shape, true, 'bool');
    if (this.lo !== null) pass = T.binary('logicalAnd', pass, T.binary('ge', a, this.lo));
    if (this.hi !== null) pass = T.binary('logicalAnd', pass, T.binary('le', a, this.hi));
    return [T.where(pass, g, 0)];
  }
  protected override backwardGraph([g]: Tensor[], [a]: Tensor[]) {
    let pass = T.full(a.array.shape, true, 'bool');
    if (this.lo !== null) pass = T.binary('logicalAnd', pass, T.binary('ge', a.array, this.lo));
    if (this.hi !== null) pass = T.binary('logicalAnd', pass, T.binary('le', a.array, this.hi));
    return [new Where().apply(tensorOf(pass), g, 0)];
  }
}

/**
 * clamp with tensor bounds (either may be absent), broadcasting all three (ClampBackward0), with
 * PyTorch's clamp_backward_min_max: the gradient passes to x where min <= x <= max, to min where
 * x < min < max, and to max where x > max or max < min (max wins when the bounds cross).
 */
export class ClampTensor extends Function {
  readonly name = 'ClampBackward0';
  constructor(
    /** Whether a min tensor is given (the second input). */
    readonly hasMin: boolean,
    /** Whether a max tensor is given (the input after it). */
    readonly hasMax: boolean,
  ) { super(); }
  private bounds(rest: NDArray[]): [NDArray | null, NDArray | null] {
    return [this.hasMin ? rest[0] : null, this.hasMax ? rest[this.hasMin ? 1 : 0] : null];
  }
  forward(x: NDArray, ...rest: NDArray[]) {
    this.save(x, ...rest);
    const [lo, hi] = this.bounds(rest);
    let y = T.asArray(x, T.resultType(x, ...rest));
    if (lo) y = T.binary('maximum', y, lo);
    if (hi) y = T.binary('minimum', y, hi);
    return y;
  }
  backward(g: NDArray) {
    const [x, ...rest] = this.saved;
    const [lo, hi] = this.bounds(rest);
    const and = (a: NDArray, b: NDArray) => T.binary('logicalAnd', a, b);
    const pass = (m: NDArray) => T.where(m, g, 0);
    const grads = [pass(lo && hi ? and(T.binary('ge', x, lo), T.binary('le', x, hi)) : lo ? T.binary('ge', x, lo) : T.binary('le', x, hi!))];
    if (lo) grads.push(pass(hi ? and(T.binary('lt', x, lo), T.binary('lt', lo, hi)) : T.binary('lt', x, lo)));
    if (hi) grads.push(pass(lo ? T.binary('logicalOr', T.binary('gt', x, hi), T.binary('lt', hi, lo)) : T.binary('gt', x, hi)));
    return grads;
  }
  protected override backwardGraph([g]: Tensor[], inputs: Tensor[]) {
    // the same masks as backward, as constants, each passing g through a where
    const [x, ...rest] = inputs.map((t) => t.array);
    const [lo, hi] = this.bounds(rest);
    const and = (a: NDArray, b: NDArray) => T.binary('logicalAnd', a, b);
    const pass = (m: NDArray) => new Where().apply(tensorOf(m), g, 0);
    const grads = [pass(lo && hi ? and(T.binary('ge', x, lo), T.binary('le', x, hi)) : lo ? T.binary('ge', x, lo) : T.binary('le', x, hi!))];
    if (lo) grads.push(pass(hi ? and(T.binary('lt', x, lo), T.binary('lt', lo, hi)) : T.binary('lt', x, lo)));
    if (hi) grads.push(pass(lo ? T.binary('logicalOr', T.binary('gt', x, hi), T.binary('lt', hi, lo)) : T.binary('gt', x, hi)));
    return grads;
  }
}

/** where(cond, a, b): the gradient of a where cond holds, of b elsewhere. */
export class Where extends Function {
  readonly name = 'WhereBackward0';
  private cond!: NDArray;
  forward(cond: NDArray, a: A, b: A) {
    this.cond = cond;
    return T.where(cond, a, b);
  }
  backward(g: NDArray) {
    return [null, T.where(this.cond, g, 0), T.where(this.cond, 0, g)];
  }
  protected override backwardGraph([g]: Tensor[]) {
    const cond = tensorOf(this.cond);
    return [null, new Where().apply(cond, g, 0), new Where().apply(cond, 0, g)];
  }
}
