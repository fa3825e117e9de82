/**
 * Tensor: the user's n-d array with autograd (torch.Tensor). It wraps an NDArray and adds
 * requiresGrad, grad, gradFn and backward(). Every method is a line or two over a Function
 * (differentiable) or an NDArray operation (not differentiable: comparisons, argmax, ...).
 */
import * as T from '@cresset/tensor';
import { AutogradError, DType, DTypeError, IndexSpec, isFloating, NDArray, PadMode, UnaryOp } from '@cresset/tensor';
import { inspect } from 'util';
import { Device, device, DeviceLike, isDeviceSpec } from './device';
import { runBackward, runBackwardGraph } from './engine';
import { AccumulateGrad, currentInPlaceObserver, Edge, Function, Node, registerTensorFactory } from './function';
import { isGradEnabled, noGrad } from './grad_mode';
import { Add, Clamp, ClampTensor, Div, MaxMin, Mul, Neg, Pow, PowScalar, Rsub, Sub, Where } from './ops/arithmetic';
import { Gather, ScatterAdd } from './ops/gather';
import { CopySlices, Region } from './ops/indexing';
import { IndexMask, IndexPutMask, IndexTensor, MaskedFill, MaskedSelect } from './ops/masked';
import { Sort, Topk } from './ops/sort';
import { Cumsum } from './ops/scan';
import { LogSoftmax, Softmax } from './ops/softmax';
import { Matmul } from './ops/matmul';
import { Pointwise } from './ops/unary';
import { Extreme, ExtremeWithIndices, LogSumExp, Mean, Norm, Prod, Sum, Variance } from './ops/reduce';
import { Clone, Expand, Flip, Reshape, Roll, ToCopy, View } from './ops/shape';

export type Scalar = number;
export type TensorLike = Tensor | number;
type Dims = number | readonly number[] | null | undefined;
const CPU = new Device();

/** values and indices of max/min along a dim; also destructures as [values, indices]. */
export type ValuesIndices = [Tensor, Tensor] & { values: Tensor; indices: Tensor };

/** torch.sort's keyword arguments (`stable` selects PyTorch's sort.stable overload; cresset's sort is always stable). */
export interface SortOptions {
  dim?: number;
  descending?: boolean;
  stable?: boolean;
}

export interface VarOptions {
  unbiased?: boolean;
  correction?: number;
  keepdim?: boolean;
}

/** Varargs or one array: x.view(2, 3) and x.view([2, 3]). */
function sizes(args: (number | readonly number[])[]): number[] {
  return T.shapeArgs(args);
}

/**
 * The user's tensor: an array plus autograd state. `D` is its dtype when TypeScript knows it (after
 * `.long()`, `.to('int64')`, a comparison, ...), which types `item()`.
 */
export class Tensor<D extends DType = DType> {
  /** The array holding this tensor's values (shares storage with views). */
  array: NDArray;
  private _requiresGrad = false;
  /** The accumulated gradient (set by backward on leaves and on tensors that retainGrad()). */
  grad: Tensor | null = null;
  /** The node that created this tensor, or null for a leaf (Tensor.grad_fn). */
  gradFn: Node | null = null;
  /** Which output of gradFn this tensor is. */
  outputNr = 0;
  /** The tensor this one is a view of, when autograd must know (in-place changes of views). */
  base: Tensor | null = null;
  /** For a view: the function from its base's array to its own (the region an in-place op writes). */
  private region: Region | null = null;
  private accumulator: AccumulateGrad | null = null;

  constructor(array: NDArray, requiresGrad = false) {
    this.array = array;
    if (requiresGrad) this.requiresGrad = true;
  }

  // ---- metadata ---------------------------------------------------------------------------

  get shape(): T.Size { return T.Size.fromShape(this.array.shape); }
  get dtype(): D { return this.array.dtype as D; }
  /** The device (Tensor.device): always the CPU. */
  get device(): Device { return CPU; }
  get ndim(): number { return this.array.ndim; }
  /** Tensor.size() / size(dim). */
  size(): T.Size;
  size(dim: number): number;
  size(dim?: number): T.Size | number {
    return dim === undefined ? this.shape : this.array.shape[T.wrapDim(dim, this.ndim, 'size')];
  }
  dim(): number { return this.ndim; }
  numel(): number { return this.array.size; }
  stride(): number[];
  stride(dim: number): number;
  stride(dim?: number): number[] | number {
    return dim === undefined ? [...this.array.strides] : this.array.strides[T.wrapDim(dim, this.ndim, 'stride')];
  }
  storageOffset(): number { return this.array.offset; }
  isContiguous(): boolean { return this.array.isContiguous(); }
  elementSize(): number { return T.itemSize(this.dtype); }
  isFloatingPoint(): boolean { return isFloating(this.dtype); }
  get isLeaf(): boolean { return this.gradFn === null; }

  get requiresGrad(): boolean { return this._requiresGrad; }
  set requiresGrad(v: boolean) {
    if (v && !isFloating(this.dtype)) throw new DTypeError(`only Tensors of floating point dtype can require gradients (got ${this.dtype})`);
    if (!v && this.gradFn) throw new AutogradError('you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn\'t require differentiation use var_no_grad = var.detach().');
    this._requiresGrad = v;
  }

