/**
 * Pointwise functions of one tensor, each a forward kernel op and a one-line derivative
 * in terms of the input x, the output y and the incoming gradient g.
 */
import * as T from '@cresset/tensor';
import type { NDArray, UnaryOp } from '@cresset/tensor';
import { Function, tensorOf } from '../function';
import type { Tensor } from '../tensor';
import { Where } from './arithmetic';
import { div, mul, neg } from './util';

/** The derivative from g and the one saved array: the input x or the output y (`saves` says which). */
type Grad = (g: NDArray, s: NDArray, p: number, q: number) => NDArray;

interface PointwiseDef {
  name: string;
  saves: 'x' | 'y';
  grad: Grad;
}

/** PyTorch's backward node name and derivative of each pointwise op. */
export const POINTWISE: Partial<Record<UnaryOp, PointwiseDef>> = {
  exp: { name: 'ExpBackward0', saves: 'y', grad: (g, y) => mul(g, y) },
  log: { name: 'LogBackward0', saves: 'x', grad: (g, x) => div(g, x) },
  sqrt: { name: 'SqrtBackward0', saves: 'y', grad: (g, y) => div(g, mul(y, 2)) },
  rsqrt: { name: 'RsqrtBackward0', saves: 'y', grad: (g, y) => mul(g, mul(T.unary('powScalar', y, 3), -0.5)) },
  abs: { name: 'AbsBackward0', saves: 'x', grad: (g, x) => mul(g, T.unary('sign', x)) },
  relu: { name: 'ReluBackward0', saves: 'y', grad: (g, y) => T.binary('reluBackward', g, y) },
  sigmoid: { name: 'SigmoidBackward0', saves: 'y', grad: (g, y) => T.binary('sigmoidBackward', g, y) },
  tanh: { name: 'TanhBackward0', saves: 'y', grad: (g, y) => T.binary('tanhBackward', g, y) },
  sin: { name: 'SinBackward0', saves: 'x', grad: (g, x) => mul(g, T.unary('cos', x)) },
  cos: { name: 'CosBackward0', saves: 'x', grad: (g, x) => neg(mul(g, T.unary('sin', x))) },
  square: { name: 'PowBackward0', saves: 'x', grad: (g, x) => mul(g, mul(x, 2)) },
  reciprocal: { name: 'ReciprocalBackward0', saves: 'y', grad: (g, y) => neg(mul(g, mul(y, y))) },
  log1p: { name: 'Log1PBackward0', saves: 'x', grad: (g, x) => div(g, T.binary('add', x, 1)) },
  expm1: { name: 'Expm1Backward0', saves: 'y', grad: (g, y) => mul(g, T.binary('add', y, 1)) },
  leakyRelu: { name: 'LeakyReluBackward0', saves: 'x', grad: (g, x, p) => T.where(T.binary('gt', x, 0), g, mul(g, p)) },
  elu: { name: 'EluBackward0', saves: 'y', grad: (g, y, p) => T.where(T.binary('gt', y, 0), g, mul(g, T.binary('add', y, p))) },
  gelu: {
    name: 'GeluBackward0',
    saves: 'x',
    grad: (g, x) => {
      // d/dx x Phi(x) = Phi(x) + x phi(x)
      const cdf = div(T.unary('gelu', x), x);
      const pdf = mul(T.unary('exp', mul(mul(x, x), -0.5)), 0.3989422804014327);
      const safeCdf = T.where(T.binary('eq', x, 0), 0.5, cdf);
      return mul(g, T.binary('add', safeCdf, mul(x, pdf)));
    },
  },
  geluTanh: {
    name: 'GeluBackward0',
    saves: 'x',
    grad: (g, x) => {
      const k = 0.7978845608028654;
      const inner = mul(T.binary('add', x, mul(mul(mul(x, x), x), 0.044715)), k);
      const th = T.unary('tanh', inner);
      const dInner = mul(T.binary('add', mul(mul(x, x), 0.134145), 1), k);
      const left = mul(T.binary('add', th, 1), 0.5);
      const right = mul(mul(mul(x, 0.5), T.binary('sub', 1, mul(th, th))), dInner);
      return mul(g, T.binary('add', left, right));
    },
  },
  softplus: {
    name: 'SoftplusBackward0',
    saves: 'x',
    grad: (g, x, p, q) => {
      const z = T.unary('exp', mul(x, p));
      return mul(g, T.where(T.binary('gt', mul(x, p), q), 1, div(z, T.binary('add', z, 1))));
    },
  },
};

