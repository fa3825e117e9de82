/**
 * batch_norm as one op (PyTorch's native_batch_norm, node NativeBatchNormBackward0): input
 * [N, C, *] normalised per channel by the batch's mean and biased variance (training) or by the
 * running statistics given as inputs (eval), then scaled by weight and shifted by bias. The batch
 * mean and variance are extra outputs without gradient, for the caller's running-stat update.
 */
import * as T from '@cresset/tensor';
import type { NDArray } from '@cresset/tensor';
import { Function } from '../function';
import { add, div, mul, sub } from './util';

export interface BatchNormInputs {
  /** Batch statistics (true) or the running ones, given as inputs 1 and 2 (false). */
  training: boolean;
  eps: number;
  /** The running-stat update factor the caller applies (read by the ONNX exporter). */
  momentum: number;
  hasWeight: boolean;
  hasBias: boolean;
}

export class BatchNorm extends Function {
  readonly name = 'NativeBatchNormBackward0';
  /** The dims reduced over: all but the channel dim 1. */
  private dims: number[] = [];
  private channelShape: number[] = [];
  constructor(readonly settings: BatchNormInputs) {
    super();
    this.nonDifferentiable = 0b110;
  }

  /** Inputs: x, then (eval) running mean and variance, then weight and bias where present. */
  forward(x: NDArray, ...rest: NDArray[]) {
    const { training, eps, hasWeight, hasBias } = this.settings;
    this.dims = x.shape.map((_, i) => i).filter((i) => i !== 1);
    this.channelShape = x.shape.map((s, i) => (i === 1 ? s : 1));
    const stats = training ? [] : rest.splice(0, 2);
    const weight = hasWeight ? rest.shift()!.reshape(this.channelShape) : null;
    const bias = hasBias ? rest.shift()!.reshape(this.channelShape) : null;
    const mean = training ? T.reduce('mean', x, this.dims, true) : stats[0].reshape(this.channelShape);
    const variance = training ? T.reduce('var', x, this.dims, true, 0) : stats[1].reshape(this.channelShape);
    const std = T.unary('sqrt', add(variance, eps));
    // one pass when the dtypes agree, else the composed ops with their type promotion
    const fused = T.channelNorm(x, mean, std, weight, bias, this.gradWanted);
    const xhat = fused ? fused[1] : div(sub(x, mean), std);
    let y = fused ? fused[0] : weight ? mul(xhat!, weight) : xhat!;
    if (bias && !fused) y = add(y, bias);
    if (xhat) this.save(x, xhat, std, ...(weight ? [weight] : []));
    return training ? [y, mean, variance] : [y, mean.clone(), variance.clone()];
  }

  backward(g: NDArray | null) {
    const { training, hasWeight, hasBias } = this.settings;
    const [x, xhat, std, weight] = this.saved;
    const C = x.shape[1];
    const gy = g ?? T.zeros(x.shape, x.dtype);
    // the inputs' positions: x, then (eval) the running statistics, then weight and bias
    const wAt = training ? 1 : 3;
    const bAt = wAt + (hasWeight ? 1 : 0);
    const want = [Boolean(this.next[0]), hasWeight && Boolean(this.next[wAt]), hasBias && Boolean(this.next[bAt])] as const;
    // one kernel call when the dtypes agree, else the composed ops
    const [gx, gw, gb] = T.channelNormBackward(gy, xhat, weight ?? null, std, training, want) ?? this.composedBackward(gy, xhat, std, weight, want);
    const grads: (NDArray | null)[] = [gx];
    if (!training) grads.push(null, null);
    if (hasWeight) grads.push(gw && gw.reshape([C]));
    if (hasBias) grads.push(gb && gb.reshape([C]));
    return grads;
  }

  /** The gradients [x, weight, bias] that `want` asks for, from tensor ops (PyTorch's formula with invstd = 1 / std). */
  private composedBackward(gy: NDArray, xhat: NDArray, std: NDArray, weight: NDArray | undefined, want: readonly [boolean, boolean, boolean]): (NDArray | null)[] {
    const sumOver = (a: NDArray) => T.reduce('sum', a, this.dims, true);
    const gxhat = weight ? mul(gy, weight) : gy;
    let gx: NDArray | null = null;
    if (want[0]) {
      // training: the batch statistics depend on x too
      gx = this.settings.training
        ? div(sub(sub(gxhat, T.reduce('mean', gxhat, this.dims, true)), mul(xhat, T.reduce('mean', mul(gxhat, xhat), this.dims, true))), std)
        : div(gxhat, std);
    }
    return [gx, want[1] ? sumOver(mul(gy, xhat)) : null, want[2] ? sumOver(gy) : null];
  }
}
