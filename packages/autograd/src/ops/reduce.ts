/**
 * Differentiable reductions: sum, mean, prod, max/min (whole tensor, or along a dim with indices),
 * amax/amin, var/std, logsumexp. The gradient is broadcast back over the reduced dims.
 */
import * as T from '@cresset/tensor';
import type { Dims, NDArray } from '@cresset/tensor';
import { Function, tensorOf } from '../function';
import { Where } from './arithmetic';
import type { Tensor } from '../tensor';
import { div, mask, mul, sub } from './util';

/** Re-inserts reduced dims as size 1 so `g` broadcasts against the input. */
function unreduce(g: NDArray, inShape: readonly number[], dims: number[], keepdim: boolean): NDArray {
  if (keepdim) return g;
  let r = g;
  for (const d of dims) r = r.unsqueeze(d);
  return r.expand(inShape);
}

abstract class Reduction extends Function {
  protected dims: number[] = [];
  protected inShape: readonly number[] = [];
  constructor(protected dim: Dims, protected keepdim: boolean) { super(); }
  /** The dims reduced over (known once forward ran) and whether they are kept, for the exporter. */
  get reduced(): { dims: readonly number[]; keepdim: boolean } { return { dims: this.dims, keepdim: this.keepdim }; }
  protected setup(x: NDArray, op: string): void {
    this.dims = T.reducedDims(x, this.dim, op);
    this.inShape = x.shape;
  }
  protected spread(g: NDArray): NDArray {
    return unreduce(g, this.inShape, this.dims, this.keepdim).expand(this.inShape);
  }
  /** spread in tensor ops (for createGraph). */
  protected spreadGraph(g: Tensor): Tensor {
    let r = g;
    if (!this.keepdim) for (const d of this.dims) r = r.unsqueeze(d);
    return r.expand([...this.inShape]);
  }
}

export class Sum extends Reduction {
  get name() { return this.dim === null || this.dim === undefined ? 'SumBackward0' : 'SumBackward1'; }
  forward(x: NDArray) { this.setup(x, 'sum'); return T.reduce('sum', x, this.dim, this.keepdim); }
  backward(g: NDArray) { return [this.spread(g)]; }
  protected override backwardGraph([g]: Tensor[]) { return [this.spreadGraph(g)]; }
}

export class Mean extends Reduction {
  get name() { return this.dim === null || this.dim === undefined ? 'MeanBackward0' : 'MeanBackward1'; }
  forward(x: NDArray) { this.setup(x, 'mean'); return T.reduce('mean', x, this.dim, this.keepdim); }
  backward(g: NDArray) {
    const n = this.dims.reduce((k, d) => k * this.inShape[d], 1);
    return [div(this.spread(g), n)];
  }
  protected override backwardGraph([g]: Tensor[]) {
    return [this.spreadGraph(g).div(this.dims.reduce((k, d) => k * this.inShape[d], 1))];
  }
}

/**
 * The gradient of a full max/min/amax/amin goes to the extreme elements, split evenly among ties:
 * amax/amin scale the gradient by the mask (so -0 where it is negative), full max/min fill zeros.
 */
export class Extreme extends Reduction {
  readonly name: string;
  constructor(
    /** Which extreme. */
    readonly op: 'max' | 'min',
    dim: Dims,
    keepdim: boolean,
    name: string,
  ) {
    super(dim, keepdim);
    this.name = name;
  }
  forward(x: NDArray) {
    this.setup(x, this.op);
    const y = T.reduce(this.op, x, this.dim, this.keepdim);
    this.save(x, y);
    return y;
  }
  backward(g: NDArray) {
    const [x, y] = this.saved;
    const hit = mask(T.binary('eq', x, unreduce(y, this.inShape, this.dims, this.keepdim)), g);
    const count = T.reduce('sum', hit, this.dims, true);
    const share = div(unreduce(g, this.inShape, this.dims, this.keepdim), count);
    return [this.dim === null ? T.where(T.cast(hit, 'bool'), share, 0) : mul(hit, share)];
  }
  protected override backwardGraph([g]: Tensor[], [x]: Tensor[], [y]: Tensor[]) {
    // the extreme elements (and their count) as constants
    const hit = T.binary('eq', x.array, unreduce(y.array, this.inShape, this.dims, this.keepdim));
    const count = T.reduce('sum', mask(hit, g.array), this.dims, true);
    const share = this.spreadGraph(g).div(tensorOf(count));
    return [this.dim === null ? new Where().apply(tensorOf(hit), share, 0) : share.mul(tensorOf(mask(hit, g.array)))];
  }
}

