/**
 * GraphBuilder: the ONNX graph being recorded while a model's forward is traced. It names values
 * (graph inputs, the model's parameters and buffers by their state-dict keys, constants, node
 * outputs), keeps the nodes in execution order, and drops at the end what no output depends on.
 */
import type { Input, Tensor } from '@cresset/autograd';
import { DType, NDArray, scalarArray, ValueError } from '@cresset/tensor';
import { tensorToProto } from '../schema/tensor_proto';
import type { AttributeProto, NodeProto, TensorProto } from '../schema/types';

/** The storage positions an array's elements occupy. */
function storagePositions(a: NDArray): number[] {
  const out: number[] = [];
  const walk = (d: number, at: number) => {
    if (d === a.shape.length) return void out.push(at);
    for (let i = 0; i < a.shape[d]; i++) walk(d + 1, at + i * a.strides[d]);
  };
  walk(0, a.offset);
  return out;
}

interface Named {
  name: string;
  version: number;
}

export class GraphBuilder {
  readonly nodes: NodeProto[] = [];
  readonly initializers = new Map<string, TensorProto>();
  private values = new Map<NDArray, Named>();
  private nodeNames = new Set<string>();
  private constants = 0;

  /** stateNames: parameter and buffer arrays by their state-dict keys. */
  constructor(private stateNames: Map<NDArray, string>, private op = 'onnx.export') {}

  /** Names an array as a value of the graph (a graph input or a node output). */
  define(a: NDArray, name: string): void {
    this.values.set(a, { name, version: a.versionCounter.version });
  }

  /**
   * After an in-place write into `written`: the other known arrays over the same storage whose
   * elements it did not touch still hold their values, so they stay valid at the new version.
   */
  keepUntouched(written: NDArray): void {
    let touched: Set<number> | null = null;
    for (const [a, named] of this.values) {
      if (a === written || a.versionCounter !== written.versionCounter || named.version === a.versionCounter.version) continue;
      touched ??= new Set(storagePositions(written));
      if (storagePositions(a).every((p) => !touched!.has(p))) named.version = a.versionCounter.version;
    }
  }

  /** The name of an existing value, without creating one. */
  lookup(a: NDArray): string | undefined {
    return this.values.get(a)?.name;
  }

  /**
   * The graph value of an op input: a traced value, a parameter or buffer (an initializer under its
   * state-dict key), else a constant (a tensor made inside forward). Numbers become scalar constants of `dtype`.
   */
  valueOf(x: Input | NDArray, dtype: DType, where: string): string {
    if (typeof x === 'number') return this.constant(scalarArray(x, dtype));
    const a = x instanceof NDArray ? x : x.array;
    const known = this.values.get(a);
    if (known) {
      if (known.version !== a.versionCounter.version) {
        throw new ValueError(`${this.op}: ${where}: the value '${known.name}' was changed in place after it was computed (by an in-place op on a tensor it is a view of, or that is a view of it, which cannot be traced); use the out-of-place form`);
      }
      return known.name;
    }
    const key = this.stateNames.get(a);
    if (key !== undefined) {
      if (!this.initializers.has(key)) this.initializers.set(key, tensorToProto(a, key));
      this.define(a, key);
      return key;
    }
    return this.constant(a);
  }

  /** A constant initializer holding `a`. */
  constant(a: NDArray): string {
    const name = `onnx::Constant_${this.constants++}`;
    this.initializers.set(name, tensorToProto(a, name));
    return name;
  }

  /** A constant int64 vector (shapes, pads, axes). */
  ints(values: readonly number[]): string {
    const a = NDArray.empty([values.length], 'int64');
    values.forEach((v, i) => (a.data[i] = v));
    return this.constant(a);
  }

  /** Adds a node named after the module path and the op; returns its output names. */
  node(opType: string, inputs: string[], nOutputs: number, attrs: AttributeProto[], path: string): string[] {
    const base = `${path ? `/${path.replace(/\./g, '/')}` : ''}/${opType}`;
    let name = base;
    for (let k = 1; this.nodeNames.has(name); k++) name = `${base}_${k}`;
    this.nodeNames.add(name);
    const outputs = Array.from({ length: nOutputs }, (_, i) => `${name}_output_${i}`);
    this.nodes.push({ name, opType, input: inputs, output: outputs, attribute: attrs, domain: '' });
    return outputs;
  }

  /** Names a node's output tensors. */
  defineOutputs(outs: readonly Tensor[], names: readonly string[]): void {
    names.forEach((n, i) => outs[i] && this.define(outs[i].array, n));
  }

  /** Renames a value in every node (to give graph outputs their chosen names). */
  rename(from: string, to: string): void {
    for (const n of this.nodes) {
      n.input = n.input!.map((v) => (v === from ? to : v));
      n.output = n.output!.map((v) => (v === from ? to : v));
    }
  }

  /** Whether a node produces this value. */
  producedByNode(name: string): boolean {
    return this.nodes.some((n) => n.output!.includes(name));
  }

  /** Drops nodes, trailing node outputs and initializers that none of the outputs depend on. */
  prune(outputs: readonly string[]): void {
    const needed = new Set(outputs);
    const keep: NodeProto[] = [];
    for (let i = this.nodes.length - 1; i >= 0; i--) {
      const n = this.nodes[i];
      if (!n.output!.some((o) => needed.has(o))) continue;
      // trailing outputs nothing reads are optional ones (MaxPool's Indices): leave them out
      while (!needed.has(n.output![n.output!.length - 1])) n.output!.pop();
      keep.push(n);
      n.input!.forEach((v) => needed.add(v));
    }
    this.nodes.splice(0, this.nodes.length, ...keep.reverse());
    for (const k of [...this.initializers.keys()]) if (!needed.has(k)) this.initializers.delete(k);
  }
}
