/**
 * Convolution of any spatial rank (ConvolutionBackward0), forward and its three gradients, and
 * its transpose, whose forward is convolution's input gradient and whose backward is convolution.
 */
import * as T from '@cresset/tensor';
import type { ConvParams, NDArray } from '@cresset/tensor';
import { Function } from '../function';

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
}
