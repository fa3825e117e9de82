/** What a converter sees of one traced op: its inputs, outputs, module path, and the graph to add to. */
import type { Function, Input, Tensor } from '@cresset/autograd';
import type { DType } from '@cresset/tensor';
import { UnsupportedOperatorError } from '../errors';
import { attr } from '../schema/attributes';
import { onnxDataType } from '../schema/tensor_proto';
import type { AttributeProto } from '../schema/types';
import type { GraphBuilder } from './graph_builder';

export class ConvertContext {
  constructor(
    readonly fn: Function,
    readonly inputs: readonly Input[],
    readonly outputs: readonly Tensor[],
    readonly graph: GraphBuilder,
    /** The dotted path of the module running the op ('' for the model itself). */
    readonly path: string,
    /** That module's class name. */
    readonly moduleClass: string,
    readonly opset: number,
  ) {}

  /** Where the op ran, for messages: "AddBackward0 in module 'fc1' (Linear)". */
  get where(): string {
    return `${this.fn.name} in ${this.path ? `module '${this.path}'` : 'the model\'s own forward'} (${this.moduleClass})`;
  }

  get out(): Tensor {
    return this.outputs[0];
  }

  /** The graph value of input i; numbers become constants of `dtype` (the output's by default). */
  input(i: number, dtype: DType = this.out.dtype): string {
    return this.graph.valueOf(this.inputs[i], dtype, this.where);
  }

  /** The shape of input i, which must be a tensor (a number there fails the export). */
  shapeOf(i: number): readonly number[] {
    const x = this.inputs[i];
    if (typeof x === 'number') return this.unsupported(`a number as input ${i}, where a tensor was expected`);
    return x.shape;
  }

  /** Whether input i was given (optional bias). */
  hasInput(i: number): boolean {
    return this.inputs[i] !== undefined;
  }

  /** Adds a node and returns its output names. */
  node(opType: string, inputs: string[], attrs: AttributeProto[] = [], nOutputs = 1): string[] {
    return this.graph.node(opType, inputs, nOutputs, attrs, this.path);
  }

  /** Names the op's outputs (the last node's outputs, by default one). */
  result(...names: string[]): void {
    this.graph.defineOutputs(this.outputs, names);
  }

  /** Fails the export: no ONNX form for this op or these settings. */
  unsupported(what: string): never {
    throw new UnsupportedOperatorError(`onnx.export: ${what} (op ${this.where}) has no ONNX form in opset ${this.opset}`);
  }

  /**
   * The value of input i in the output's dtype, as PyTorch's type promotion gives it: a tensor of
   * another dtype goes through a Cast node (as PyTorch's exporter writes it), a number becomes a
   * constant of that dtype.
   */
  promoted(i: number): string {
    const x = this.inputs[i];
    const name = this.input(i);
    if (typeof x === 'number' || x.dtype === this.out.dtype) return name;
    return this.node('Cast', [name], [attr.int('to', onnxDataType(this.out.dtype))])[0];
  }
}
