/**
 * OnnxModule: an ONNX graph run on cresset's kernels, as a Module. Initializers become parameters
 * (floating ones) or buffers (integer ones, and BatchNormalization's running statistics) under
 * their ONNX names, nested at the dots, so stateDict() has the keys the exporting framework used
 * ('conv1.weight') and the graph can be fine-tuned with cresset's optimizers.
 */
import { Tensor } from '@cresset/autograd';
import { Module, Parameter } from '@cresset/nn';
import { FormatError, isFloating, ShapeError } from '@cresset/tensor';
import { UnsupportedOperatorError } from '../errors';
import { tensorFromProto } from '../schema/tensor_proto';
import type { GraphProto, ModelProto, NodeProto, ValueInfoProto } from '../schema/types';
import { foldConstants, shapeArithmetic, staticDims } from './fold';
import { located, OpContext } from './op_context';
import { MAX_IMPORT_OPSET, MAX_INPUTS, MIN_IMPORT_OPSET, OPS } from './ops';

/** A plain container for the parameters under one name prefix. */
class OnnxParameters extends Module {
  forward(): never {
    throw new FormatError('OnnxParameters holds weights of an ONNX graph and has no forward');
  }
}

/** The opset of the default ONNX domain. */
function defaultOpset(model: ModelProto, source: string): number {
  const entry = (model.opsetImport ?? []).find((o) => !o.domain || o.domain === 'ai.onnx');
  if (!entry) throw new FormatError(`${source}: the model imports no opset of the default ONNX domain`);
  return Number(entry.version);
}

/** The declared dims of `v` ('?' or the name where not static) when `x` does not fit them, else null. */
function undeclaredShape(v: ValueInfoProto, x: Tensor): string | null {
  const dims = v.type?.tensorType?.shape?.dim;
  if (!dims) return null;
  const fits = dims.length === x.ndim && dims.every((d, k) => d.dimValue === undefined || Number(d.dimValue) === x.shape[k]);
  return fits ? null : dims.map((d) => (d.dimValue !== undefined ? String(d.dimValue) : d.dimParam || '?')).join(', ');
}

export class OnnxModule extends Module {
  readonly #graph: GraphProto;
  readonly #opset: number;
  readonly #source: string;
  readonly #initial = new Map<string, Tensor>();
  readonly #inputs: ValueInfoProto[];
  /** The nodes run at each forward (the constant part of the graph is folded, see fold.ts). */
  #run: NodeProto[];
  readonly #folded: Map<string, Tensor>;
  /** With every input static: the shape-arithmetic nodes whose outputs the first forward keeps. */
  #shapeNodes: Set<NodeProto> | null;

