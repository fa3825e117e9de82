/** F.linear(x, W, b) = x W^T + b. */
import { Linear, Tensor } from '@cresset/autograd';

export function linear(input: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  return bias ? new Linear().apply(input, weight, bias) : new Linear().apply(input, weight);
}
