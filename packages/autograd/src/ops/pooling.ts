/**
 * Max and average pooling of any spatial rank, with PyTorch's node names. For createGraph, the
 * max poolings' backward is a scatter-add by their indices (a gather's adjoint) in tensor ops, and
 * the average poolings' backward an op of its own whose backward is the pooling again.
 */
import * as T from '@cresset/tensor';
import type { AvgPoolParams, NDArray, PoolParams } from '@cresset/tensor';
import { Function, tensorOf } from '../function';
import type { Tensor } from '../tensor';

/** The gradient of a pooling by indices (flat per plane) in tensor ops: g scatter-added into zeros of the input's shape. */
function indexPoolBackwardGraph(g: Tensor, indices: NDArray, inShape: readonly number[], nd: number): Tensor {
  const inPlane = T.numel(inShape.slice(inShape.length - nd));
  const planes = T.numel(inShape) / Math.max(inPlane, 1);
  const outPlane = T.numel(indices.shape.slice(indices.ndim - nd));
  const idx = tensorOf(indices.reshape([planes, outPlane]));
  return tensorOf(T.zeros([planes, inPlane], g.dtype)).scatterAdd(1, idx, g.reshape(planes, outPlane)).reshape([...inShape]);
}

/** A linear pooling's backward as an op (for createGraph): `backwardOf` maps g to the input's gradient, `forwardOf` is its adjoint, the pooling. */
class LinearPoolBackward extends Function {
  constructor(
    readonly name: string,
    private readonly backwardOf: (g: NDArray) => NDArray,
    private readonly pooling: () => Function,
  ) { super(); }
  forward(g: NDArray) { return this.backwardOf(g); }
  backward(gg: NDArray) { return [this.pooling().forward(gg) as NDArray]; }
  protected override backwardGraph([gg]: Tensor[]) { return [this.pooling().apply(gg)]; }
}

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
  protected override backwardGraph([g]: (Tensor | null)[]) {
    return [g && indexPoolBackwardGraph(g, this.indices, this.inShape, this.params.kernel.length)];
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
  protected override backwardGraph([g]: Tensor[]) {
    const inShape = this.inShape;
    return [new LinearPoolBackward(`${this.name}Backward`, (x) => T.avgPoolBackward(x, inShape, this.params), () => new AvgPool(this.params, this.op)).apply(g)];
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
  protected override backwardGraph([g]: Tensor[]) {
    const inShape = this.inShape;
    return [new LinearPoolBackward(`${this.name}Backward`, (x) => T.adaptiveAvgPoolBackward(x, inShape, this.outSize.length), () => new AdaptiveAvgPool(this.outSize)).apply(g)];
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
  protected override backwardGraph([g]: (Tensor | null)[]) {
    return [g && indexPoolBackwardGraph(g, this.indices, this.inShape, this.outSize.length)];
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
  protected override backwardGraph([g]: (Tensor | null)[]) {
    return [g && indexPoolBackwardGraph(g, this.indices, this.inShape, this.kernel.length)];
  }
}
