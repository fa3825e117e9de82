/**
 * Writing into a region of a tensor (x[specs] = value, and in-place ops on views: PyTorch's
 * CopySlices): the old values' gradient is the incoming one with the region zeroed, the value's
 * gradient is the region of the incoming one (summed back to the value's shape).
 */
import * as T from '@cresset/tensor';
import type { NDArray } from '@cresset/tensor';
import { Function } from '../function';
import type { Tensor } from '../tensor';
import { View } from './shape';

/** The region written: a function from the whole array to the view of it that is overwritten. */
export type Region = (a: NDArray) => NDArray;

export class CopySlices extends Function {
  readonly name = 'torch::autograd::CopySlices';
  constructor(
    /** The view of the input that is overwritten. */
    readonly region: Region,
  ) { super(); }
  forward(x: NDArray, value: NDArray | number) {
    const out = x.clone();
    T.copyInto(this.region(out), value);
    out.versionCounter.version = 0;
    return out;
  }
  backward(g: NDArray) {
    const gx = g.clone();
    T.copyInto(this.region(gx), 0);
    return [gx, this.region(g)];
  }
  protected override backwardGraph([g]: Tensor[]) {
    return [new CopySlices(this.region).apply(g, 0), new View('AsStridedBackward0', this.region).apply(g)];
  }
}
