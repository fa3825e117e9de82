/** The optimizers `cresset train --optimizer` knows, built with the command line's lr, momentum and weight decay. */
import * as optim from '@cresset/optim';
import type { Tensor } from '@cresset/autograd';
import { ValueError } from '@cresset/tensor';

export const OPTIMIZERS = ['sgd', 'adam', 'adamw', 'rmsprop', 'adagrad'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

export interface OptimizerChoice {
  name: string;
  lr: number;
  /** SGD and RMSprop only. */
  momentum: number;
  weightDecay: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function makeOptimizer(params: Tensor[], o: OptimizerChoice): optim.Optimizer<any> {
  const { lr, momentum, weightDecay } = o;
  switch (o.name.toLowerCase()) {
    case 'sgd': return new optim.SGD(params, { lr, momentum, weightDecay });
    case 'adam': return new optim.Adam(params, { lr, weightDecay });
    case 'adamw': return new optim.AdamW(params, { lr, weightDecay });
    case 'rmsprop': return new optim.RMSprop(params, { lr, momentum, weightDecay });
    case 'adagrad': return new optim.Adagrad(params, { lr, weightDecay });
  }
  throw new ValueError(`--optimizer ${o.name}: unknown optimizer; expected one of ${OPTIMIZERS.join(', ')}`);
}
