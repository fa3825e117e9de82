/** Convolution of any spatial rank (ConvolutionBackward0): forward and its three gradients. */
import * as T from '@cresset/tensor';
import type { ConvParams, NDArray } from '@cresset/tensor';
import { Function } from '../function';

export class Convolution extends Function {
  readonly name = 'ConvolutionBackward0';
  private hasBias = false;
  constructor(private params: ConvParams, private op: string) { super(); }
  forward(x: NDArray, w: NDArray, b?: NDArray) {
    this.hasBias = b !== undefined;
    this.save(x, w);
    return T.convForward(x, w, b ?? null, this.params, this.op);
  }
  backward(g: NDArray) {
    const [x, w] = this.saved;
    const needs = [this.next[0] !== null, this.next[1] !== null, this.hasBias && this.next[2] !== null] as const;
    const [gx, gw, gb] = T.convBackward(g, x, w, this.params, needs);
    return this.hasBias ? [gx, gw, gb] : [gx, gw];
  }
}
