/** F.pad in its four modes; the backward sums each gradient into the element it was read from. */
import * as T from '@cresset/tensor';
import type { NDArray, PadMode } from '@cresset/tensor';
import { Function } from '../function';

export class Pad extends Function {
  readonly name: string;
  private inShape: readonly number[] = [];
  constructor(
    /** F.pad's pairs (before, after), last dim first. */
    readonly padding: readonly number[],
    /** 'constant', 'reflect', 'replicate' or 'circular'. */
    readonly mode: PadMode,
    /** The fill value of 'constant' mode. */
    readonly value: number,
  ) {
    super();
    const n = padding.length / 2;
    this.name = {
      constant: 'ConstantPadNdBackward0',
      reflect: `ReflectionPad${n}DBackward0`,
      replicate: `ReplicationPad${n}DBackward0`,
      circular: 'torch::autograd::CopySlices',
    }[mode];
  }
  forward(x: NDArray) {
    this.inShape = x.shape;
    return T.pad(x, this.padding, this.mode, this.value);
  }
  backward(g: NDArray) {
    return [T.padBackward(g, this.inShape, this.padding, this.mode)];
  }
}
