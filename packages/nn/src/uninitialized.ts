/**
 * UninitializedParameter and UninitializedBuffer (torch.nn.parameter): placeholders of a lazy
 * module whose shapes are not known until its first forward, which materializes them. Until then
 * each holds no elements but keeps a dtype, so double()/float() on the module carry through to the
 * materialized tensor, as in PyTorch.
 */
import { empty, Tensor } from '@cresset/autograd';
import type { DType } from '@cresset/tensor';
import { Parameter } from './parameter';

/** Replaces t's array with an uninitialized one of `shape` in its dtype. */
function materializeInto(t: Tensor, shape: readonly number[]): void {
  t.array = empty([...shape], { dtype: t.dtype }).array;
}

/** A parameter of a lazy module, before its first forward gives it a shape. */
export class UninitializedParameter extends Parameter {
  private pending = true;
  constructor(requiresGrad = true, dtype: DType = 'float32') {
    super(empty([0], { dtype }), requiresGrad);
  }
  /** Whether the parameter still waits for its shape. */
  isUninitialized(): boolean {
    return this.pending;
  }
  /** Gives the parameter `shape` (values uninitialized; the module's reset fills them). */
  materialize(shape: readonly number[]): void {
    materializeInto(this, shape);
    this.pending = false;
  }
  override toString(): string {
    return this.pending ? '<UninitializedParameter>' : super.toString();
  }
}

/** A buffer of a lazy module (running statistics), before its first forward gives it a shape. */
export class UninitializedBuffer extends Tensor {
  private pending = true;
  constructor(dtype: DType = 'float32') {
    super(empty([0], { dtype }).array);
  }
  isUninitialized(): boolean {
    return this.pending;
  }
  materialize(shape: readonly number[]): void {
    materializeInto(this, shape);
    this.pending = false;
  }
  override toString(): string {
    return this.pending ? '<UninitializedBuffer>' : super.toString();
  }
}
