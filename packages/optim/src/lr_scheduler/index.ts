/** torch.optim.lr_scheduler. */
export { LRScheduler } from './scheduler';
export * from './schedulers';
