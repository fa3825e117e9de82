/** RMSprop (torch.optim.RMSprop, 1.13): a running mean of squared gradients, optional centering and momentum. */
import { Tensor, zerosLike } from '@cresset/autograd';
import { ValueError } from '@cresset/tensor';
import { Optimizer, OptimizerState, ParamGroup, ParamGroupInput } from './optimizer';

export interface RMSpropOptions {
  lr: number;
  alpha: number;
  eps: number;
  weightDecay: number;
  momentum: number;
  centered: boolean;
  maximize: boolean;
}

export class RMSprop extends Optimizer<RMSpropOptions> {
  constructor(params: Iterable<Tensor> | ParamGroupInput<RMSpropOptions>[], opts: Partial<RMSpropOptions> = {}) {
    const o: RMSpropOptions = { lr: 1e-2, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false, maximize: false, ...opts };
    if (o.lr < 0) throw new ValueError(`Invalid learning rate: ${o.lr}`);
    if (o.alpha < 0) throw new ValueError(`Invalid alpha value: ${o.alpha}`);
    super(params, o);
  }
  protected update(p: Tensor, grad: Tensor, s: OptimizerState, g: ParamGroup<RMSpropOptions>): void {
    let gr = g.maximize ? grad.neg() : grad;
    if (s.step === undefined) {
      s.step = 0;
      s.squareAvg = zerosLike(p);
      if (g.momentum > 0) s.momentumBuffer = zerosLike(p);
      if (g.centered) s.gradAvg = zerosLike(p);
    }
    s.step = (s.step as number) + 1;
    if (g.weightDecay !== 0) gr = gr.add(p, { alpha: g.weightDecay });
    const sq = s.squareAvg as Tensor;
    sq.mul_(g.alpha).add_(gr.mul(gr).mul(1 - g.alpha));
    let avg: Tensor;
    if (g.centered) {
      const ga = s.gradAvg as Tensor;
      ga.mul_(g.alpha).add_(gr, { alpha: 1 - g.alpha });
      avg = sq.sub(ga.mul(ga)).sqrt().add(g.eps);
    } else avg = sq.sqrt().add(g.eps);
    if (g.momentum > 0) {
      const buf = s.momentumBuffer as Tensor;
      buf.mul_(g.momentum).add_(gr.div(avg));
      p.add_(buf, { alpha: -g.lr });
    } else p.add_(gr.div(avg), { alpha: -g.lr });
  }
}
