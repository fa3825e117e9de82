/** @cresset/autograd: the user's Tensor with reverse-mode autodiff (torch.Tensor + torch.autograd). */
export { Tensor, where } from './tensor';
export type { TensorLike, ValuesIndices, VarOptions } from './tensor';
export { Function, Node, AccumulateGrad, setOpObserver } from './function';
export type { Edge, Input, OpObserver } from './function';
export { noGrad, enableGrad, isGradEnabled, setGradEnabled } from './grad_mode';
export { gradcheck } from './gradcheck';
export type { GradcheckOptions } from './gradcheck';
export * from './creation';
export * from './functional';
export { Convolution, ConvTranspose } from './ops/conv';
export { MaxPool, AvgPool, AdaptiveAvgPool, AdaptiveMaxPool, MaxUnpool } from './ops/pooling';
export { Softmax, LogSoftmax, logSoftmaxArray } from './ops/softmax';
export { Linear } from './ops/linear';
export { Gather, ScatterAdd } from './ops/gather';
export { NllLoss, MseLoss, BinaryCrossEntropy, BinaryCrossEntropyWithLogits } from './ops/loss';
export type { Reduction } from './ops/loss';
export { Pointwise } from './ops/unary';
