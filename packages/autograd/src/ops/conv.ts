/**
 * Convolution of any spatial rank (ConvolutionBackward0), forward and its three gradients, and
 * its transpose, whose forward is convolution's input gradient and whose backward is convolution.
 * For createGraph, the weight gradient is an op of its own (ConvWeightGrad, bilinear in the
 * output gradient and the input), so both can be differentiated again.
 */
import * as T from '@cresset/tensor';
import type { ConvParams, NDArray } from '@cresset/tensor';
import { Function } from '../function';
import type { Tensor } from '../tensor';

/** The bias gradient, g summed over every dim but the channels, in tensor ops. */
const biasGradGraph = (g: Tensor) => g.sum([0, ...g.shape.slice(2).map((_, i) => i + 2)]);

export class Convolution extends Function {
  readonly name = 'ConvolutionBackward0';
  private hasBias = false;
  constructor(
    /** Stride, padding, dilation and groups, as F.convNd takes them (padding already resolved). */
    readonly params: ConvParams,
    /** The calling function's name, for error messages ('conv2d', 'max_pool2d', ...). */
    readonly op: string,
  ) { super(); }
  forward(x: NDArray, w: NDArray, b?: NDArray) {
    this.hasBias = b !== undefined;
    this.save(x, w);
    return T.convForward(x, w, b ?? null, this.params, this.op);
  }
  backward(g: NDArray) {
    const [x, w] = this.saved;
    return [
      this.next[0] ? T.convBackwardInput(g, x.shape, w, this.params, this.op) : null,
      this.next[1] ? T.convBackwardWeight(g, x, w.shape, this.params, this.op) : null,
      this.hasBias && this.next[2] ? T.convBackwardBias(g) : null,
    ];
  }
  protected override backwardGraph([g]: Tensor[], [x, w]: Tensor[]) {
    const p = this.params;
    const k = w.shape.slice(2);
    // the transposed convolution of g whose output has exactly x's spatial size
    const outputPadding = x.shape.slice(2).map((L, i) => L - T.transposedOutSize(g.shape[i + 2], k[i], p.stride[i], p.padding[i], p.dilation[i]));
    return [
      new ConvTranspose(p, outputPadding, this.op).apply(g, w),
      new ConvWeightGrad(p, w.shape, this.op).apply(g, x),
      this.hasBias ? biasGradGraph(g) : null,
    ];
  }
}

/**
 * A convolution's weight gradient from the output gradient g and the input x (as
 * convBackwardWeight), as a differentiable op: it is bilinear, its gradient with respect to g
 * the convolution of x by the incoming gradient, with respect to x the transposed convolution of g by it.
 */
export class ConvWeightGrad extends Function {
  readonly name = 'ConvolutionBackwardBackward0';
  constructor(
    readonly params: ConvParams,
    /** The weight's shape. */
    readonly weightShape: readonly number[],
    readonly op: string,
  ) { super(); }
  forward(g: NDArray, x: NDArray) {
    this.save(g, x);
    return T.convBackwardWeight(g, x, this.weightShape, this.params, this.op);
  }
  backward(gw: NDArray) {
    const [g, x] = this.saved;
    return [T.convForward(x, gw, null, this.params, this.op), T.convBackwardInput(g, x.shape, gw, this.params, this.op)];
  }
  protected override backwardGraph([gw]: Tensor[], [g, x]: Tensor[]) {
    const p = this.params;
    const k = this.weightShape.slice(2);
    const outputPadding = x.shape.slice(2).map((L, i) => L - T.transposedOutSize(g.shape[i + 2], k[i], p.stride[i], p.padding[i], p.dilation[i]));
    return [new Convolution(p, this.op).apply(x, gw), new ConvTranspose(p, outputPadding, this.op).apply(g, gw)];
  }
}

/** Transposed convolution; weight [C_in, C_out / groups, ...kernel] as torch.nn.functional.conv_transposeNd. */
export class ConvTranspose extends Function {
  readonly name = 'ConvolutionBackward0';
  private hasBias = false;
  constructor(
    /** Stride, padding, dilation and groups, as F.conv_transposeNd takes them. */
    readonly params: ConvParams,
    /** Extra size added to one side of each spatial output dim (output_padding). */
    readonly outputPadding: readonly number[],
    /** The calling function's name, for error messages ('conv2d', 'max_pool2d', ...). */
    readonly op: string,
  ) { super(); }
  forward(x: NDArray, w: NDArray, b?: NDArray) {
    this.hasBias = b !== undefined;
    this.save(x, w);
    const p = this.params;
    const k = w.shape.slice(2);
    const outSize = x.shape.slice(2).map((L, i) => T.transposedOutSize(L, k[i], p.stride[i], p.padding[i], p.dilation[i], this.outputPadding[i]));
    if (x.ndim !== w.ndim || x.shape[1] !== w.shape[0]) {
      throw new T.ShapeError(`${this.op}: Given transposed=1, weight of size [${w.shape.join(', ')}], expected input [${x.shape.join(', ')}] to have ${w.shape[0]} channels, but got ${x.shape[1]} channels instead`);
    }
    if (outSize.some((o) => o <= 0)) {
      throw new T.ShapeError(
        `${this.op}: Given input size per channel: (${x.shape.slice(2).join(' x ')}). Calculated output size per channel: (${outSize.join(' x ')}). ` +
          `Output size is too small: each output size is (size - 1)*stride - 2*padding + dilation*(kernel_size-1) + output_padding + 1 ` +
          `with kernel_size=${k.join('x')}, stride=${p.stride.join('x')}, padding=${p.padding.join('x')}, dilation=${p.dilation.join('x')}, ` +
          `output_padding=${this.outputPadding.join('x')}; use less padding or a larger input, kernel_size or stride`,
      );
    }
    const y = T.convBackwardInput(x, [x.shape[0], w.shape[1] * p.groups, ...outSize], w, p, this.op);
    if (b) T.addChannelBias(y, b);
    return y;
  }
  backward(g: NDArray) {
    const [x, w] = this.saved;
    return [
      this.next[0] ? T.convForward(g, w, null, this.params, this.op) : null,
      this.next[1] ? T.convBackwardWeight(x, g, w.shape, this.params, this.op) : null,
      this.hasBias && this.next[2] ? T.convBackwardBias(g) : null,
    ];
  }
  protected override backwardGraph([g]: Tensor[], [x, w]: Tensor[]) {
    return [
      new Convolution(this.params, this.op).apply(g, w),
      new ConvWeightGrad(this.params, w.shape, this.op).apply(x, g),
      this.hasBias ? biasGradGraph(g) : null,
    ];
  }
}
