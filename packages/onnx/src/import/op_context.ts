/** What an imported op sees when it runs: its node, attributes, input tensors and the opset. */
import type { Tensor } from '@cresset/autograd';
import { CressetError, FormatError } from '@cresset/tensor';
import { UnsupportedOperatorError } from '../errors';
import { Attributes } from '../schema/attributes';
import type { NodeProto } from '../schema/types';

export class OpContext {
  readonly attrs: Attributes;
  constructor(
    readonly node: NodeProto,
    /** Inputs by position; undefined where the node leaves an optional input out (''). */
    readonly inputs: readonly (Tensor | undefined)[],
    readonly opset: number,
    /** The model's source ("onnx.load('lenet.onnx')"), first in messages. */
    readonly source = '',
  ) {
    this.attrs = new Attributes(node, this.where);
  }

  /** "onnx.load('lenet.onnx'): onnx node 'conv1' (Conv, opset 17)", for messages. */
  get where(): string {
    return `${this.source ? `${this.source}: ` : ''}onnx node '${this.node.name ?? ''}' (${this.node.opType}, opset ${this.opset})`;
  }

  /** How many outputs the node asks for (trailing '' are not asked for). */
  get nOutputs(): number {
    return this.node.output?.length ?? 0;
  }

  /** Whether the node asks for output i. */
  wants(i: number): boolean {
    return !!this.node.output?.[i];
  }

  /** A required input. */
  input(i: number): Tensor {
    const t = this.inputs[i];
    if (!t) throw new FormatError(`${this.where}: input ${i} is required but missing`);
    return t;
  }

  /** An optional input. */
  optional(i: number): Tensor | undefined {
    return this.inputs[i];
  }

  /** An int64 input read as numbers (shapes, pads, axes). */
  intsInput(i: number): number[] {
    return Array.from(this.input(i).array.contiguous().values(), Number);
  }

  unsupported(what: string): never {
    throw new UnsupportedOperatorError(`${this.where}: ${what} is not supported`);
  }
}

/** An imported op: computes the outputs (one tensor, or a list with null for outputs not computed). */
export type OpImpl = (c: OpContext) => Tensor | (Tensor | null)[];

/** Runs an op; a CressetError it raises gets the model and node in front of its message. */
export function located<T>(where: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof CressetError && !e.message.includes(where)) e.message = `${where}: ${e.message}`;
    throw e;
  }
}
