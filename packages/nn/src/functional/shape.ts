/** Shape helpers of the functional namespace. */
import type { Tensor } from '@cresset/autograd';

export const flatten = (x: Tensor, startDim = 0, endDim = -1) => x.flatten(startDim, endDim);