  /** Sets requiresGrad in place and returns this (Tensor.requires_grad_). */
  requiresGrad_(v = true): this {
    this.requiresGrad = v;
    return this;
  }

  /**
   * A tensor sharing this one's storage, without history and with its own version counter, so
   * autograd does not see writes through it (Tensor.data); assigning replaces the values' array.
   */
  get data(): Tensor {
    const a = this.array;
    return new Tensor(new NDArray(a.data, a.dtype, a.shape, a.strides, a.offset));
  }
  set data(t: Tensor) { this.array = t.array; }

  // ---- autograd -----------------------------------------------------------------------------

  /** The edge gradients flow through into this tensor: its gradFn, or its leaf accumulator. */
  gradEdge(): Edge {
    if (this.gradFn) return { node: this.gradFn, outputNr: this.outputNr };
    this.accumulator ??= new AccumulateGrad(this);
    return { node: this.accumulator, outputNr: 0 };
  }

  /** Adds g into .grad (in place when a grad exists, as AccumulateGrad does). */
  accumulateGrad(g: NDArray): void {
    // a compiled plan replays this as it is: `.grad` may be replaced or zeroed between its runs
    T.live(() => {
      // .grad has storage of its own, never the engine's (which goes back to its pool)
      if (this.grad === null) this.grad = new Tensor(T.unpooled(() => (g.dtype === this.dtype ? g.clone() : T.cast(g, this.dtype))));
      else T.binaryInPlace('add', this.grad.array, g);
    });
  }

  /**
   * Computes the gradient of this tensor with respect to the graph's leaves (Tensor.backward).
   * A non-scalar tensor needs `gradient`; retainGraph keeps the graph for another backward;
   * createGraph records the backward itself, so .grad has a graph to differentiate again
   * (retainGraph then defaults to true, as PyTorch's).
   */
  backward(gradient?: Tensor | null, opts: { retainGraph?: boolean; createGraph?: boolean } = {}): void {
    const g = gradient ?? implicitGradient(this, 'grad');
    if (opts.createGraph) runBackwardGraph([this], [g], opts.retainGraph ?? true);
    else runBackward([this], [g.array], opts.retainGraph ?? false);
  }

  /** Keeps .grad for this non-leaf tensor after backward (Tensor.retain_grad). */
  retainGrad(): void {
    if (!this.requiresGrad) throw new AutogradError("can't retain_grad on Tensor that has requires_grad=False");
    if (this.gradFn) this.gradFn.retained[this.outputNr] = this;
  }

  /** A tensor sharing storage, cut from the graph (Tensor.detach). */
  detach(): Tensor {
    return new Tensor(this.array);
  }

  /** Cuts this tensor from the graph in place (Tensor.detach_). */
  detach_(): this {
    this.gradFn = null;
    this._requiresGrad = false;
    return this;
  }

  // ---- values -------------------------------------------------------------------------------

  /**
   * The value of a one-element tensor (Tensor.item()): a boolean for dtype bool, a number otherwise.
   * Typed `boolean` when TypeScript knows the dtype is bool (a comparison, `.bool()`, `.to('bool')`),
   * `number` otherwise.
   */
  item(this: Tensor<'bool'>): boolean;
  item(): number;
  item(): number | boolean { return this.array.item(); }
  /** Nested arrays of the values (Tensor.tolist()). */
  toArray(): any { return this.array.toArray(); }
  tolist(): any { return this.toArray(); }

  /** Iterates over the first dimension, as `for row in tensor` in Python: each row a view. */
  *[Symbol.iterator](): Iterator<Tensor<D>> {
    if (this.ndim === 0) throw new T.ShapeError('iteration over a 0-d tensor');
    for (let i = 0; i < this.array.shape[0]; i++) yield this.select(0, i) as Tensor<D>;
  }

  toString(): string {
    const suffixes: string[] = [];
    if (this.gradFn) suffixes.push(`grad_fn=<${this.gradFn.name}>`);
    else if (this.requiresGrad) suffixes.push('requires_grad=True');
    return this.array.toString(suffixes);
  }
  [inspect.custom](): string { return this.toString(); }

  // ---- dtype -------------------------------------------------------------------------------

  /**
   * A copy in another dtype (itself when the dtype matches), as Tensor.to(dtype); to('cpu') or
   * to(torch.device('cpu')) is itself (the CPU is cresset's only device).
   */
  to<T2 extends DType>(dtype: T2): Tensor<T2>;
  to(device: DeviceLike): this;
  to(dtypeOrDevice: DType | DeviceLike | string): Tensor;
  to(spec: DType | DeviceLike | string): Tensor {
    if (isDeviceSpec(spec)) {
      device(spec);
      return this;
    }
    const d = T.checkDType(spec, 'to');
    return d === this.dtype ? this : new ToCopy(d).apply(this);
  }
  /** Itself: cresset runs on the CPU only (Tensor.cpu). */
  cpu(): Tensor { return this; }
  float(): Tensor<'float32'> { return this.to('float32'); }
  double(): Tensor<'float64'> { return this.to('float64'); }
  int(): Tensor<'int32'> { return this.to('int32'); }
  long(): Tensor<'int64'> { return this.to('int64'); }
  bool(): Tensor<'bool'> { return this.to('bool'); }
  byte(): Tensor<'uint8'> { return this.to('uint8'); }

