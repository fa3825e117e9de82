/** The PyTorch results of the op table's cases (tests/fixtures/autograd_ops.json), by case name. */
import type { DType } from '@cresset/tensor';
import { decode, JsonTensor, loadFixture } from '../../tensor/test/fixture';
import { Tensor } from '../src';

export interface OpResult {
  out: JsonTensor;
  /** null where PyTorch gives the input no gradient. */
  grads: (JsonTensor | null)[];
}

export interface OpFixture {
  name: string;
  shapes: number[][];
  domain: 'real' | 'positive' | 'distinct';
  inputs: JsonTensor[];
  gradOutput: JsonTensor;
  gradFn: string;
  float64: OpResult;
  float32: OpResult;
}

export const OP_FIXTURES = new Map(loadFixture<{ cases: OpFixture[] }>('autograd_ops').cases.map((c) => [c.name, c]));

/** The case's inputs as fresh leaves of `dtype` that require grad. */
export function leaves(f: OpFixture, dtype: DType): Tensor[] {
  return f.inputs.map((x) => new Tensor(decode(x, dtype), true));
}
