/** F.lp_pool1d and F.lp_pool2d: the p-norm over each window, as avg pooling of x^p scaled by the window size. */
import type { Tensor } from '@cresset/autograd';
import { IntOrTuple, ntuple } from '../utils';
import { avgPoolNd } from './pooling';

/** (sign(s) relu(|s|) * window)^(1/p) for s the average of x^p over each window (stride defaults to the kernel), as torch.nn.functional. */
export function lpPoolNd(nd: number, x: Tensor, normType: number, kernelSize: IntOrTuple, stride: IntOrTuple | null = null, ceilMode = false): Tensor {
  const k = ntuple(kernelSize, nd, 'kernel_size', `lp_pool${nd}d`);
  const out = avgPoolNd(nd, x.pow(normType), k, { stride, padding: 0, ceilMode });
  return out.sign().mul(out.abs().relu()).mul(k.reduce((a, b) => a * b, 1)).pow(1 / normType);
}
export const lpPool1d = (x: Tensor, normType: number, kernelSize: IntOrTuple, stride: IntOrTuple | null = null, ceilMode = false) => lpPoolNd(1, x, normType, kernelSize, stride, ceilMode);
export const lpPool2d = (x: Tensor, normType: number, kernelSize: IntOrTuple, stride: IntOrTuple | null = null, ceilMode = false) => lpPoolNd(2, x, normType, kernelSize, stride, ceilMode);