/** max/min along one dim, returning values and indices; the gradient goes to the index (MaxBackward0). */
export class ExtremeWithIndices extends Function {
  readonly name: string;
  private indices!: NDArray;
  private inShape: readonly number[] = [];
  private d = 0;
  constructor(
    /** Which extreme. */
    readonly op: 'max' | 'min',
    /** The dim reduced. */
    readonly dim: number,
    /** Whether the reduced dim stays, as size 1. */
    readonly keepdim: boolean,
  ) {
    super();
    this.name = op === 'max' ? 'MaxBackward0' : 'MinBackward0';
    this.nonDifferentiable |= 1 << 1;
  }
  forward(x: NDArray) {
    this.inShape = x.shape;
    this.d = T.wrapDim(this.dim, x.ndim, this.op);
    const [values, indices] = T.reduceWithIndices(this.op, x, this.d, this.keepdim);
    this.indices = indices;
    return [values, indices];
  }
  backward(g: NDArray | null) {
    if (!g) return [null];
    return [indexBackward(g, this.indices, this.inShape, this.d, this.keepdim)];
  }
  protected override backwardGraph([g]: (Tensor | null)[]) {
    return [g && indexBackwardGraph(g, this.indices, this.inShape, this.d, this.keepdim)];
  }
}

/** indexBackward in tensor ops (for createGraph): a scatter-add into zeros, whose own backward is a gather. */
export function indexBackwardGraph(g: Tensor, indices: NDArray, inShape: readonly number[], dim: number, keepdim: boolean): Tensor {
  if (inShape.length === 0) return g;
  const gk = keepdim ? g : g.unsqueeze(dim);
  return tensorOf(T.zeros(inShape, g.dtype)).scatterAdd(dim, tensorOf(keepdim ? indices : indices.unsqueeze(dim)), gk);
}

/** Scatters g along `dim` into the positions `indices` names (the backward of an index-taking reduction). */
export function indexBackward(g: NDArray, indices: NDArray, inShape: readonly number[], dim: number, keepdim: boolean): NDArray {
  if (inShape.length === 0) return g.clone(); // a 0-d input is its own extreme
  const out = T.zeros(inShape, g.dtype);
  const gk = keepdim ? g : g.unsqueeze(dim);
  const ik = keepdim ? indices : indices.unsqueeze(dim);
  T.scatterAlong(out, dim, ik, gk, true, 'max');
  return out;
}

/** prod: the gradient is the product of the other elements, exact also when some are zero. */
export class Prod extends Reduction {
  get name() { return this.dim === null || this.dim === undefined ? 'ProdBackward0' : 'ProdBackward1'; }
  forward(x: NDArray) {
    this.setup(x, 'prod');
    this.save(x);
    return T.reduce('prod', x, this.dim, this.keepdim);
  }
  backward(g: NDArray) {
    const [x] = this.saved;
    // the product of every element of each reduced run but one, exact when some are zero:
    // exclusive running products from both ends, multiplied (the reduced dims flattened into one)
    const kept = x.shape.map((_, i) => i).filter((i) => !this.dims.includes(i));
    const perm = [...kept, ...this.dims];
    const k = this.dims.reduce((n, d) => n * x.shape[d], 1);
    const rows = x.permute(perm).contiguous().reshape([x.size / Math.max(k, 1), k]);
    const before = T.scan('prod', rows, 1, { exclusive: true, dtype: 'float64' });
    const after = T.scan('prod', rows, 1, { exclusive: true, reverse: true, dtype: 'float64' });
    const others = T.binary('mul', before, after).reshape(perm.map((d) => x.shape[d]));
    const inverse = perm.map((_, i) => perm.indexOf(i));
    return [mul(this.spread(g), T.cast(others, x.dtype).permute(inverse))];
  }
}

