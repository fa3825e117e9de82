/**
 * Function: one differentiable operation, its forward and its backward side by side (a node of
 * the graph, as torch.autograd.Function / PyTorch's generated *Backward nodes). `apply` runs
 * forward on the inputs' arrays and, when any input requires grad, links the result into the graph.
 */
import { AutogradError, cast, DType, isFloating, NDArray, scalarTypeName, sumToShape } from '@cresset/tensor';
import { isGradEnabled } from './grad_mode';
import type { Tensor } from './tensor';

/** Where a gradient flows: a node and which of its outputs (inputs of the next backward) it is. */
export interface Edge {
  node: Node;
  outputNr: number;
}

/** A node of the backward graph: a Function, or the AccumulateGrad of a leaf. */
export abstract class Node {
  abstract readonly name: string;
  next: (Edge | null)[] = [];
  /** Non-leaf outputs that called retainGrad(), by output index. */
  retained: (Tensor | undefined)[] = [];
  abstract runBackward(grads: (NDArray | null)[]): (NDArray | null)[];
  /** The backward as differentiable tensor ops, for a backward that builds a graph of its own (createGraph). */
  abstract runBackwardGraph(grads: (Tensor | null)[]): (Tensor | null)[];
  /** PyTorch's node.name(). */
  toString(): string {
    return this.name;
  }
}

interface Saved {
  array: NDArray;
  version: number;
  /** What the saved array is, for the in-place error: ", which is output 0 of ExpBackward0," or "". */
  describe: () => string;
}

// set by tensor.ts (avoids a load-time import cycle)
let makeTensor: (a: NDArray) => Tensor;
export function registerTensorFactory(f: (a: NDArray) => Tensor): void {
  makeTensor = f;
}

/** A tensor (without history) over an array, for backward formulas written in tensor ops. */
export function tensorOf(a: NDArray): Tensor {
  return makeTensor(a);
}

/** g summed over the dims broadcasting stretched, back to `shape` (sum_to_size, in tensor ops). */
export function sumToSize(g: Tensor, shape: readonly number[]): Tensor {
  if (g.ndim === shape.length && g.shape.every((s, i) => s === shape[i])) return g;
  const lead = g.ndim - shape.length;
  const dims: number[] = [];
  for (let i = 0; i < g.ndim; i++) if (i < lead || (shape[i - lead] === 1 && g.shape[i] !== 1)) dims.push(i);
  return (dims.length ? g.sum(dims, true) : g).reshape([...shape]);
}

export type Input = Tensor | number;

/**
 * Told of every op that runs through Function.apply, after its forward: the node (its name and
 * settings), its inputs and its outputs. Tracing (ONNX export) and profilers install one.
 */
export type OpObserver = (fn: Function, inputs: readonly Input[], outputs: readonly Tensor[]) => void;
let opObserver: OpObserver | null = null;

/** Installs the op observer (null removes it) and returns the one it replaces. */
export function setOpObserver(observer: OpObserver | null): OpObserver | null {
  const previous = opObserver;
  opObserver = observer;
  return previous;
}

/**
 * Told, while installed, of every in-place op run without autograd: the op then runs out of place
 * (through Function.apply, so an OpObserver sees it), its result is written into `target`, and the
 * observer is given both (for an op on a view, first the base and its new value, computed by a
 * CopySlices op). Tracing (ONNX export) installs one to follow a value through relu_, add_, ...
 */
export type InPlaceObserver = (target: Tensor, result: Tensor) => void;
let inPlaceObserver: InPlaceObserver | null = null;

/** Installs the in-place observer (null removes it) and returns the one it replaces. */
export function setInPlaceObserver(observer: InPlaceObserver | null): InPlaceObserver | null {
  const previous = inPlaceObserver;
  inPlaceObserver = observer;
  return previous;
}

/** The installed in-place observer, if any. */
export function currentInPlaceObserver(): InPlaceObserver | null {
  return inPlaceObserver;
}

export abstract class Function extends Node {
  private savedArrays: Saved[] | null = [];
  private released = false;
  /** Which outputs carry no gradient (indices of max/min, ...): a bit per output index. */
  protected nonDifferentiable = 0;
  /** Shape and dtype of each tensor input, to fit gradients to them. */
  private inputMeta: ({ shape: readonly number[]; dtype: DType } | null)[] = [];
  /**
   * The inputs and outputs as tensors, for backwardGraph: numbers, and the tensors whose arrays
   * the op saved (null for the others, which the op's backward does not read; so they cost no memory).
   */
  private graphInputs: (Input | null)[] = [];
  private graphOutputs: (Tensor | null)[] = [];

  /**
   * The backward in differentiable tensor ops, for createGraph (higher-order gradients): gradients
   * of the inputs from those of the outputs, given the inputs and outputs as tensors (those the op
   * saved; see graphInputs). An op without one cannot be differentiated twice.
   */
  protected backwardGraph?(grads: (Tensor | null)[], inputs: (Input | null)[], outputs: (Tensor | null)[]): (Tensor | null)[];

  /** Computes the outputs from the inputs' arrays (numbers pass through as scalars). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  abstract forward(...inputs: any[]): NDArray | NDArray[];
  /** Gradients of the inputs (null where none) from the gradients of the outputs (null = zero). */
  abstract backward(...grads: (NDArray | null)[]): (NDArray | null)[] | NDArray | null;

  /** True while forward runs for outputs that will carry gradients: what only backward reads may be skipped when false. */
  protected gradWanted = false;

