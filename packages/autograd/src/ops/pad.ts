/** F.pad in its four modes; the backward sums each gradient into the element it was read from. */
import * as T from '@cresset/tensor';
import type { NDArray, PadMode } from '@cresset/tensor';
import { Function } from '../function';
import type { Tensor } from '../tensor';

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
  protected override backwardGraph([g]: Tensor[]) {
    return [new PadBackward(this.name, this.inShape, this.padding, this.mode).apply(g)];
  }
}

/**
 * The backward of a pad as an op of its own (for createGraph): the gradient summed into the
 * elements it was read from. It is linear; its own backward is the same pad with zeros.
 */
export class PadBackward extends Function {
  readonly name: string;
  constructor(
    /** The pad's node name; this node is named after it. */
    padName: string,
    /** The unpadded shape. */
    readonly shape: readonly number[],
    readonly padding: readonly number[],
    readonly mode: PadMode,
  ) {
    super();
    this.name = `${padName}Backward`;
  }
  forward(g: NDArray) { return T.padBackward(g, this.shape, this.padding, this.mode); }
  backward(gg: NDArray) { return [T.pad(gg, this.padding, this.mode, 0)]; }
  protected override backwardGraph([gg]: Tensor[]) { return [new Pad(this.padding, this.mode, 0).apply(gg)]; }
}
