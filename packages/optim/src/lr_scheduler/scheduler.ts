/**
 * LRScheduler: the base of the epoch-wise schedulers (torch.optim.lr_scheduler._LRScheduler,
 * 1.13). Constructing one records each group's initial_lr and takes the first step (epoch 0);
 * each step() moves last_epoch on and writes getLr() into the groups, in PyTorch's chainable form.
 */
import type { Optimizer } from '../optimizer';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyOptimizer = Optimizer<any>;

export abstract class LRScheduler {
  lastEpoch: number;
  baseLrs: number[];
  protected stepCount = 0;
  private lastLr: number[] = [];

  constructor(readonly optimizer: AnyOptimizer, lastEpoch = -1) {
    for (const g of optimizer.paramGroups) {
      // PyTorch's group.setdefault('initial_lr', group['lr']): OneCycleLR sets its own first
      if (lastEpoch === -1) g.initialLr ??= g.lr;
      else if (g.initialLr === undefined) throw new Error(`param 'initial_lr' is not specified in param_groups when resuming an optimizer`);
    }
    this.baseLrs = optimizer.paramGroups.map((g) => g.initialLr as number);
    this.lastEpoch = lastEpoch;
  }

  /** Takes the initial step; subclasses call it at the end of their constructor (PyTorch's _initial_step). */
  protected initialStep(): void {
    this.stepCount = 0;
    this.step();
  }

  /** The learning rates for lastEpoch, from the groups' current ones. */
  protected abstract getLr(): number[];

  step(): void {
    this.stepCount++;
    this.lastEpoch++;
    const lrs = this.getLr();
    this.optimizer.paramGroups.forEach((g, i) => (g.lr = lrs[i]));
    this.lastLr = lrs;
  }

  /** The learning rates the last step set (get_last_lr()). */
  getLastLr(): number[] {
    return [...this.lastLr];
  }

  protected get groupLrs(): number[] {
    return this.optimizer.paramGroups.map((g) => g.lr);
  }

  stateDict(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(this)) if (k !== 'optimizer') out[k] = Array.isArray(v) ? [...v] : v;
    return out;
  }

  loadStateDict(sd: Record<string, unknown>): void {
    Object.assign(this, sd);
  }
}