  /** Keeps arrays for backward, remembering their versions to detect later in-place changes. */
  protected save(...arrays: NDArray[]): void {
    this.savedArrays = arrays.map((array) => ({ array, version: array.versionCounter.version, describe: () => '' }));
  }

  /** The saved arrays; fails if the graph was freed or one was modified in place since. */
  protected get saved(): NDArray[] {
    if (this.released || this.savedArrays === null) {
      throw new AutogradError(
        'Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retainGraph: true if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.',
      );
    }
    return this.savedArrays.map((s, i) => {
      if (s.array.versionCounter.version !== s.version) {
        const t = `torch.${scalarTypeName(s.array.dtype)}Tensor [${s.array.shape.join(', ')}]`;
        throw new AutogradError(
          `one of the variables needed for gradient computation has been modified by an inplace operation: [${t}]${s.describe()} is at version ${s.array.versionCounter.version}; expected version ${s.version} instead. (saved tensor ${i} of ${this.name})`,
        );
      }
      return s.array;
    });
  }

  /** Frees saved arrays after backward (unless retainGraph). */
  release(): void {
    this.savedArrays = null;
    this.graphInputs = [];
    this.graphOutputs = [];
    this.released = true;
  }

  /** Runs the op on tensors (and scalars) and returns its one output. */
  apply(...inputs: Input[]): Tensor {
    return this.applyMany(...inputs)[0];
  }

  /** Runs the op and returns all its outputs. */
  applyMany(...inputs: Input[]): Tensor[] {
    const arrays = inputs.map((x) => (typeof x === 'number' ? x : x.array));
    const needsGrad = isGradEnabled() && inputs.some((x) => typeof x !== 'number' && x.requiresGrad);
    this.gradWanted = needsGrad;
    const raw = this.forward(...arrays);
    const outs = (Array.isArray(raw) ? raw : [raw]).map((a) => makeTensor(a));
    if (needsGrad) {
      this.describeSaved(inputs, outs);
      this.next = inputs.map((x) => (typeof x === 'number' || !x.requiresGrad ? null : x.gradEdge()));
      this.inputMeta = inputs.map((x) => (typeof x === 'number' ? null : { shape: x.shape, dtype: x.dtype }));
      const saved = this.savedArrays ?? [];
      const kept = (a: NDArray) => saved.some((s) => s.array === a);
      this.graphInputs = inputs.map((x) => (typeof x === 'number' || kept(x.array) ? x : null));
      this.graphOutputs = outs.map((t) => (kept(t.array) ? t : null));
      outs.forEach((t, i) => {
        // integer and bool outputs (indices, casts to int) carry no gradient, as in PyTorch
        if ((this.nonDifferentiable >> i) & 1 || !isFloating(t.dtype)) return;
        t.requiresGrad = true;
        t.gradFn = this;
        t.outputNr = i;
      });
    } else {
      this.release();
    }
    if (opObserver) opObserver(this, inputs, outs);
    return outs;
  }

  /**
   * Names each saved array as PyTorch's error does: an output of this node, or an input by the node
   * that (currently, after any in-place rebase) produces it; a leaf or an intermediate gets no name.
   */
  private describeSaved(inputs: Input[], outs: Tensor[]): void {
    for (const s of this.savedArrays ?? []) {
      const j = outs.findIndex((t) => t.array === s.array);
      const owner = inputs.find((x): x is Tensor => typeof x !== 'number' && x.array === s.array);
      if (j >= 0) s.describe = () => `, which is output ${j} of ${this.name},`;
      else if (owner) s.describe = () => (owner.gradFn ? `, which is output ${owner.outputNr} of ${owner.gradFn.name},` : '');
    }
  }

  runBackward(grads: (NDArray | null)[]): (NDArray | null)[] {
    const r = this.backward(...grads);
    return (Array.isArray(r) ? r : [r]).map((g, i) => {
      const meta = this.inputMeta[i];
      if (!g || !meta || !this.next[i]) return null;
      // broadcasting: sum back to the input's shape; promotion: cast back to its dtype
      const fitted = sumToShape(g, meta.shape);
      return fitted.dtype === meta.dtype ? fitted : cast(fitted, meta.dtype);
    });
  }

  runBackwardGraph(grads: (Tensor | null)[]): (Tensor | null)[] {
    if (!this.backwardGraph) {
      throw new AutogradError(`${this.name}: cresset has no differentiable backward for this op, so a backward with createGraph (higher-order gradients) cannot pass through it`);
    }
    void this.saved; // fails if the graph was freed or a saved input was modified in place
    const r = this.backwardGraph(grads, this.graphInputs, this.graphOutputs);
    return r.map((g, i) => {
      const meta = this.inputMeta[i];
      if (!g || !meta || !this.next[i]) return null;
      const fitted = sumToSize(g, meta.shape);
      return fitted.dtype === meta.dtype ? fitted : fitted.to(meta.dtype);
    });
  }
}

/** The node that adds an incoming gradient into a leaf tensor's .grad (AccumulateGrad). */
export class AccumulateGrad extends Node {
  readonly name = 'torch::autograd::AccumulateGrad';
  constructor(readonly variable: Tensor) {
    super();
  }
  runBackward(grads: (NDArray | null)[]): (NDArray | null)[] {
    const g = grads[0];
    if (g) this.variable.accumulateGrad(g);
    return [];
  }
  /** With createGraph the gradient keeps its graph: .grad = g, or .grad + g out of place, as PyTorch. */
  runBackwardGraph(grads: (Tensor | null)[]): (Tensor | null)[] {
    const g = grads[0];
    if (g) this.variable.grad = this.variable.grad ? this.variable.grad.add(g) : g;
    return [];
  }
}
