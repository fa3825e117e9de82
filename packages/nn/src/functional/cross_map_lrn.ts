/** The computation of nn.CrossMapLRN2d (PyTorch has no functional form of it, so nn.functional does not list it; see CrossMapLrn). */
import { CrossMapLrn, Tensor } from '@cresset/autograd';

/** CrossMapLRN2d's forward over [N, C, H, W] input, with PyTorch's own backward. */
export function crossMapLrn2d(input: Tensor, size: number, alpha = 1e-4, beta = 0.75, k = 1): Tensor {
  return new CrossMapLrn(size, alpha, beta, k).apply(input);
}