/** var and std with Bessel's correction (unbiased by default), as torch.var / torch.std. */
export class Variance extends Reduction {
  readonly name: string;
  constructor(
    /** std (the square root) rather than var. */
    readonly isStd: boolean,
    dim: Dims,
    /** Subtracted from the count in the divisor (1: Bessel's correction). */
    readonly correction: number,
    keepdim: boolean,
  ) {
    super(dim, keepdim);
    this.name = isStd ? 'StdBackward0' : 'VarBackward0';
  }
  forward(x: NDArray) {
    this.setup(x, this.isStd ? 'std' : 'var');
    let y = T.reduce('var', x, this.dim, this.keepdim, this.correction);
    if (this.isStd) y = T.unary('sqrt', y);
    this.save(x, y);
    return y;
  }
  backward(g: NDArray) {
    const [x, y] = this.saved;
    const n = this.dims.reduce((k, d) => k * this.inShape[d], 1);
    const centered = sub(x, T.reduce('mean', x, this.dims, true));
    const scale = 2 / Math.max(n - this.correction, 0);
    let gv = this.spread(g);
    if (this.isStd) {
      // d std = d var / (2 std), taken as 0 where std is 0 (PyTorch's masked_fill)
      const std = unreduce(y, this.inShape, this.dims, this.keepdim);
      gv = T.where(T.binary('eq', std, 0), 0, div(gv, mul(std, 2)));
    }
    return [mul(gv, mul(centered, scale))];
  }
  protected override backwardGraph([g]: Tensor[], [x]: Tensor[], [y]: Tensor[]) {
    const n = this.dims.reduce((k, d) => k * this.inShape[d], 1);
    const centered = x.sub(x.mean(this.dims, true));
    let gv = this.spreadGraph(g);
    if (this.isStd) {
      const std = this.spreadGraph(y);
      gv = new Where().apply(tensorOf(T.binary('eq', std.array, 0)), 0, gv.div(std.mul(2)));
    }
    return [gv.mul(centered.mul(2 / Math.max(n - this.correction, 0)))];
  }
}

export class LogSumExp extends Reduction {
  readonly name = 'LogsumexpBackward0';
  forward(x: NDArray) {
    this.setup(x, 'logsumexp');
    const y = T.reduce('logsumexp', x, this.dim, this.keepdim);
    this.save(x, y);
    return y;
  }
  backward(g: NDArray) {
    const [x, y] = this.saved;
    const soft = T.unary('exp', sub(x, unreduce(y, this.inShape, this.dims, this.keepdim)));
    return [mul(this.spread(g), soft)];
  }
  protected override backwardGraph([g]: Tensor[], [x]: Tensor[], [y]: Tensor[]) {
    return [this.spreadGraph(g).mul(x.sub(this.spreadGraph(y)).exp())];
  }
}

/**
 * The p-norm over dims, as Tensor.norm(p, dim, keepdim): sqrt(sum x^2) for p = 2, sum |x| for 1,
 * max |x| for Infinity, the count of non-zeros for 0, else (sum |x|^p)^(1/p). The gradient is
 * PyTorch's norm_backward, 0 where the norm is 0 (so a zero vector's gradient is 0, not NaN).
 */
