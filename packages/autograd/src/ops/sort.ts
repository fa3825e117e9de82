/**
 * sort and topk along a dim (SortBackward0/1, TopkBackward0): values and int64 indices; the
 * values' gradient is scattered back to the positions the indices name.
 */
import * as T from '@cresset/tensor';
import type { NDArray } from '@cresset/tensor';
import { Function } from '../function';
import type { Tensor } from '../tensor';
import { indexBackward, indexBackwardGraph } from './reduce';

/** Selects along a dim by sorting: the indices output carries no gradient. */
abstract class SortedSelection extends Function {
  private indices!: NDArray;
  private inShape: readonly number[] = [];
  private d = 0;
  constructor(readonly dim: number) {
    super();
    this.nonDifferentiable |= 1 << 1;
  }
  /** The op's name in errors. */
  protected abstract readonly op: string;
  protected abstract select(x: NDArray, dim: number): [NDArray, NDArray];
  forward(x: NDArray) {
    this.inShape = x.shape;
    this.d = x.ndim === 0 ? 0 : T.wrapDim(this.dim, x.ndim, this.op);
    const [values, indices] = this.select(x, this.d);
    this.indices = indices;
    return [values, indices];
  }
  backward(g: NDArray | null) {
    if (!g) return [null];
    return [indexBackward(g, this.indices, this.inShape, this.d, true)];
  }
  protected override backwardGraph([g]: (Tensor | null)[]) {
    return [g && indexBackwardGraph(g, this.indices, this.inShape, this.d, true)];
  }
}

/** torch.sort(x, dim, descending[, stable]): stable in either order, NaN above every number. */
export class Sort extends SortedSelection {
  readonly name: string;
  protected readonly op = 'sort';
  constructor(
    dim: number,
    /** Largest first. */
    readonly descending: boolean,
    /** Whether the call passed `stable` (PyTorch's sort.stable overload, SortBackward1); the sort is stable either way. */
    stableOverload: boolean,
  ) {
    super(dim);
    this.name = stableOverload ? 'SortBackward1' : 'SortBackward0';
  }
  protected select(x: NDArray, dim: number) { return T.sortAlong(x, dim, this.descending); }
}

/** torch.topk(x, k, dim, largest, sorted): the k largest (or smallest), largest (smallest) first. */
export class Topk extends SortedSelection {
  readonly name = 'TopkBackward0';
  protected readonly op = 'topk';
  constructor(
    /** How many to keep. */
    readonly k: number,
    dim: number,
    /** The largest rather than the smallest. */
    readonly largest: boolean,
  ) { super(dim); }
  protected select(x: NDArray, dim: number) { return T.topkAlong(x, this.k, dim, this.largest); }
}
