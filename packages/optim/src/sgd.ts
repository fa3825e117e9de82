/** SGD with momentum, dampening, Nesterov momentum, weight decay and maximize (torch.optim.SGD, 1.13). */
import type { Tensor } from '@cresset/autograd';
import * as T from '@cresset/tensor';
import { ValueError } from '@cresset/tensor';
import { Optimizer, OptimizerState, ParamGroup, ParamGroupInput } from './optimizer';

/** SGD's options (PyTorch's, camel-cased): the same fields as the update kernel takes. */
export type SGDOptions = T.SgdStep;

export class SGD extends Optimizer<SGDOptions> {
  constructor(params: Iterable<Tensor> | ParamGroupInput<SGDOptions>[], opts: Partial<SGDOptions> & { lr: number }) {
    const o: SGDOptions = { momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, maximize: false, ...opts };
    if (o.lr < 0) throw new ValueError(`Invalid learning rate: ${o.lr}`);
    if (o.momentum < 0) throw new ValueError(`Invalid momentum value: ${o.momentum}`);
    if (o.weightDecay < 0) throw new ValueError(`Invalid weight_decay value: ${o.weightDecay}`);
    if (o.nesterov && (o.momentum <= 0 || o.dampening !== 0)) throw new ValueError('Nesterov momentum requires a momentum and zero dampening');
    super(params, o);
  }

  protected update(p: Tensor, grad: Tensor, state: OptimizerState, g: ParamGroup<SGDOptions>): void {
    const buf0 = state.momentumBuffer as Tensor | undefined;
    // once the buffer exists (or without momentum): the steps below as one kernel pass, the same values
    if ((g.momentum === 0 || buf0) && T.sgdUpdate(p.array, grad.array, buf0?.array ?? null, g)) return;
    let d = g.maximize ? grad.neg() : grad;
    if (g.weightDecay !== 0) d = d.add(p, { alpha: g.weightDecay });
    if (g.momentum !== 0) {
      let buf = state.momentumBuffer as Tensor | undefined;
      if (!buf) state.momentumBuffer = buf = d.clone().detach();
      else buf.mul_(g.momentum).add_(d, { alpha: 1 - g.dampening });
      d = g.nesterov ? d.add(buf, { alpha: g.momentum }) : buf;
    }
    p.add_(d, { alpha: -g.lr });
  }
}
