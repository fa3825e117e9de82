/** Adagrad (torch.optim.Adagrad, 1.13): per-coordinate steps scaled by the root of the summed squared gradients. */
import { fullLike, tensor, Tensor } from '@cresset/autograd';
import { ValueError } from '@cresset/tensor';
import { Optimizer, OptimizerState, ParamGroup, ParamGroupInput } from './optimizer';

export interface AdagradOptions {
  lr: number;
  lrDecay: number;
  weightDecay: number;
  initialAccumulatorValue: number;
  eps: number;
  maximize: boolean;
}

export class Adagrad extends Optimizer<AdagradOptions> {
  constructor(params: Iterable<Tensor> | ParamGroupInput<AdagradOptions>[], opts: Partial<AdagradOptions> = {}) {
    const o: AdagradOptions = { lr: 1e-2, lrDecay: 0, weightDecay: 0, initialAccumulatorValue: 0, eps: 1e-10, maximize: false, ...opts };
    if (o.lr < 0) throw new ValueError(`Invalid learning rate: ${o.lr}`);
    if (o.initialAccumulatorValue < 0) throw new ValueError(`Invalid initial_accumulator_value value: ${o.initialAccumulatorValue}`);
    super(params, o);
    // PyTorch creates the state when the optimizer is built
    for (const g of this.paramGroups) {
      for (const p of g.params) this.state.set(p, { step: tensor(0), sum: fullLike(p, g.initialAccumulatorValue) });
    }
  }
  protected update(p: Tensor, grad: Tensor, s: OptimizerState, g: ParamGroup<AdagradOptions>): void {
    let gr = g.maximize ? grad.neg() : grad;
    const stepT = s.step as Tensor;
    stepT.add_(1);
    const step = stepT.item() as number;
    if (g.weightDecay !== 0) gr = gr.add(p, { alpha: g.weightDecay });
    const clr = g.lr / (1 + (step - 1) * g.lrDecay);
    const sum = s.sum as Tensor;
    sum.add_(gr.mul(gr));
    p.add_(gr.div(sum.sqrt().add(g.eps)), { alpha: -clr });
  }
}
