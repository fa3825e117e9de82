/**
 * View and shape operations. A view's gradient is the incoming gradient written into the same
 * view of a zero tensor of the input's shape, so one class serves permute, transpose, squeeze,
 * unsqueeze, slice, select and the rest; reshape and expand have their own (cheaper) rules.
 */
import * as T from '@cresset/tensor';
import type { DType, NDArray } from '@cresset/tensor';
import { Function } from '../function';
import type { Tensor } from '../tensor';

/** A view op given by the function that takes an array to its view. */
export class View extends Function {
  private inShape: readonly number[] = [];
  constructor(
    readonly name: string,
    /** Takes an array to its view (the exporter probes it to recover a permutation). */
    readonly fn: (a: NDArray) => NDArray,
  ) { super(); }
  forward(x: NDArray) {
    this.inShape = x.shape;
    return this.fn(x);
  }
  backward(g: NDArray) {
    const gx = T.zeros(this.inShape, g.dtype);
    T.copyInto(this.fn(gx), g);
    return [gx];
  }
  protected override backwardGraph([g]: Tensor[]) { return [new ViewScatter(this.name, this.fn, this.inShape).apply(g)]; }
}

/**
 * The backward of a view as an op of its own: g written into that view of zeros of the input's
 * shape. It is linear in g; its own gradient is the view of the incoming one, so a view can be
 * differentiated any number of times (createGraph).
 */
export class ViewScatter extends Function {
  readonly name: string;
  constructor(
    /** The view's node name; this node is named after it. */
    viewName: string,
    /** Takes an array to its view. */
    readonly fn: (a: NDArray) => NDArray,
    /** The shape of the viewed tensor. */
    readonly shape: readonly number[],
  ) {
    super();
    this.name = `${viewName}Backward`;
  }
  forward(g: NDArray) {
    const gx = T.zeros(this.shape, g.dtype);
    T.copyInto(this.fn(gx), g);
    return gx;
  }
  backward(gg: NDArray) { return [this.fn(gg)]; }
  protected override backwardGraph([gg]: Tensor[]) { return [new View(this.name.replace(/Backward$/, ''), this.fn).apply(gg)]; }
}

/**
 * reshape/view/flatten: a view when the strides allow (ViewBackward0, or ReshapeAliasBackward0
 * for reshape), else a copy (UnsafeViewBackward0), as PyTorch names them.
 */
export class Reshape extends Function {
  name = 'ViewBackward0';
  private inShape: readonly number[] = [];
  constructor(
    /** The target shape (one entry may be -1). */
    readonly shape: readonly number[],
    /** view() semantics: fails rather than copy. */
    readonly viewOnly: boolean,
  ) { super(); }
  forward(x: NDArray) {
    this.inShape = x.shape;
    if (this.viewOnly) return x.view(this.shape);
    const target = T.inferSize(this.shape, x.size, 'reshape');
    const isView = T.viewStrides(x.shape, x.strides, target) !== null;
    this.name = isView ? 'ReshapeAliasBackward0' : 'UnsafeViewBackward0';
    return x.reshape(this.shape);
  }
  backward(g: NDArray) { return [g.reshape(this.inShape)]; }
  protected override backwardGraph([g]: Tensor[]) { return [g.reshape([...this.inShape])]; }
}

/** expand: the gradient sums over the broadcast dims (done by the base class). */
export class Expand extends Function {
  readonly name = 'ExpandBackward0';
  constructor(
    /** The shape expanded to. */
    readonly shape: readonly number[],
  ) { super(); }
  forward(x: NDArray) { return x.expand(this.shape); }
  backward(g: NDArray) { return [g]; }
  protected override backwardGraph([g]: Tensor[]) { return [g]; }
}

/** A contiguous copy (clone, and contiguous() of a non-contiguous tensor). */
export class Clone extends Function {
  readonly name = 'CloneBackward0';
  /** `op` names the calling method ('clone' or 'contiguous') in an AllocationError. */
  constructor(readonly op = 'clone') { super(); }
  forward(x: NDArray) { return x.clone(this.op); }
  backward(g: NDArray) { return [g]; }
  protected override backwardGraph([g]: Tensor[]) { return [g]; }
}

/** Tensor.to(dtype): the gradient is cast back to the input's dtype by the base class. */
export class ToCopy extends Function {
  readonly name = 'ToCopyBackward0';
  constructor(
    /** The dtype converted to. */
    readonly dtype: DType,
  ) { super(); }
  forward(x: NDArray) { return T.cast(x, this.dtype); }
  backward(g: NDArray) { return [g]; }
  protected override backwardGraph([g]: Tensor[]) { return [g]; }
}

/** flip: reverses dims; its gradient is the same flip of the incoming gradient. */
export class Flip extends Function {
  readonly name = 'FlipBackward0';
  constructor(
    /** The dims reversed. */
    readonly dims: readonly number[],
  ) { super(); }
  forward(x: NDArray) { return T.flip(x, this.dims); }
  backward(g: NDArray) { return [T.flip(g, this.dims)]; }
  protected override backwardGraph([g]: Tensor[]) { return [g.flip([...this.dims])]; }
}

/** roll: shifts elements along dims, wrapping around; its gradient is the incoming gradient rolled back. */
export class Roll extends Function {
  readonly name = 'RollBackward0';
  constructor(
    /** The shift of each rolled dim. */
    readonly shifts: readonly number[],
    /** The dims rolled (none: the flattened tensor). */
    readonly dims: readonly number[],
  ) { super(); }
  forward(x: NDArray) { return T.roll(x, this.shifts, this.dims); }
  backward(g: NDArray) { return [T.roll(g, this.shifts.map((s) => -s), this.dims)]; }
  protected override backwardGraph([g]: Tensor[]) { return [g.roll(this.shifts.map((s) => -s), this.dims)]; }
}
