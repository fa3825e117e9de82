/**
 * Cross-channel local response normalisation as torch.nn.CrossMapLRN2d computes it
 * (CrossMapLRN2dBackward, PyTorch's torch/nn/_functions.py): scale = k + alpha / size * (a running
 * sum of squares over neighbouring channels, updated channel by channel: the first holds channels
 * [0, prePad), each next one adds channel c + prePad - 1 while c < C - prePad + 1 and drops channel
 * c - prePad once c > prePad), out = x * scale^-beta. The backward is PyTorch's hand-written one
 * (not derived from that window), reproduced step for step. In double precision, on [N, C, H, W].
 */
import * as T from '@cresset/tensor';
import { NDArray, ShapeError } from '@cresset/tensor';
import { Function } from '../function';

export class CrossMapLrn extends Function {
  readonly name = 'CrossMapLRN2dBackward';
  private x!: Float64Array;
  private out!: Float64Array;
  private scale!: Float64Array;
  private shape: readonly number[] = [];
  constructor(
    readonly size: number,
    readonly alpha: number,
    readonly beta: number,
    readonly k: number,
  ) { super(); }

  forward(input: NDArray) {
    if (input.ndim !== 4) throw new ShapeError(`CrossMapLRN2d: Expected input to be 4D, got ${input.ndim}D instead (shape [${input.shape.join(', ')}])`);
    const [n, channels, h, w] = input.shape;
    const plane = h * w;
    this.shape = input.shape;
    const x = T.cast(input, 'float64').contiguous().values() as Float64Array;
    const scale = new Float64Array(x.length);
    const prePad = Math.trunc((this.size - 1) / 2 + 1);
    const prePadCrop = Math.min(prePad, channels);
    const sq = (b: number, c: number, i: number) => x[(b * channels + c) * plane + i] ** 2;
    for (let b = 0; b < n; b++) {
      const at = (c: number) => (b * channels + c) * plane;
      for (let i = 0; i < plane; i++) {
        let s = 0;
        for (let c = 0; c < prePadCrop; c++) s += sq(b, c, i);
        scale[at(0) + i] = s;
        for (let c = 1; c < channels; c++) {
          if (c < channels - prePad + 1) s += sq(b, c + prePad - 1, i);
          if (c > prePad) s -= sq(b, c - prePad, i);
          scale[at(c) + i] = s;
        }
      }
    }
    const out = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) {
      scale[i] = scale[i] * (this.alpha / this.size) + this.k;
      out[i] = scale[i] ** -this.beta * x[i];
    }
    this.x = x;
    this.out = out;
    this.scale = scale;
    return T.cast(T.tensor(out, { dtype: 'float64', shape: input.shape }), input.dtype);
  }

  backward(grad: NDArray) {
    const [n, channels, h, w] = this.shape;
    const plane = h * w;
    const size = this.size;
    const g = T.cast(grad, 'float64').contiguous().values() as Float64Array;
    const inversePrePad = Math.trunc(size - (size - 1) / 2);
    if (inversePrePad + channels > channels + size - 1) throw new ShapeError(`start (${inversePrePad}) + length (${channels}) exceeds dimension size (${channels + size - 1}).`);
    const cache = (2 * this.alpha * this.beta) / size;
    const gi = new Float64Array(g.length);
    for (let i = 0; i < g.length; i++) gi[i] = this.scale[i] ** -this.beta * g[i];
    const padded = new Float64Array((channels + size - 1) * plane);
    const accum = new Float64Array(plane);
    for (let b = 0; b < n; b++) {
      const at = (c: number) => (b * channels + c) * plane;
      for (let c = 0; c < channels; c++) {
        for (let i = 0; i < plane; i++) padded[(inversePrePad + c) * plane + i] = (g[at(c) + i] * this.out[at(c) + i]) / this.scale[at(c) + i];
      }
      accum.fill(0);
      for (let j = 0; j < size - 1; j++) for (let i = 0; i < plane; i++) accum[i] += padded[j * plane + i];
      for (let c = 0; c < channels; c++) {
        for (let i = 0; i < plane; i++) {
          accum[i] += padded[(c + size - 1) * plane + i];
          gi[at(c) + i] += -cache * this.x[at(c) + i] * accum[i];
          accum[i] -= padded[c * plane + i];
        }
      }
    }
    return [T.cast(T.tensor(gi, { dtype: 'float64', shape: this.shape }), grad.dtype)];
  }
}
