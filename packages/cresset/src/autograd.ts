/** torch.autograd: grad, backward (both with createGraph for higher-order gradients), gradcheck, Function and the grad-mode switches. */
export { grad, backward, gradcheck, gradgradcheck, Function, noGrad, enableGrad, isGradEnabled, setGradEnabled } from '@cresset/autograd';
export type { GradOptions, GradcheckOptions } from '@cresset/autograd';