/** A 0/1 (or `no`) mask of `cond` in g's dtype, as a constant tensor. */
const maskOf = (cond: NDArray, g: Tensor, no = 0) => tensorOf(T.cast(T.where(cond, 1, no), g.dtype));

/**
 * The derivatives above as differentiable tensor ops (for createGraph), from g and the saved
 * tensor; the ops missing here cannot be differentiated twice.
 */
const POINTWISE_GRAPH: Partial<Record<UnaryOp, (g: Tensor, s: Tensor, p: number, q: number) => Tensor>> = {
  exp: (g, y) => g.mul(y),
  log: (g, x) => g.div(x),
  sqrt: (g, y) => g.div(y.mul(2)),
  rsqrt: (g, y) => g.mul(y.pow(3).mul(-0.5)),
  abs: (g, x) => g.mul(x.sign()),
  relu: (g, y) => g.mul(maskOf(T.binary('gt', y.array, 0), g)),
  sigmoid: (g, y) => g.mul(y.mul(y.rsub(1))),
  tanh: (g, y) => g.mul(y.mul(y).rsub(1)),
  sin: (g, x) => g.mul(x.cos()),
  cos: (g, x) => g.mul(x.sin()).neg(),
  square: (g, x) => g.mul(x.mul(2)),
  reciprocal: (g, y) => g.mul(y.mul(y)).neg(),
  log1p: (g, x) => g.div(x.add(1)),
  expm1: (g, y) => g.mul(y.add(1)),
  leakyRelu: (g, x, p) => g.mul(maskOf(T.binary('gt', x.array, 0), g, p)),
  elu: (g, y, p) => new Where().apply(tensorOf(T.binary('gt', y.array, 0)), g, g.mul(y.add(p))),
  softplus: (g, x, p, q) => new Where().apply(tensorOf(T.binary('gt', T.binary('mul', x.array, p), q)), g, g.mul(x.mul(p).sigmoid())),
  gelu: (g, x) => {
    // Phi(x) + x phi(x), Phi(x) as gelu(x) / x (0.5 at 0)
    const cdf = new Where().apply(tensorOf(T.binary('eq', x.array, 0)), 0.5, new Pointwise('gelu').apply(x).div(x));
    const pdf = x.mul(x).mul(-0.5).exp().mul(0.3989422804014327);
    return g.mul(cdf.add(x.mul(pdf)));
  },
  geluTanh: (g, x) => {
    const k = 0.7978845608028654;
    const th = x.add(x.mul(x).mul(x).mul(0.044715)).mul(k).tanh();
    const dInner = x.mul(x).mul(0.134145).add(1).mul(k);
    return g.mul(th.add(1).mul(0.5).add(x.mul(0.5).mul(th.mul(th).rsub(1)).mul(dInner)));
  },
};

/** Ops whose derivative is zero almost everywhere (floor, sign, ...): the gradient is zeros. */
const ZERO_GRAD: Partial<Record<UnaryOp, string>> = {
  floor: 'FloorBackward0', ceil: 'CeilBackward0', round: 'RoundBackward0', sign: 'SignBackward0', trunc: 'TruncBackward0',
};

export class Pointwise extends Function {
  readonly name: string;
  private shape: readonly number[] = [];
  constructor(
    /** The elementwise op ('relu', 'leakyRelu', ...). */
    readonly op: UnaryOp,
    /** Its first parameter (negative_slope, beta, min, ...), 0 when it has none. */
    readonly p = 0,
    /** Its second parameter (threshold, max, ...), 0 when it has none. */
    readonly q = 0,
  ) {
    super();
    this.name = POINTWISE[op]?.name ?? ZERO_GRAD[op] ?? `${op}Backward0`;
  }
  forward(x: NDArray) {
    const y = T.unary(this.op, x, this.p, this.q);
    const def = POINTWISE[this.op];
    if (def) this.save(def.saves === 'x' ? x : y);
    this.shape = x.shape;
    return y;
  }
  backward(g: NDArray) {
    const def = POINTWISE[this.op];
    return [def ? def.grad(g, this.saved[0], this.p, this.q) : T.zeros(this.shape, g.dtype)];
  }
  protected override backwardGraph([g]: Tensor[], [x]: Tensor[], [y]: Tensor[]) {
    const def = POINTWISE[this.op];
    if (!def) return [g.mul(0)];
    const f = POINTWISE_GRAPH[this.op];
    if (!f) throw new T.AutogradError(`${this.name}: cresset has no differentiable backward for ${this.op}, so a backward with createGraph (higher-order gradients) cannot pass through it`);
    return [f(g, def.saves === 'x' ? x : y, this.p, this.q)];
  }
}
