/**
 * Optimizer: parameter groups with per-group options, per-parameter state, zeroGrad, step and a
 * state dict in PyTorch's layout ({ state: { index: {...} }, param_groups: [{ ..., params: [indices] }] }),
 * so that resuming from a state dict gives the same next step as never stopping.
 */
import { isResident, moveResident, noGrad, Tensor } from '@cresset/autograd';
import { live, ValueError } from '@cresset/tensor';

/**
 * Moves a parameter's state tensors (momentum buffers, moment estimates) into resident storage,
 * where the parameter is (torch.compile moves a model's parameters there): the update's kernels
 * then read and write them in place instead of copying them in and out.
 */
function residentState(s: OptimizerState): void {
  for (const v of Object.values(s)) if (v instanceof Tensor) moveResident(v);
}

/** A parameter group as given by the user: its parameters and option overrides. */
export type ParamGroupInput<O> = { params: Iterable<Tensor> } & Partial<O>;

/** A parameter group as held: its parameters and all options. */
export type ParamGroup<O> = O & { params: Tensor[] };

export type OptimizerState = Record<string, Tensor | number | null>;

export interface OptimizerStateDict {
  state: Record<number, Record<string, Tensor | number | null>>;
  param_groups: Record<string, unknown>[];
}

/** camelCase option names to PyTorch's snake_case state-dict keys and back. */
const toSnake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const toCamel = (k: string) => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

export abstract class Optimizer<O extends { lr: number }> {
  readonly defaults: O;
  paramGroups: ParamGroup<O>[] = [];
  /** Per-parameter state (momentum buffers, moment estimates, step counts). */
  state = new Map<Tensor, OptimizerState>();

  constructor(params: Iterable<Tensor> | ParamGroupInput<O>[], defaults: O) {
    this.defaults = defaults;
    const list = [...(params as Iterable<Tensor | ParamGroupInput<O>>)];
    if (list.length === 0) throw new ValueError(`${this.constructor.name}: optimizer got an empty parameter list`);
    const groups = (list[0] instanceof Tensor ? [{ params: list as Tensor[] }] : list) as ParamGroupInput<O>[];
    for (const g of groups) this.addParamGroup(g);
  }

  /** Adds a group; options it does not give come from the defaults. */
  addParamGroup(group: ParamGroupInput<O>): void {
    const params = [...group.params];
    const seen = new Set(this.paramGroups.flatMap((g) => g.params));
    for (const p of params) {
      if (!p.isLeaf) throw new ValueError("can't optimize a non-leaf Tensor");
      if (seen.has(p)) throw new ValueError('some parameters appear in more than one parameter group');
    }
    this.paramGroups.push({ ...this.defaults, ...group, params } as ParamGroup<O>);
  }

  /** Resets gradients: to null with setToNone, else to zero in place (PyTorch 1.13's default). */
  zeroGrad(opts: { setToNone?: boolean } = {}): void {
    // a compiled step runs it as it is on every replay (live)
    live(() => {
      for (const g of this.paramGroups) {
        for (const p of g.params) {
          if (!p.grad) continue;
          if (opts.setToNone) p.grad = null;
          else noGrad(() => p.grad!.detach_().zero_());
        }
      }
    });
  }

  /** One update of every parameter that has a gradient. The closure, if given, re-evaluates the loss. */
  step(closure?: () => Tensor): Tensor | undefined {
    const loss = closure ? closure() : undefined;
    // a compiled step runs the update as it is on every replay (live), reading the groups' options then
    live(() => noGrad(() => {
      for (const g of this.paramGroups) {
        for (const p of g.params) {
          if (!p.grad) continue;
          let s = this.state.get(p);
          if (!s) this.state.set(p, (s = {}));
          this.update(p, p.grad, s, g);
          if (isResident(p)) residentState(s);
        }
      }
    }));
    return loss;
  }

  /** Updates one parameter in place from its gradient, its state and its group's options. */
  protected abstract update(p: Tensor, grad: Tensor, state: OptimizerState, group: ParamGroup<O>): void;

  /** The state in PyTorch's layout: parameters numbered in group order, options by PyTorch's names. */
  stateDict(): OptimizerStateDict {
    const index = new Map<Tensor, number>();
    const param_groups = this.paramGroups.map((g) => {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(g)) if (k !== 'params') out[toSnake(k)] = Array.isArray(v) ? [...v] : v;
      out.params = g.params.map((p) => {
        if (!index.has(p)) index.set(p, index.size);
        return index.get(p)!;
      });
      return out;
    });
    const state: OptimizerStateDict['state'] = {};
    for (const [p, s] of this.state) {
      const i = index.get(p);
      if (i === undefined) continue;
      state[i] = Object.fromEntries(Object.entries(s).map(([k, v]) => [toSnake(k), v instanceof Tensor ? v.clone().detach() : v]));
    }
    return { state, param_groups };
  }

  /** Restores options and state from stateDict() (group and parameter counts must match). */
  loadStateDict(sd: OptimizerStateDict): void {
    if (sd.param_groups.length !== this.paramGroups.length) {
      throw new ValueError(`loaded state dict has a different number of parameter groups (${sd.param_groups.length} vs ${this.paramGroups.length})`);
    }
    const params: Tensor[] = [];
    sd.param_groups.forEach((sg, i) => {
      const g = this.paramGroups[i];
      const ids = sg.params as number[];
      if (ids.length !== g.params.length) {
        throw new ValueError(`loaded state dict contains a parameter group that doesn't match the size of optimizer's group (${ids.length} vs ${g.params.length})`);
      }
      for (const [k, v] of Object.entries(sg)) if (k !== 'params') (g as Record<string, unknown>)[toCamel(k)] = Array.isArray(v) ? [...v] : v;
      ids.forEach((id, j) => (params[id] = g.params[j]));
    });
    this.state = new Map();
    for (const [id, s] of Object.entries(sd.state)) {
      const p = params[Number(id)];
      if (!p) continue;
      this.state.set(p, Object.fromEntries(Object.entries(s).map(([k, v]) => [toCamel(k), v instanceof Tensor ? v.clone().detach().to(k === 'step' ? v.dtype : p.dtype) : v])));
    }
  }
}
