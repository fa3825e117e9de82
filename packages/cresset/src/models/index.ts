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
export { Conv2dNormActivation, SqueezeExcitation, MLP, makeDivisible } from './ops_misc';
export type { Conv2dNormActivationOptions, MLPOptions, NormLayer, ActivationLayer } from './ops_misc';
export { MobileNetV2, mobilenet_v2, mobilenetV2, InvertedResidual } from './mobilenet_v2';
export type { MobileNetV2Options } from './mobilenet_v2';
export { MobileNetV3, InvertedResidualConfig, mobilenetV3Config, mobilenet_v3_large, mobilenet_v3_small, mobilenetV3Large, mobilenetV3Small } from './mobilenet_v3';
export type { MobileNetV3Options } from './mobilenet_v3';
export * from './densenet';
export { ShuffleNetV2, shufflenet_v2_x0_5, shufflenet_v2_x1_0, shufflenet_v2_x1_5, shufflenet_v2_x2_0 } from './shufflenet_v2';
export type { ShuffleNetV2Options } from './shufflenet_v2';
export { GoogLeNet, googlenet, BasicConv2d, Inception, InceptionAux as GoogLeNetAux } from './googlenet';
export type { GoogLeNetOptions, GoogLeNetOutputs, BasicConvOptions } from './googlenet';
export { Inception3, inception_v3, inceptionV3, InceptionA, InceptionB, InceptionC, InceptionD, InceptionE, InceptionAux as Inception3Aux } from './inception_v3';
export type { Inception3Options, InceptionOutputs } from './inception_v3';
export * from './efficientnet';
export * from './convnext';
export * from './regnet';
export { StochasticDepth, stochasticDepth } from './stochastic_depth';
export type { StochasticDepthMode } from './stochastic_depth';
export { MNASNet, mnasnet0_5, mnasnet0_75, mnasnet1_0, mnasnet1_3 } from './mnasnet';
export type { MNASNetOptions } from './mnasnet';
export * from './vision_transformer';
export * from './swin_transformer';
export * from './swin_transformer_v2';
export { builders, modelNames, buildModel } from './registry';
export type { ModelBuilder } from './registry';