export class Norm extends Reduction {
  readonly name = 'NormBackward1';
  constructor(
    /** The order of the norm. */
    readonly p: number,
    dim: Dims,
    keepdim: boolean,
  ) { super(dim, keepdim); }
  forward(x: NDArray) {
    this.setup(x, 'norm');
    if (!T.isFloating(x.dtype)) throw new T.DTypeError(`norm(): input dtype should be either floating point or complex. Got ${x.dtype} instead.`);
    const abs = T.unary('abs', x);
    const { p } = this;
    let y: NDArray;
    if (p === 2) y = T.unary('sqrt', T.reduce('sum', mul(x, x), this.dims, this.keepdim));
    else if (p === 1) y = T.reduce('sum', abs, this.dims, this.keepdim);
    else if (p === Infinity) y = T.reduce('max', abs, this.dims, this.keepdim);
    else if (p === 0) y = T.reduce('sum', mask(T.binary('ne', x, 0), x), this.dims, this.keepdim);
    else y = T.binary('pow', T.reduce('sum', T.binary('pow', abs, p), this.dims, this.keepdim), 1 / p);
    this.save(x, y);
    return y;
  }
  backward(g: NDArray) {
    const [x, y] = this.saved;
    const gs = this.spread(g);
    const norm = unreduce(y, this.inShape, this.dims, this.keepdim).expand(this.inShape);
    const zeroNorm = T.binary('eq', norm, 0);
    const { p } = this;
    if (p === 0) return [T.zeros(this.inShape, x.dtype)];
    if (p === 1) return [mul(T.unary('sign', x), gs)];
    if (p === 2) return [mul(gs, T.where(zeroNorm, 0, div(x, norm)))];
    const abs = T.unary('abs', x);
    if (p === Infinity) {
      const hit = mask(T.binary('logicalOr', T.binary('eq', abs, norm), T.unary('isnan', abs)), x);
      const count = T.reduce('sum', hit, this.dims, true);
      return [mul(T.unary('sign', x), mul(div(gs, count), hit))];
    }
    if (p < 1) {
      const scaled = mul(T.unary('sign', x), T.where(T.binary('eq', x, 0), 0, T.binary('pow', abs, p - 1)));
      return [mul(mul(scaled, gs), T.binary('pow', norm, 1 - p))];
    }
    const scaled = p < 2 ? mul(T.unary('sign', x), T.binary('pow', abs, p - 1)) : mul(x, T.binary('pow', abs, p - 2));
    return [mul(scaled, T.where(zeroNorm, 0, div(gs, T.binary('pow', norm, p - 1))))];
  }
  protected override backwardGraph([g]: Tensor[], [x]: Tensor[], [y]: Tensor[]) {
    const gs = this.spreadGraph(g);
    const norm = this.spreadGraph(y);
    // where the norm is 0 (and, for p < 1, where x is 0) the gradient is 0: those masks are constants,
    // and the masked-out places divide by 1 instead, so that no 0/0 reaches the double backward
    const zeroNorm = tensorOf(T.binary('eq', norm.array, 0));
    const safeNorm = new Where().apply(zeroNorm, 1, norm);
    const { p } = this;
    if (p === 0) return [gs.mul(0)];
    if (p === 1) return [x.sign().mul(gs)];
    if (p === 2) return [gs.mul(new Where().apply(zeroNorm, 0, x.div(safeNorm)))];
    const abs = x.abs();
    if (p === Infinity) {
      const hit = mask(T.binary('logicalOr', T.binary('eq', abs.array, norm.array), T.unary('isnan', abs.array)), x.array);
      const count = T.reduce('sum', hit, this.dims, true);
      return [x.sign().mul(gs.div(tensorOf(count)).mul(tensorOf(hit)))];
    }
    if (p < 1) {
      const zeroX = tensorOf(T.binary('eq', x.array, 0));
      const scaled = x.sign().mul(new Where().apply(zeroX, 0, new Where().apply(zeroX, 1, abs).pow(p - 1)));
      return [scaled.mul(gs).mul(norm.pow(1 - p))];
    }
    const scaled = p < 2 ? x.sign().mul(abs.pow(p - 1)) : x.mul(abs.pow(p - 2));
    return [scaled.mul(new Where().apply(zeroNorm, 0, gs.div(safeNorm.pow(p - 1))))];
  }
}
