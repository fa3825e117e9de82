/**
 * torch.autograd.grad and torch.autograd.backward: gradients of outputs with respect to given
 * inputs, returned rather than accumulated into .grad (grad), or accumulated into the leaves'
 * .grad from several roots at once (backward); createGraph makes the gradients differentiable.
 */
import { AutogradError } from '@cresset/tensor';
import { runBackward, runBackwardGraph } from './engine';
import { implicitGradient, Tensor } from './tensor';

export interface GradOptions {
  /** Keep the graph for another backward (default: createGraph). */
  retainGraph?: boolean;
  /** Record the backward, so the gradients can be differentiated again. */
  createGraph?: boolean;
  /** An input the outputs do not depend on gets null instead of an error. */
  allowUnused?: boolean;
}

const list = <X>(v: X | readonly X[]): X[] => (Array.isArray(v) ? [...(v as X[])] : [v as X]);

/** Each output's gradient: the one given, or ones for a one-element output. */
function rootGradients(outputs: Tensor[], gradOutputs: Tensor | readonly (Tensor | null)[] | null | undefined): Tensor[] {
  const given = gradOutputs === null || gradOutputs === undefined ? [] : list<Tensor | null>(gradOutputs);
  if (given.length && given.length !== outputs.length) throw new AutogradError(`grad_outputs should be a sequence of length ${outputs.length} (got ${given.length})`);
  return outputs.map((o, i) => given[i] ?? implicitGradient(o, 'grad'));
}

/**
 * torch.autograd.grad(outputs, inputs, gradOutputs, { retainGraph, createGraph, allowUnused }):
 * the gradient of the outputs (weighted by gradOutputs) with respect to each input; no .grad changes.
 */
export function grad(outputs: Tensor | readonly Tensor[], inputs: Tensor | readonly Tensor[], gradOutputs?: Tensor | readonly (Tensor | null)[] | null, opts: GradOptions = {}): (Tensor | null)[] {
  const outs = list(outputs);
  const ins = list(inputs);
  ins.forEach((x) => {
    if (!x.requiresGrad) throw new AutogradError('One of the differentiated Tensors does not require grad');
  });
  const roots = rootGradients(outs, gradOutputs);
  const targets = ins.map((x) => x.gradEdge());
  const createGraph = opts.createGraph ?? false;
  const retain = opts.retainGraph ?? createGraph;
  const result = createGraph
    ? runBackwardGraph(outs, roots, retain, targets)
    : runBackward(outs, roots.map((g) => g.array), retain, targets).map((g) => (g ? new Tensor(g) : null));
  result.forEach((g, i) => {
    if (!g && !opts.allowUnused) {
      throw new AutogradError(`One of the differentiated Tensors (input ${i}) appears to not have been used in the graph. Set allowUnused: true if this is the desired behavior.`);
    }
  });
  return result;
}

/** torch.autograd.backward(tensors, gradTensors, { retainGraph, createGraph }): backward from several roots at once. */
export function backward(tensors: Tensor | readonly Tensor[], gradTensors?: Tensor | readonly (Tensor | null)[] | null, opts: Omit<GradOptions, 'allowUnused'> = {}): void {
  const outs = list(tensors);
  const roots = rootGradients(outs, gradTensors);
  if (opts.createGraph) runBackwardGraph(outs, roots, opts.retainGraph ?? true);
  else runBackward(outs, roots.map((g) => g.array), opts.retainGraph ?? false);
}