  // ---- arithmetic ------------------------------------------------------------------------------

  add(other: TensorLike, opts: { alpha?: number } = {}): Tensor { return new Add(opts.alpha ?? 1).apply(this, other); }
  sub(other: TensorLike, opts: { alpha?: number } = {}): Tensor { return new Sub(opts.alpha ?? 1).apply(this, other); }
  /** other - this (Tensor.__rsub__ for a scalar other). */
  rsub(other: number): Tensor { return new Rsub().apply(this, other); }
  mul(other: TensorLike): Tensor { return new Mul().apply(this, other); }
  div(other: TensorLike): Tensor { return new Div().apply(this, other); }
  /** this ** exponent. */
  pow(exponent: TensorLike): Tensor {
    return typeof exponent === 'number' ? new PowScalar(exponent).apply(this) : new Pow().apply(this, exponent);
  }
  neg(): Tensor { return new Neg().apply(this); }
  maximum(other: Tensor): Tensor { return new MaxMin('maximum').apply(this, other); }
  minimum(other: Tensor): Tensor { return new MaxMin('minimum').apply(this, other); }
  /** clamp(min, max): both bounds numbers (or null), or both tensors (or null) broadcast against this one. */
  clamp(min: number | Tensor | null = null, max: number | Tensor | null = null): Tensor {
    if (min === null && max === null) throw new AutogradError("clamp: At least one of 'min' or 'max' must not be None");
    if (min instanceof Tensor || max instanceof Tensor) {
      if (typeof min === 'number' || typeof max === 'number') {
        throw new T.ValueError('clamp: min and max must both be numbers or both be tensors (PyTorch has no clamp(Tensor, Tensor, Number))');
      }
      return new ClampTensor(min !== null, max !== null).apply(this, ...[min, max].filter((b): b is Tensor => b !== null));
    }
    return new Clamp(min, max).apply(this);
  }
  clip(min: number | Tensor | null = null, max: number | Tensor | null = null): Tensor { return this.clamp(min, max); }
  matmul(other: Tensor): Tensor { return new Matmul().apply(this, other); }
  mm(other: Tensor): Tensor {
    if (this.ndim !== 2 || other.ndim !== 2) throw new T.ShapeError(`mm: expected 2-D tensors, got ${this.ndim}-D and ${other.ndim}-D`);
    return this.matmul(other);
  }
  dot(other: Tensor): Tensor {
    if (this.ndim !== 1 || other.ndim !== 1) throw new T.ShapeError(`1D tensors expected, but got ${this.ndim}D and ${other.ndim}D tensors`);
    return this.matmul(other);
  }

  private pointwise(op: UnaryOp, p = 0, q = 0): Tensor { return new Pointwise(op, p, q).apply(this); }
  exp(): Tensor { return this.pointwise('exp'); }
  log(): Tensor { return this.pointwise('log'); }
  sqrt(): Tensor { return this.pointwise('sqrt'); }
  rsqrt(): Tensor { return this.pointwise('rsqrt'); }
  abs(): Tensor { return this.pointwise('abs'); }
  relu(): Tensor { return this.pointwise('relu'); }
  sigmoid(): Tensor { return this.pointwise('sigmoid'); }
  tanh(): Tensor { return this.pointwise('tanh'); }
  sin(): Tensor { return this.pointwise('sin'); }
  cos(): Tensor { return this.pointwise('cos'); }
  square(): Tensor { return this.pointwise('square'); }
  reciprocal(): Tensor { return this.pointwise('reciprocal'); }
  log1p(): Tensor { return this.pointwise('log1p'); }
  expm1(): Tensor { return this.pointwise('expm1'); }
  sign(): Tensor { return this.pointwise('sign'); }
  floor(): Tensor { return this.pointwise('floor'); }
  ceil(): Tensor { return this.pointwise('ceil'); }
  round(): Tensor { return this.pointwise('round'); }
  trunc(): Tensor { return this.pointwise('trunc'); }

