/** @cresset/optim: torch.optim and torch.optim.lr_scheduler. */
export { Optimizer } from './optimizer';
export type { OptimizerStateDict, ParamGroup, ParamGroupInput } from './optimizer';
export { SGD } from './sgd';
export type { SGDOptions } from './sgd';
export { Adam, AdamW } from './adam';
export type { AdamOptions } from './adam';
export { RMSprop } from './rmsprop';
export { Adagrad } from './adagrad';
export * as lrScheduler from './lr_scheduler';
