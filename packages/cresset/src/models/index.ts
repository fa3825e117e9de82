/**
 * torch.models: cresset's counterpart of torchvision.models. Each builder takes torchvision's
 * arguments in camelCase and builds torchvision's modules (same state-dict keys, repr and, after
 * manualSeed, the same initial weights). LeNet is the seed's small CIFAR/MNIST network.
 */
export { LeNet } from './lenet';
export type { LeNetOptions } from './lenet';
export * from './resnet';
export * from './alexnet';
export * from './vgg';
export * from './squeezenet';
export { builders, modelNames, buildModel } from './registry';
export type { ModelBuilder } from './registry';
