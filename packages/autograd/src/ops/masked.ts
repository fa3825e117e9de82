/**
 * Boolean masks: masked_fill (MaskedFillBackward0/1), masked_select (MaskedSelectBackward0),
 * x[mask] (IndexBackward0) and x[mask] = value (IndexPutBackward0); and x[integer tensor], which
 * picks rows the same way. A mask for masked_fill and masked_select broadcasts with the input; an
 * indexing mask covers the input's leading dims and selects whole rows of the rest, as in PyTorch.
 */
import * as T from '@cresset/tensor';
import { NDArray } from '@cresset/tensor';
import { Function, tensorOf } from '../function';
import type { Tensor } from '../tensor';
import { Where } from './arithmetic';

/** out = value where mask, else x; a tensor value must be 0-d, as PyTorch's masked_fill. */
export class MaskedFill extends Function {
  readonly name: string;
  private m!: NDArray;
  constructor(
    /** The bool mask, broadcast with the input. */
    readonly mask: NDArray,
    /** Whether the value is a (0-d) tensor input rather than a number. */
    tensorValue: boolean,
  ) {
    super();
    this.name = tensorValue ? 'MaskedFillBackward1' : 'MaskedFillBackward0';
  }
  forward(x: NDArray, value: NDArray | number) {
    if (typeof value !== 'number' && value.ndim !== 0) {
      throw new T.ShapeError(`masked_fill_ only supports a 0-dimensional value tensor, but got tensor with ${value.ndim} dimension(s).`);
    }
    const [xb, mb] = T.broadcastMask(x, this.mask, 'masked_fill');
    this.m = mb;
    return T.where(mb, typeof value === 'number' ? value : T.cast(value, x.dtype), xb);
  }
  backward(g: NDArray) {
    return [T.where(this.m, 0, g), T.reduce('sum', T.where(this.m, g, 0), null)];
  }
  protected override backwardGraph([g]: Tensor[]) {
    const m = tensorOf(this.m);
    return [new Where().apply(m, 0, g), new Where().apply(m, g, 0).sum()];
  }
}

/** The int64 index that gathers `rows` rows of width `width` (positions along dim 0). */
function rowIndex(positions: number[], width: number): NDArray {
  return new NDArray(Float64Array.from(positions), 'int64', [positions.length, 1]).expand([positions.length, width]);
}

/** [rows, width] for an array whose first `lead` dims are indexed. */
function split(shape: readonly number[], lead: number): [number, number, number[]] {
  const rest = shape.slice(lead);
  return [T.numel(shape.slice(0, lead)), T.numel(rest), rest];
}

/**
 * x[index] for a bool mask over x's leading dims or an integer tensor over its first dim
 * (IndexBackward0): the rows at the flat positions `locate` finds, shaped [...lead, ...the other
 * dims]; the backward adds each gradient row into the row it was read from.
 */
abstract class IndexRows extends Function {
  readonly name = 'IndexBackward0';
  private positions: number[] = [];
  private inShape: readonly number[] = [];
  constructor(
    /** How many of the input's leading dims the index covers. */
    readonly indexedDims: number,
  ) { super(); }
  /** The flat positions of the picked rows among the indexed dims of an input shaped `shape`, and the dims they take in the output. */
  protected abstract locate(shape: readonly number[]): [number[], number[]];
  forward(x: NDArray) {
    this.inShape = x.shape;
    const [positions, lead] = this.locate(x.shape);
    this.positions = positions;
    const [rows, width, rest] = split(x.shape, this.indexedDims);
    const picked = T.gatherAlong(x.reshape([rows, width]), 0, rowIndex(positions, width));
    return picked.reshape([...lead, ...rest]);
  }
  backward(g: NDArray) {
    const [rows, width] = split(this.inShape, this.indexedDims);
    const gx = T.zeros([rows, width], g.dtype);
    T.scatterAlong(gx, 0, rowIndex(this.positions, width), g.reshape([this.positions.length, width]), true);
    return [gx.reshape(this.inShape)];
  }
  protected override backwardGraph([g]: Tensor[]) {
    const [rows, width] = split(this.inShape, this.indexedDims);
    const rowsOf = g.reshape(this.positions.length, width);
    return [tensorOf(T.zeros([rows, width], g.dtype)).scatterAdd(0, tensorOf(rowIndex(this.positions, width)), rowsOf).reshape([...this.inShape])];
  }
}