  constructor(model: ModelProto, source = 'onnx model') {
    super();
    this.#source = source;
    this.#graph = model.graph!;
    this.#opset = defaultOpset(model, source);
    for (const node of this.#graph.node ?? []) this.#check(node);
    const statsInputs = new Set((this.#graph.node ?? []).filter((n) => n.opType === 'BatchNormalization').flatMap((n) => (n.input ?? []).slice(3, 5)));
    for (const tp of this.#graph.initializer ?? []) {
      const name = tp.name ?? '';
      const t = new Tensor(tensorFromProto(tp, `${source}: initializer '${name}'`));
      const asParameter = isFloating(t.dtype) && !statsInputs.has(name);
      this.#initial.set(name, this.#register(name, asParameter ? new Parameter(t) : t, asParameter));
    }
    this.#inputs = (this.#graph.input ?? []).filter((v) => !this.#initial.has(v.name ?? ''));
    const folded = foldConstants(this.#graph.node ?? [], this.#inputs, this.#opset, source);
    this.#run = folded.run;
    this.#folded = folded.values;
    const shapeNodes = shapeArithmetic(this.#run, this.#folded);
    this.#shapeNodes = shapeNodes.size && this.#inputs.every((v) => staticDims(v)) ? shapeNodes : null;
  }

  /** How many nodes a forward runs: the graph's, less those folded (see fold.ts). */
  get nodesPerForward(): number {
    return this.#run.length - (this.#shapeNodes?.size ?? 0);
  }

  /** The graph inputs to feed (those without an initializer), by name. */
  get inputNames(): string[] {
    return this.#inputs.map((v) => v.name ?? '');
  }
  get outputNames(): string[] {
    return (this.#graph.output ?? []).map((v) => v.name ?? '');
  }
  get opset(): number {
    return this.#opset;
  }

  /** Fails at load time for an op import does not run. */
  #check(node: NodeProto): void {
    const where = `${this.#source}: onnx node '${node.name ?? ''}' (${node.opType}, opset ${this.#opset})`;
    if (node.domain && node.domain !== 'ai.onnx') throw new UnsupportedOperatorError(`${where}: ops of domain '${node.domain}' are not supported`);
    if (!OPS[node.opType ?? '']) throw new UnsupportedOperatorError(`${where}: the op ${node.opType} is not supported; supported are ${Object.keys(OPS).join(', ')}`);
    const n = node.input?.length ?? 0;
    if (n > MAX_INPUTS[node.opType!]) throw new FormatError(`${where}: has ${n} inputs, but ${node.opType} takes at most ${MAX_INPUTS[node.opType!]}`);
    if (this.#opset < MIN_IMPORT_OPSET || this.#opset > MAX_IMPORT_OPSET) {
      throw new UnsupportedOperatorError(`${where}: opset ${this.#opset} is not supported; expected ${MIN_IMPORT_OPSET} to ${MAX_IMPORT_OPSET}`);
    }
  }

  /** Registers a weight under its dotted name, creating a container per prefix. */
  #register(name: string, t: Tensor, asParameter: boolean): Tensor {
    const parts = name.split('.');
    let owner: Module = this;
    for (const part of parts.slice(0, -1)) {
      const existing = (owner as unknown as Record<string, unknown>)[part];
      if (existing instanceof OnnxParameters) owner = existing;
      else if (existing === undefined) {
        const child = new OnnxParameters();
        owner.registerModule(part, child);
        owner = child;
      } else return this.#registerFlat(name, t, asParameter);
    }
    const leaf = parts[parts.length - 1];
    if (leaf in owner) return this.#registerFlat(name, t, asParameter);
    if (asParameter) owner.registerParameter(leaf, t as Parameter);
    else owner.registerBuffer(leaf, t);
    return t;
  }

  /** A name that would clash with a Module member: kept on this module with its dots replaced. */
  #registerFlat(name: string, t: Tensor, asParameter: boolean): Tensor {
    let key = `onnx_${name.replace(/\W/g, '_')}`;
    while (key in this) key += '_';
    if (asParameter) this.registerParameter(key, t as Parameter);
    else this.registerBuffer(key, t);
    return t;
  }

  /** Checks an input against its declared static dims. */
  #checkInput(v: ValueInfoProto, x: Tensor, i: number): void {
    const want = undeclaredShape(v, x);
    if (want) throw new ShapeError(`${this.#source}: input ${i} ('${v.name}') expects shape [${want}], got [${x.shape.join(', ')}]`);
  }

  /** Folds the shape arithmetic of a graph with static inputs: its values from the first forward. */
  #keepShapeValues(nodes: Set<NodeProto>, env: Map<string, Tensor>): void {
    for (const node of nodes) for (const n of node.output ?? []) if (n) this.#folded.set(n, env.get(n)!);
    this.#run = this.#run.filter((n) => !nodes.has(n));
    this.#shapeNodes = null;
  }

  /** Runs the graph; one output is returned as a Tensor, several as an array. */
  forward(...inputs: Tensor[]): Tensor | Tensor[] {
    if (inputs.length !== this.#inputs.length) {
      throw new ShapeError(`${this.#source}: the graph takes ${this.#inputs.length} inputs (${this.inputNames.join(', ')}), got ${inputs.length}`);
    }
    const env = new Map([...this.#initial, ...this.#folded]);
    this.#inputs.forEach((v, i) => {
      this.#checkInput(v, inputs[i], i);
      env.set(v.name ?? '', inputs[i]);
    });
    for (const node of this.#run) {
      const ins = (node.input ?? []).map((n) => {
        if (n === '') return undefined;
        const t = env.get(n);
        if (!t) throw new FormatError(`${this.#source}: onnx node '${node.name ?? ''}' (${node.opType}, opset ${this.#opset}) reads '${n}', which no input, initializer or earlier node defines`);
        return t;
      });
      const c = new OpContext(node, ins, this.#opset, this.#source);
      const res = located(c.where, () => OPS[node.opType!](c));
      const outs = Array.isArray(res) ? res : [res];
      (node.output ?? []).forEach((n, i) => {
        if (!n) return;
        const t = outs[i];
        if (!t) throw new FormatError(`${c.where}: output ${i} ('${n}') was not computed`);
        env.set(n, t);
      });
    }
    if (this.#shapeNodes) this.#keepShapeValues(this.#shapeNodes, env);
    const outs = (this.#graph.output ?? []).map((v, i) => {
      const t = env.get(v.name ?? '');
      if (!t) throw new FormatError(`${this.#source}: graph output '${v.name}' is not computed by any node`);
      const want = undeclaredShape(v, t);
      if (want) throw new ShapeError(`${this.#source}: graph output ${i} ('${v.name}') is declared of shape [${want}], but the graph computes [${t.shape.join(', ')}]`);
      return t;
    });
    return outs.length === 1 ? outs[0] : outs;
  }
}