  /** softmax along dim (SoftmaxBackward0). */
  softmax(dim: number): Tensor { return new Softmax(T.wrapDim(dim, this.ndim, 'softmax')).apply(this); }
  /** log_softmax along dim (LogSoftmaxBackward0). */
  logSoftmax(dim: number): Tensor { return new LogSoftmax(T.wrapDim(dim, this.ndim, 'log_softmax')).apply(this); }
  /** Values along dim at the positions index names (Tensor.gather). */
  gather(dim: number, index: Tensor): Tensor { return new Gather(dim, index.array).apply(this); }
  /** A copy with src added at the positions index names along dim (Tensor.scatter_add). */
  scatterAdd(dim: number, index: Tensor, src: Tensor): Tensor { return new ScatterAdd(dim, index.array).apply(this, src); }
  /**
   * The values along dim in ascending (or descending) order and their int64 indices (Tensor.sort):
   * sort(dim = -1, descending = false) or sort({ dim, descending, stable }). Equal values keep
   * their order and NaN sorts above every number, as PyTorch's stable sort.
   */
  sort(dim: number | SortOptions = -1, descending = false): ValuesIndices {
    const o: SortOptions = typeof dim === 'number' ? { dim, descending } : dim;
    return valuesIndices(new Sort(o.dim ?? -1, o.descending ?? false, o.stable !== undefined).applyMany(this));
  }
  /** The indices that sort the values along dim (Tensor.argsort): argsort(dim, descending) or argsort({ dim, descending, stable }). */
  argsort(dim: number | SortOptions = -1, descending = false): Tensor {
    const o: SortOptions = typeof dim === 'number' ? { dim, descending } : dim;
    return new Tensor(T.sortAlong(this.array, o.dim ?? -1, o.descending ?? false)[1]);
  }
  /**
   * The k largest (or smallest) values along dim and their indices, largest (smallest) first
   * (Tensor.topk); `sorted: false` gives the same order, one of those PyTorch allows.
   */
  topk(k: number, dim = -1, largest = true, sorted = true): ValuesIndices {
    void sorted;
    return valuesIndices(new Topk(k, dim, largest).applyMany(this));
  }
  /** A copy with value where the bool mask (broadcast with this tensor) is true (Tensor.masked_fill); value is a number or a 0-d tensor. */
  maskedFill(mask: Tensor, value: TensorLike): Tensor { return new MaskedFill(mask.array, value instanceof Tensor).apply(this, value); }
  /** The elements where the bool mask (broadcast with this tensor) is true, as a 1-d tensor (Tensor.masked_select). */
  maskedSelect(mask: Tensor): Tensor { return new MaskedSelect(mask.array).apply(this); }
  /** The diagonal of dims dim1 and dim2 as a view, in a new last dim (Tensor.diagonal). */
  diagonal(offset = 0, dim1 = 0, dim2 = 1): Tensor { return this.viewOp('DiagonalBackward0', (a) => T.diagonalView(a, offset, dim1, dim2)); }
  /** The dims `source` moved to positions `destination`, the others keeping their order (Tensor.movedim). */
  movedim(source: number | readonly number[], destination: number | readonly number[]): Tensor {
    const src = (typeof source === 'number' ? [source] : [...source]).map((d) => T.wrapDim(d, this.ndim, 'movedim'));
    const dst = (typeof destination === 'number' ? [destination] : [...destination]).map((d) => T.wrapDim(d, this.ndim, 'movedim'));
    if (src.length !== dst.length) throw new T.ShapeError(`movedim: Invalid source or destination dims: source (${src.length} dims) should contain the same number of dims as destination (${dst.length} dims)`);
    const perm = new Array<number>(this.ndim).fill(-1);
    src.forEach((s, i) => { perm[dst[i]] = s; });
    const rest = this.shape.map((_, i) => i).filter((i) => !src.includes(i));
    for (let i = 0, r = 0; i < this.ndim; i++) if (perm[i] < 0) perm[i] = rest[r++];
    return this.permute(perm);
  }

  // ---- comparisons and logic (no gradient) --------------------------------------------------------

  private compare(op: T.BinaryOp, other: TensorLike): Tensor<'bool'> {
    return new Tensor<'bool'>(T.binary(op, this.array, other instanceof Tensor ? other.array : other));
  }
  eq(other: TensorLike): Tensor<'bool'> { return this.compare('eq', other); }
  ne(other: TensorLike): Tensor<'bool'> { return this.compare('ne', other); }
  lt(other: TensorLike): Tensor<'bool'> { return this.compare('lt', other); }
  le(other: TensorLike): Tensor<'bool'> { return this.compare('le', other); }
  gt(other: TensorLike): Tensor<'bool'> { return this.compare('gt', other); }
  ge(other: TensorLike): Tensor<'bool'> { return this.compare('ge', other); }
  logicalAnd(other: TensorLike): Tensor<'bool'> { return this.compare('logicalAnd', other); }
  logicalOr(other: TensorLike): Tensor<'bool'> { return this.compare('logicalOr', other); }
  logicalXor(other: TensorLike): Tensor<'bool'> { return this.compare('logicalXor', other); }
  logicalNot(): Tensor<'bool'> { return new Tensor<'bool'>(T.unary('logicalNot', this.array)); }
  isnan(): Tensor<'bool'> { return new Tensor<'bool'>(T.unary('isnan', this.array)); }
  /** True when all elements are within atol + rtol * |other| (torch.allclose). */
  allclose(other: Tensor, rtol = 1e-5, atol = 1e-8, equalNan = false): boolean {
    const a = T.cast(this.array, 'float64');
    const b = T.cast(other.array, 'float64');
    const diff = T.unary('abs', T.binary('sub', a, b));
    const tol = T.binary('add', T.binary('mul', T.unary('abs', b), rtol), atol);
    const ok = T.binary('logicalOr', T.binary('le', diff, tol), T.binary('eq', a, b));
    const nan = equalNan ? T.binary('logicalAnd', T.unary('isnan', a), T.unary('isnan', b)) : T.zeros(ok.shape, 'bool');
    return T.reduce('all', T.binary('logicalOr', ok, nan), null).item() as boolean;
  }
  /** True when shapes and all values are equal (torch.equal). */
  equal(other: Tensor): boolean {
    if (this.ndim !== other.ndim || this.shape.some((s, i) => s !== other.shape[i])) return false;
    return T.reduce('all', T.binary('eq', this.array, other.array), null).item() as boolean;
  }

