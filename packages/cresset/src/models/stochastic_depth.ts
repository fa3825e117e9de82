/** torchvision.ops.StochasticDepth: drops whole residual branches at random in training (Huang et al., 2016). */
import { empty, Tensor } from '@cresset/autograd';
import { ValueError } from '@cresset/tensor';
import * as nn from '@cresset/nn';

/** How StochasticDepth drops: a whole batch at once, or each sample (row) on its own. */
export type StochasticDepthMode = 'batch' | 'row';

/**
 * x times Bernoulli(1 - p) noise divided by 1 - p, the noise [N, 1, ...] in 'row' mode and [1, ...]
 * in 'batch' mode; x itself when not training or p is 0 (torchvision.ops.stochastic_depth).
 */
export function stochasticDepth(x: Tensor, p: number, mode: StochasticDepthMode, training = true): Tensor {
  if (!(p >= 0 && p <= 1)) throw new ValueError(`stochastic_depth: drop probability has to be between 0 and 1, but got ${p}`);
  if (mode !== 'batch' && mode !== 'row') throw new ValueError(`stochastic_depth: mode has to be either 'batch' or 'row', but got ${String(mode)}`);
  if (!training || p === 0) return x;
  const survival = 1 - p;
  const size = mode === 'row' ? [x.shape[0], ...Array(x.ndim - 1).fill(1)] : Array(x.ndim).fill(1);
  let noise = empty(size, { dtype: x.dtype }).bernoulli_(survival);
  if (survival > 0) noise = noise.div(survival);
  return x.mul(noise);
}

/** The layer form of stochasticDepth. */
export class StochasticDepth extends nn.Module {
  /**
   * @param p Probability of dropping the input (of zeroing a row, in 'row' mode).
   * @param mode Whether the whole batch or each sample is dropped.
   */
  constructor(readonly p: number, readonly mode: StochasticDepthMode) {
    super();
  }

  forward(x: Tensor): Tensor {
    return stochasticDepth(x, this.p, this.mode, this.training);
  }

  /** torchvision's repr: StochasticDepth(p=0.0125, mode=row). */
  override toString(): string {
    return `StochasticDepth(p=${nn.pyFloat(this.p)}, mode=${this.mode})`;
  }
}
