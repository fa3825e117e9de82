/** Max and average pooling of any spatial rank, with PyTorch's node names. */
import * as T from '@cresset/tensor';
import type { AvgPoolParams, NDArray, PoolParams } from '@cresset/tensor';
import { Function } from '../function';

/** The node's name: PyTorch computes 1-d pooling as 2-d between an unsqueeze and a squeeze. */
function nodeName(nd: number, kind: string, suffix = 'DBackward0'): string {
  return nd === 1 ? 'SqueezeBackward1' : `${kind}${nd}${suffix}`;
}

export class MaxPool extends Function {
  readonly name: string;
  private indices!: NDArray;
  private inShape: readonly number[] = [];
  constructor(
    /** Kernel, stride, padding, dilation and ceil_mode, one entry per spatial dim. */
    readonly params: PoolParams,
    /** The calling function's name, for error messages ('conv2d', 'max_pool2d', ...). */
    readonly op: string,
  ) {
    super();
    this.name = nodeName(params.kernel.length, 'MaxPool', 'DWithIndicesBackward0');
    this.nonDifferentiable |= 1 << 1;
  }
  forward(x: NDArray) {
    this.inShape = x.shape;
    const [values, indices] = T.maxPool(x, this.params, this.op);
    this.indices = indices;
    return [values, indices];
  }
  backward(g: NDArray | null) {
    return [g && T.maxPoolBackward(g, this.indices, this.inShape, this.params.kernel.length)];
  }
}

export class AvgPool extends Function {
  readonly name: string;
  private inShape: readonly number[] = [];
  constructor(
    /** Kernel, stride, padding, ceil_mode, count_include_pad and divisor_override. */
    readonly params: AvgPoolParams,
    /** The calling function's name, for error messages ('conv2d', 'max_pool2d', ...). */
    readonly op: string,
  ) {
    super();
    this.name = nodeName(params.kernel.length, 'AvgPool');
  }
  forward(x: NDArray) {
    this.inShape = x.shape;
    return T.avgPool(x, this.params, this.op);
  }
  backward(g: NDArray) {
    return [T.avgPoolBackward(g, this.inShape, this.params)];
  }
}

/** Adaptive average pooling to a fixed output size (AdaptiveAvgPool{N}DBackward0). */
export class AdaptiveAvgPool extends Function {
  readonly name: string;
  private inShape: readonly number[] = [];
  constructor(
    /** The output's spatial size (output_size), one entry per spatial dim. */
    readonly outSize: readonly number[],
  ) {
    super();
    this.name = nodeName(outSize.length, 'AdaptiveAvgPool');
  }
  forward(x: NDArray) {
    this.inShape = x.shape;
    return T.adaptiveAvgPool(x, this.outSize);
  }
  backward(g: NDArray) {
    return [T.adaptiveAvgPoolBackward(g, this.inShape, this.outSize.length)];
  }
}

/** Adaptive max pooling, returning values and indices (AdaptiveMaxPool{N}DBackward0). */
export class AdaptiveMaxPool extends Function {
  readonly name: string;
  private indices!: NDArray;
  private inShape: readonly number[] = [];
  constructor(
    /** The output's spatial size (output_size), one entry per spatial dim. */
    readonly outSize: readonly number[],
  ) {
    super();
    this.name = nodeName(outSize.length, 'AdaptiveMaxPool');
    this.nonDifferentiable |= 1 << 1;
  }
  forward(x: NDArray) {
    this.inShape = x.shape;
    const [values, indices] = T.adaptiveMaxPool(x, this.outSize);
    this.indices = indices;
    return [values, indices];
  }
  backward(g: NDArray | null) {
    return [g && T.maxPoolBackward(g, this.indices, this.inShape, this.outSize.length)];
  }
}

/** max_unpool to a given output size, with the indices of a max pooling (MaxUnpool{N}DBackward0). */
export class MaxUnpool extends Function {
  readonly name: string;
  constructor(
    /** The per-plane indices of the max pooling being inverted. */
    readonly indices: NDArray,
    /** The output's spatial size. */
    readonly outSize: readonly number[],
    /** The calling function's name, for error messages ('conv2d', 'max_pool2d', ...). */
    readonly op: string,
  ) {
    super();
    this.name = `MaxUnpool${outSize.length}DBackward0`;
  }
  forward(x: NDArray) {
    return T.maxUnpool(x, this.indices, this.outSize, this.op);
  }
  backward(g: NDArray) {
    return [T.maxUnpoolBackward(g, this.indices, this.outSize.length)];
  }
}

/** Fractional max pooling (FractionalMaxPool{2,3}DBackward0): values and int64 indices; the gradient goes to each window's maximum. */
export class FractionalMaxPool extends Function {
  readonly name: string;
  private indices!: NDArray;
  private inShape: readonly number[] = [];
  constructor(
    /** The window size per spatial dim. */
    readonly kernel: readonly number[],
    /** The output size per spatial dim. */
    readonly outSize: readonly number[],
    /** The random samples [N, C, nd] that place the windows. */
    readonly samples: NDArray,
  ) {
    super();
    this.name = `FractionalMaxPool${kernel.length}DBackward0`;
    this.nonDifferentiable |= 1 << 1;
  }
  forward(x: NDArray) {
    this.inShape = x.shape;
    const [values, indices] = T.fractionalMaxPool(x, this.kernel, this.outSize, this.samples);
    this.indices = indices;
    return [values, indices];
  }
  backward(g: NDArray | null) {
    return [g && T.maxPoolBackward(g, this.indices, this.inShape, this.kernel.length)];
  }
}