  // ---- reductions ------------------------------------------------------------------------------------

  sum(dim?: Dims, keepdim = false): Tensor { return new Sum(dim, keepdim).apply(this); }
  mean(dim?: Dims, keepdim = false): Tensor { return new Mean(dim, keepdim).apply(this); }
  prod(dim?: number, keepdim = false): Tensor { return new Prod(dim, keepdim).apply(this); }
  /** max() of all elements; max(dim, keepdim) gives values and indices; max(other) is maximum. */
  max(): Tensor;
  max(dim: number, keepdim?: boolean): ValuesIndices;
  max(other: Tensor): Tensor;
  max(dim?: number | Tensor, keepdim = false): Tensor | ValuesIndices { return this.extreme('max', dim, keepdim); }
  min(): Tensor;
  min(dim: number, keepdim?: boolean): ValuesIndices;
  min(other: Tensor): Tensor;
  min(dim?: number | Tensor, keepdim = false): Tensor | ValuesIndices { return this.extreme('min', dim, keepdim); }
  private extreme(op: 'max' | 'min', dim: number | Tensor | undefined, keepdim: boolean): Tensor | ValuesIndices {
    if (dim instanceof Tensor) return op === 'max' ? this.maximum(dim) : this.minimum(dim);
    if (dim === undefined) return new Extreme(op, null, false, op === 'max' ? 'MaxBackward1' : 'MinBackward1').apply(this);
    return valuesIndices(new ExtremeWithIndices(op, dim, keepdim).applyMany(this));
  }
  amax(dim: Dims = [], keepdim = false): Tensor { return new Extreme('max', dim, keepdim, 'AmaxBackward0').apply(this); }
  amin(dim: Dims = [], keepdim = false): Tensor { return new Extreme('min', dim, keepdim, 'AminBackward0').apply(this); }
  argmax(dim?: number, keepdim = false): Tensor {
    return new Tensor(dim === undefined ? T.reduce('argmax', this.array.reshape([-1]), 0, false) : T.reduce('argmax', this.array, dim, keepdim));
  }
  argmin(dim?: number, keepdim = false): Tensor {
    return new Tensor(dim === undefined ? T.reduce('argmin', this.array.reshape([-1]), 0, false) : T.reduce('argmin', this.array, dim, keepdim));
  }
  /** var(dim, unbiased = true, keepdim = false), or var(dim, { correction, keepdim }). */
  var(dim?: Dims, unbiased: boolean | VarOptions = true, keepdim = false): Tensor { return this.variance(false, dim, unbiased, keepdim); }
  std(dim?: Dims, unbiased: boolean | VarOptions = true, keepdim = false): Tensor { return this.variance(true, dim, unbiased, keepdim); }
  private variance(isStd: boolean, dim: Dims, unbiased: boolean | VarOptions, keepdim: boolean): Tensor {
    const o: VarOptions = typeof unbiased === 'boolean' ? { unbiased, keepdim } : unbiased;
    const correction = o.correction ?? (o.unbiased === false ? 0 : 1);
    return new Variance(isStd, dim, correction, o.keepdim ?? keepdim).apply(this);
  }
  /**
   * The p-norm (2 or 'fro' by default; 1, Infinity, 0 and any other p) of all elements, or over
   * dim (torch.Tensor.norm); its gradient is 0 where the norm is 0.
   */
  norm(p: number | 'fro' = 2, dim?: Dims, keepdim = false): Tensor {
    return new Norm(p === 'fro' ? 2 : p, dim, keepdim).apply(this);
  }
  logsumexp(dim: Dims, keepdim = false): Tensor { return new LogSumExp(dim, keepdim).apply(this); }
  /** Running sums along dim (Tensor.cumsum), accumulated in double precision as PyTorch's CPU kernel; integers give int64. */
  cumsum(dim: number): Tensor { return new Cumsum(dim).apply(this); }
  any(dim?: number, keepdim = false): Tensor<'bool'> { return new Tensor<'bool'>(T.reduce('any', this.array, dim, keepdim)); }
  all(dim?: number, keepdim = false): Tensor<'bool'> { return new Tensor<'bool'>(T.reduce('all', this.array, dim, keepdim)); }

  // ---- views and shapes ---------------------------------------------------------------------------------

