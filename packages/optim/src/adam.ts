/**
 * Adam and AdamW (torch.optim.Adam / AdamW, 1.13): bias-corrected first and second moment
 * estimates, optional AMSGrad; Adam adds weight decay to the gradient, AdamW decays the weights.
 */
import { tensor, Tensor, zerosLike } from '@cresset/autograd';
import { ValueError } from '@cresset/tensor';
import { Optimizer, OptimizerState, ParamGroup, ParamGroupInput } from './optimizer';

export interface AdamOptions {
  lr: number;
  betas: [number, number];
  eps: number;
  weightDecay: number;
  amsgrad: boolean;
  maximize: boolean;
}

function check(o: AdamOptions): void {
  if (o.lr < 0) throw new ValueError(`Invalid learning rate: ${o.lr}`);
  if (o.eps < 0) throw new ValueError(`Invalid epsilon value: ${o.eps}`);
  if (o.betas[0] < 0 || o.betas[0] >= 1) throw new ValueError(`Invalid beta parameter at index 0: ${o.betas[0]}`);
  if (o.betas[1] < 0 || o.betas[1] >= 1) throw new ValueError(`Invalid beta parameter at index 1: ${o.betas[1]}`);
  if (o.weightDecay < 0) throw new ValueError(`Invalid weight_decay value: ${o.weightDecay}`);
}

/** The shared Adam step; `decoupled` is AdamW's weight decay. */
function adamStep(p: Tensor, grad: Tensor, s: OptimizerState, g: AdamOptions, decoupled: boolean): void {
  let gr = g.maximize ? grad.neg() : grad;
  if (s.step === undefined) {
    s.step = tensor(0);
    s.expAvg = zerosLike(p);
    s.expAvgSq = zerosLike(p);
    if (g.amsgrad) s.maxExpAvgSq = zerosLike(p);
  }
  const stepT = s.step as Tensor;
  stepT.add_(1);
  const step = stepT.item() as number;
  if (g.weightDecay !== 0) {
    if (decoupled) p.mul_(1 - g.lr * g.weightDecay);
    else gr = gr.add(p, { alpha: g.weightDecay });
  }
  const [b1, b2] = g.betas;
  const m = s.expAvg as Tensor;
  const v = s.expAvgSq as Tensor;
  m.mul_(b1).add_(gr, { alpha: 1 - b1 });
  v.mul_(b2).add_(gr.mul(gr).mul(1 - b2));
  const bc1 = 1 - b1 ** step;
  const bc2Sqrt = Math.sqrt(1 - b2 ** step);
  let second = v;
  if (g.amsgrad) {
    const vmax = s.maxExpAvgSq as Tensor;
    vmax.copy_(vmax.maximum(v));
    second = vmax;
  }
  const denom = second.sqrt().div(bc2Sqrt).add(g.eps);
  p.add_(m.div(denom), { alpha: -g.lr / bc1 });
}

type AdamCtor = [Iterable<Tensor> | ParamGroupInput<AdamOptions>[], Partial<AdamOptions>?];

export class Adam extends Optimizer<AdamOptions> {
  constructor(...[params, opts = {}]: AdamCtor) {
    const o: AdamOptions = { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false, maximize: false, ...opts };
    check(o);
    super(params, o);
  }
  protected update(p: Tensor, grad: Tensor, s: OptimizerState, g: ParamGroup<AdamOptions>): void {
    adamStep(p, grad, s, g, false);
  }
}

export class AdamW extends Optimizer<AdamOptions> {
  constructor(...[params, opts = {}]: AdamCtor) {
    const o: AdamOptions = { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 1e-2, amsgrad: false, maximize: false, ...opts };
    check(o);
    super(params, o);
  }
  protected update(p: Tensor, grad: Tensor, s: OptimizerState, g: ParamGroup<AdamOptions>): void {
    adamStep(p, grad, s, g, true);
  }
}
