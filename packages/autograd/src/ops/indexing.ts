/**
 * Writing into a region of a tensor (x[specs] = value, PyTorch's __setitem__, node CopySlices):
 * the old values' gradient is the incoming one with the region zeroed, the value's gradient is
 * the region of the incoming one (summed back to the value's shape).
 */
import * as T from '@cresset/tensor';
import type { IndexSpec, NDArray } from '@cresset/tensor';
import { Function } from '../function';

export class IndexPut extends Function {
  readonly name = 'torch::autograd::CopySlices';
  constructor(private specs: readonly IndexSpec[]) { super(); }
  forward(x: NDArray, value: NDArray | number) {
    const out = x.clone();
    T.copyInto(T.index(out, this.specs), value);
    out.versionCounter.version = 0;
    return out;
  }
  backward(g: NDArray) {
    const gx = g.clone();
    T.copyInto(T.index(gx, this.specs), 0);
    return [gx, T.index(g, this.specs)];
  }
}