  /** Marks `out` as the view `fn` of this tensor: its base is this tensor's base (or this), its region composed. */
  private asView(out: Tensor, fn: Region): Tensor {
    const parent = this.region;
    out.base = this.base ?? this;
    out.region = parent ? (a) => fn(parent(a)) : fn;
    return out;
  }
  private viewOp(name: string, fn: Region): Tensor {
    return this.asView(new View(name, fn).apply(this), fn);
  }
  view(...shape: (number | readonly number[])[]): Tensor {
    const s = sizes(shape);
    return this.asView(new Reshape(s, true).apply(this), (a) => a.view(s));
  }
  reshape(...shape: (number | readonly number[])[]): Tensor {
    const s = sizes(shape);
    const out = new Reshape(s, false).apply(this);
    return out.array.data === this.array.data ? this.asView(out, (a) => a.view(s)) : out;
  }
  viewAs(other: Tensor): Tensor { return this.view(other.shape); }
  reshapeAs(other: Tensor): Tensor { return this.reshape(other.shape); }
  flatten(startDim = 0, endDim = -1): Tensor {
    const a = this.array.ndim === 0 ? this.array.reshape([1]) : this.array.flatten(startDim, endDim);
    return this.reshape(a.shape);
  }
  unflatten(dim: number, sizes_: readonly number[]): Tensor { return this.view(this.array.unflatten(dim, sizes_).shape); }
  permute(...dims: (number | readonly number[])[]): Tensor {
    const d = sizes(dims);
    return this.viewOp('PermuteBackward0', (a) => a.permute(d));
  }
  transpose(dim0: number, dim1: number): Tensor { return this.viewOp('TransposeBackward0', (a) => a.transpose(dim0, dim1)); }
  t(): Tensor { return this.viewOp('TBackward0', (a) => a.t()); }
  /** The transpose of all dims reversed (Tensor.T). */
  get T(): Tensor {
    const perm = this.shape.map((_, i) => this.ndim - 1 - i);
    return this.viewOp('PermuteBackward0', (a) => a.permute(perm));
  }
  /** The transpose of the last two dims (Tensor.mT). */
  get mT(): Tensor { return this.transpose(-2, -1); }
  squeeze(dim?: number): Tensor {
    return this.viewOp(dim === undefined ? 'SqueezeBackward0' : 'SqueezeBackward1', (a) => a.squeeze(dim));
  }
  unsqueeze(dim: number): Tensor { return this.viewOp('UnsqueezeBackward0', (a) => a.unsqueeze(dim)); }
  expand(...shape: (number | readonly number[])[]): Tensor {
    const s = sizes(shape);
    return this.asView(new Expand(s).apply(this), (a) => a.expand(s));
  }
  expandAs(other: Tensor): Tensor { return this.expand(other.shape); }
  narrow(dim: number, start: number, length: number): Tensor { return this.viewOp('SliceBackward0', (a) => a.narrow(dim, start, length)); }
  select(dim: number, index: number): Tensor { return this.viewOp('SelectBackward0', (a) => a.select(dim, index)); }
  /**
   * Basic indexing, x[...] in Python: numbers select, slices ('1:3', '::2', ':' or [start, stop, step])
   * narrow, null inserts a dim (None), '...' skips the remaining dims. Returns a view. A tensor
   * alone indexes as in PyTorch: a bool mask picks the rows it marks, an integer tensor the rows of dim 0 it names (copies).
   */
  index(mask: Tensor): Tensor;
  index(...specs: IndexSpec[]): Tensor;
  index(...specs: (IndexSpec | Tensor)[]): Tensor {
    if (specs[0] instanceof Tensor) return this.indexByTensor(specs[0], specs.length);
    return this.indexSpecs(specs as IndexSpec[]);
  }
  /**
   * x[mask] for a bool mask over the leading dims: the selected rows, [count, ...the other dims];
   * x[index] for an integer tensor: the rows of dim 0 it names, [...index.shape, ...the other dims] (IndexBackward0).
   */
  private indexByTensor(mask: Tensor, n: number): Tensor {
    if (n !== 1) throw new T.IndexError('index: a tensor index must be the only index (x.index(mask) or x.index(indices))');
    if (mask.dtype === 'int64' || mask.dtype === 'int32') return new IndexTensor(mask.array).apply(this);
    return new IndexMask(mask.array).apply(this);
  }
  private indexSpecs(specs: IndexSpec[]): Tensor {
    let out: Tensor = this;
    let dim = 0;
    const consuming = specs.filter((s) => s !== null && s !== '...').length;
    for (const s of specs) {
      if (s === '...') { dim += this.ndim - consuming; continue; }
      if (typeof s === 'number') { T.index(out.array, [...new Array(dim).fill(':'), s]); out = out.select(dim, s); continue; }
      const d = dim;
      const name = s === null ? 'UnsqueezeBackward0' : 'SliceBackward0';
      out = out.viewOp(name, (a) => T.index(a, [...new Array(d).fill(':'), s]));
      dim++;
    }
    return out;
  }
  /**
   * x[specs] = value, in place (Python's __setitem__). `specs` is one index spec or a list of them,
   * as for index(): x.indexPut_([':', '2:6'], 0) is X[:, 2:6] = 0; or a bool mask over the leading
   * dims, whose selected rows take value (x[mask] = value, IndexPutBackward0).
   */
  indexPut_(specs: IndexSpec | readonly IndexSpec[] | Tensor, value: TensorLike): this {
    if (specs instanceof Tensor) {
      const mask = specs.array;
      return this.inPlace((src) => new IndexPutMask(mask).apply(src, value), () => T.copyInto(this.array, noGrad(() => new IndexPutMask(mask).apply(new Tensor(this.array), value)).array), value);
    }
    const list = Array.isArray(specs) ? (specs as IndexSpec[]) : [specs as IndexSpec];
    return this.inPlace((src) => new CopySlices((a) => T.index(a, list)).apply(src, value), () => T.copyInto(T.index(this.array, list), arr(value)), value);
  }
  /** A copy with the elements of `dims` in reverse order (torch.flip). */
  flip(...dims: (number | readonly number[])[]): Tensor { return new Flip(sizes(dims)).apply(this); }
  /**
   * A copy with the elements shifted by `shifts` along `dims`, wrapping around (torch.roll); with
   * no dims, the flattened tensor is rolled by the one shift and reshaped back.
   */
  roll(shifts: number | readonly number[], dims: number | readonly number[] = []): Tensor {
    return new Roll(typeof shifts === 'number' ? [shifts] : [...shifts], typeof dims === 'number' ? [dims] : [...dims]).apply(this);
  }
  contiguous(): Tensor { return this.isContiguous() ? this : new Clone('contiguous').apply(this); }
  clone(): Tensor { return new Clone().apply(this); }

