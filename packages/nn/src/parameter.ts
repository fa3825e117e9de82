/** Parameter: a Tensor that a Module registers as trainable (torch.nn.Parameter). */
import { Tensor } from '@cresset/autograd';

export class Parameter extends Tensor {
  /** Wraps `data`'s storage (no copy) as a leaf that requires grad unless told otherwise. */
  constructor(data: Tensor, requiresGrad = true) {
    super(data.array, false);
    this.requiresGrad = requiresGrad;
  }
  override toString(): string {
    return `Parameter containing:\n${super.toString()}`;
  }
}