/** x[mask] for a mask over x's leading dims: the selected rows, shaped [count, ...the other dims]. */
export class IndexMask extends IndexRows {
  constructor(
    /** The bool mask over the input's first mask.ndim dims. */
    readonly mask: NDArray,
  ) { super(mask.ndim); }
  protected locate(shape: readonly number[]): [number[], number[]] {
    const positions = T.maskPositions(this.mask, shape, 'index');
    return [positions, [positions.length]];
  }
}

/**
 * x[index] for an integer tensor of any shape: the rows of x's first dim it names (negative ones
 * count from the end), shaped [...index.shape, ...x.shape[1:]], as PyTorch's advanced indexing.
 */
export class IndexTensor extends IndexRows {
  constructor(
    /** The integer (int64, int32) index into the input's first dim. */
    readonly indices: NDArray,
  ) { super(1); }
  protected locate(shape: readonly number[]): [number[], number[]] {
    if (shape.length === 0) throw new T.IndexError('index: a 0-d tensor cannot be indexed by a tensor');
    const size = shape[0];
    const flat = this.indices.contiguous();
    const positions: number[] = [];
    for (let i = 0; i < flat.size; i++) {
      const v = Number(flat.data[flat.offset + i]);
      if (v < -size || v >= size) throw new T.IndexError(`index ${v} is out of bounds for dimension 0 with size ${size}`);
      positions.push(v < 0 ? v + size : v);
    }
    return [positions, [...this.indices.shape]];
  }
}

/** x[mask] = value: the selected rows take value (broadcast to [count, ...the other dims]). */
export class IndexPutMask extends Function {
  readonly name = 'IndexPutBackward0';
  private positions: number[] = [];
  private inShape: readonly number[] = [];
  constructor(
    /** The bool mask over the input's first mask.ndim dims. */
    readonly mask: NDArray,
  ) { super(); }
  forward(x: NDArray, value: NDArray | number) {
    this.inShape = x.shape;
    this.positions = T.maskPositions(this.mask, x.shape, 'index_put_');
    const [rows, width, rest] = split(x.shape, this.mask.ndim);
    const target = [this.positions.length, ...rest];
    const v = typeof value === 'number' ? T.full(target, value, x.dtype) : T.cast(value, x.dtype).expand(target);
    const out = x.contiguous().clone().reshape([rows, width]);
    T.scatterAlong(out, 0, rowIndex(this.positions, width), v.reshape([this.positions.length, width]), false, 'index_put_');
    return out.reshape(this.inShape);
  }
  backward(g: NDArray) {
    const [rows, width, rest] = split(this.inShape, this.mask.ndim);
    const idx = rowIndex(this.positions, width);
    const g2 = g.contiguous().reshape([rows, width]);
    const gx = g2.clone();
    T.scatterAlong(gx, 0, idx, T.zeros([this.positions.length, width], g.dtype), false);
    return [gx.reshape(this.inShape), T.gatherAlong(g2, 0, idx).reshape([this.positions.length, ...rest])];
  }
  protected override backwardGraph([g]: Tensor[]) {
    const [rows, width, rest] = split(this.inShape, this.mask.ndim);
    const keep = T.ones([rows, 1], g.dtype);
    for (const p of this.positions) keep.data[p] = 0;
    const g2 = g.reshape(rows, width);
    return [g2.mul(tensorOf(keep)).reshape([...this.inShape]), g2.gather(0, tensorOf(rowIndex(this.positions, width))).reshape([this.positions.length, ...rest])];
  }
}

/** masked_select(x, mask): the elements where mask (broadcast with x) is true, as a 1-d tensor. */
export class MaskedSelect extends Function {
  readonly name = 'MaskedSelectBackward0';
  private positions: number[] = [];
  private shape: readonly number[] = [];
  constructor(
    /** The bool mask, broadcast with the input. */
    readonly mask: NDArray,
  ) { super(); }
  forward(x: NDArray) {
    const [xb, mb] = T.broadcastMask(x, this.mask, 'masked_select');
    this.shape = xb.shape;
    this.positions = T.maskPositions(mb, xb.shape, 'masked_select');
    return T.gatherAlong(xb.reshape([-1, 1]), 0, rowIndex(this.positions, 1)).reshape([-1]);
  }
  backward(g: NDArray) {
    const gx = T.zeros([T.numel(this.shape), 1], g.dtype);
    T.scatterAlong(gx, 0, rowIndex(this.positions, 1), g.reshape([-1, 1]), true);
    return [gx.reshape(this.shape)];
  }
  protected override backwardGraph([g]: Tensor[]) {
    const gx = tensorOf(T.zeros([T.numel(this.shape), 1], g.dtype)).scatterAdd(0, tensorOf(rowIndex(this.positions, 1)), g.reshape(-1, 1));
    return [gx.reshape([...this.shape])];
  }
}