  // ---- in place ---------------------------------------------------------------------------------------------

  /**
   * Runs an in-place op. Without autograd involvement the kernel writes straight into this
   * tensor's storage; otherwise the op runs out of place on a copy and this tensor takes the
   * result and its history (PyTorch rebases the graph the same way). On a view, the base takes a
   * CopySlices node writing the result into its region, and the view becomes a view of the new
   * base (AsStridedBackward0), as PyTorch. A leaf that requires grad (or a view of one) refuses.
   * With an in-place observer installed (tracing), the op runs out of place, its result is written
   * into this tensor, and the observer is told; on a view, the base's new value is first computed
   * by a CopySlices of the result into the view's region, and the observer is told of that too.
   */
  private inPlace(differentiable: (src: Tensor) => Tensor, direct: () => unknown, other?: TensorLike): this {
    const otherGrad = other instanceof Tensor && other.requiresGrad;
    const base = this.base;
    const tracked = this.requiresGrad || otherGrad || (base !== null && base.requiresGrad);
    if (!isGradEnabled() || !tracked) {
      const observer = currentInPlaceObserver();
      if (!observer) {
        direct();
        return this;
      }
      const r = differentiable(this);
      if (base && this.region) {
        // the base's new value: its old one with the region overwritten, as the graph sees it
        const written = new CopySlices(this.region).apply(base, r);
        T.copyInto(this.array, r.array);
        observer(base, written);
      } else T.copyInto(this.array, r.array);
      observer(this, r);
      return this;
    }
    if (base?.isLeaf && base.requiresGrad) {
      throw new AutogradError('a view of a leaf Variable that requires grad is being used in an in-place operation.');
    }
    if (this.isLeaf && this.requiresGrad) {
      throw new AutogradError('a leaf Variable that requires grad is being used in an in-place operation.');
    }
    const r = differentiable(this.snapshot());
    if (!base || !this.region) {
      T.copyInto(this.array, r.array);
      this.takeHistory(r);
      return this;
    }
    const region = this.region;
    const written = new CopySlices(region).apply(base.snapshot(), r);
    T.copyInto(this.array, r.array);
    base.takeHistory(written);
    this.takeHistory(new View('AsStridedBackward0', region).apply(base));
    return this;
  }

  /** A copy of the values with this tensor's history, for an in-place op to run out of place on. */
  private snapshot(): Tensor {
    const src = new Tensor(this.array.clone());
    src._requiresGrad = this.requiresGrad;
    src.gradFn = this.gradFn;
    src.outputNr = this.outputNr;
    return src;
  }

  /** Takes t's place in the graph (after an in-place op wrote t's values into this tensor). */
  private takeHistory(t: Tensor): void {
    this.gradFn = t.gradFn;
    this.outputNr = t.outputNr;
    this._requiresGrad = t.requiresGrad;
  }

  add_(other: TensorLike, opts: { alpha?: number } = {}): this {
    const alpha = opts.alpha ?? 1;
    return this.inPlace((s) => s.add(other, opts), () => T.binaryInPlace(alpha === 1 ? 'add' : 'addScaled', this.array, arr(other), alpha), other);
  }
  sub_(other: TensorLike, opts: { alpha?: number } = {}): this {
    const alpha = opts.alpha ?? 1;
    return this.inPlace((s) => s.sub(other, opts), () => T.binaryInPlace(alpha === 1 ? 'sub' : 'addScaled', this.array, arr(other), -alpha), other);
  }
  mul_(other: TensorLike): this { return this.inPlace((s) => s.mul(other), () => T.binaryInPlace('mul', this.array, arr(other)), other); }
  div_(other: TensorLike): this { return this.inPlace((s) => s.div(other), () => T.binaryInPlace('div', this.array, arr(other)), other); }
  pow_(e: TensorLike): this { return this.inPlace((s) => s.pow(e), () => T.binaryInPlace('pow', this.array, arr(e)), e); }
  neg_(): this { return this.inPlace((s) => s.neg(), () => T.unaryInPlace('neg', this.array)); }
  clamp_(min: number | Tensor | null = null, max: number | Tensor | null = null): this {
    if (min instanceof Tensor || max instanceof Tensor) {
      const tracked = [min, max].find((b) => b instanceof Tensor && b.requiresGrad);
      return this.inPlace((s) => s.clamp(min, max), () => T.copyInto(this.array, noGrad(() => this.clamp(min, max)).array), tracked as Tensor | undefined);
    }
    const direct = () => (min !== null && max !== null ? T.unaryInPlace('clamp', this.array, min, max) : min !== null ? T.unaryInPlace('clampMin', this.array, min) : T.unaryInPlace('clampMax', this.array, max ?? Infinity));
    return this.inPlace((s) => s.clamp(min, max), direct);
  }
  /**
   * Writes `f(this)` into this tensor: the in-place form of a pointwise function f (PyTorch's
   * `F.hardtanh(x, inplace=True)`, `F.elu_`). Tracked by autograd, f runs on a copy (so what its
   * backward saves is not overwritten) and this tensor takes f's node as its history; untracked,
   * `direct` writes the values (by default f's result, copied in).
   */
  applyInPlace_(f: (t: Tensor) => Tensor, direct?: () => void): this {
    return this.inPlace(f, direct ?? (() => T.copyInto(this.array, noGrad(() => f(this)).array)));
  }
  private pointwise_(op: UnaryOp): this { return this.inPlace((s) => s.pointwise(op), () => T.unaryInPlace(op, this.array)); }
  exp_(): this { return this.pointwise_('exp'); }
  log_(): this { return this.pointwise_('log'); }
  sqrt_(): this { return this.pointwise_('sqrt'); }
  abs_(): this { return this.pointwise_('abs'); }
  relu_(): this { return this.pointwise_('relu'); }
  sigmoid_(): this { return this.pointwise_('sigmoid'); }
  tanh_(): this { return this.pointwise_('tanh'); }
  /** Copies src's values into this tensor, broadcasting and casting (Tensor.copy_). */
  copy_(src: TensorLike): this {
    return this.indexPut_([], src);
  }
  fill_(value: number): this { return this.indexPut_([], value); }
  /** Writes value where the bool mask (broadcast to this tensor's shape) is true, in place (Tensor.masked_fill_). */
  maskedFill_(mask: Tensor, value: TensorLike): this {
    const m = mask.array.expand(this.array.shape);
    return this.inPlace((s) => s.maskedFill(new Tensor(m), value), () => T.copyInto(this.array, T.where(m, arr(value), this.array)), value);
  }
  zero_(): this { return this.fill_(0); }

  /** In-place random fills from the default generator (or the one given): PyTorch's streams. */
  uniform_(from = 0, to = 1, generator: T.Generator = T.defaultGenerator): this {
    return this.randomFill((out) => T.distributions.uniformFill(out.data, out.dtype, from, to, generator));
  }
  normal_(mean = 0, std = 1, generator: T.Generator = T.defaultGenerator): this {
    return this.randomFill((out) => T.distributions.normalFill(out.data, out.dtype, mean, std, generator));
  }
  /** random_(): integers in [0, 2^mantissa]; random_(to): [0, to); random_(from, to): [from, to). */
  random_(from?: number, to?: number, generator: T.Generator = T.defaultGenerator): this {
    if (from === undefined) return this.randomFill((out) => T.distributions.randomFill(out.data, out.dtype, generator));
    const [lo, hi] = to === undefined ? [0, from] : [from, to];
    return this.randomFill((out) => T.distributions.randintFill(out.data, out.dtype, lo, hi, generator));
  }
  bernoulli_(p = 0.5, generator: T.Generator = T.defaultGenerator): this {
    return this.randomFill((out) => T.distributions.bernoulliFill(out.data, out.dtype, p, generator));
  }
  private randomFill(fill: (out: NDArray) => void): this {
    if (isGradEnabled() && this.isLeaf && this.requiresGrad) {
      throw new AutogradError('a leaf Variable that requires grad is being used in an in-place operation.');
    }
    const a = this.array;
    if (!T.capturing() && a.isContiguous()) {
      // filled where it lies: a recording instead fills a fresh array live and copies it in (a kernel)
      fill(new NDArray(a.data.subarray(a.offset, a.offset + a.size), a.dtype, a.shape));
      a.bumpVersion();
      return this;
    }
    const out = NDArray.empty(a.shape, this.dtype);
    T.live(() => fill(out));
    T.copyInto(a, out);
    return this;
  }
}

/** The gradient of a one-element output that backward() or grad() creates when none is given: ones. */
export function implicitGradient(t: Tensor, op: string): Tensor {
  if (t.numel() !== 1) throw new AutogradError(`${op} can be implicitly created only for scalar outputs (got a tensor of shape [${t.shape.join(', ')}])`);
  return new Tensor(T.ones(t.array.shape, t.dtype));
}

function valuesIndices([values, indices]: Tensor[]): ValuesIndices {
  return Object.assign([values, indices], { values, indices }) as ValuesIndices;
}

function arr(x: TensorLike): NDArray | number {
  return x instanceof Tensor ? x.array : x;
}

registerTensorFactory((a) => new Tensor(a));

/** torch.where(cond, a, b). */
export function where(cond: Tensor, a: TensorLike, b: TensorLike): Tensor {
  return new Where().apply(new Tensor(cond.array), a, b);
}

export { noGrad, Function };
