/**
 * The building blocks torchvision.ops.misc gives its models: Conv2dNormActivation (conv, norm,
 * activation as one Sequential), SqueezeExcitation, MLP, and torchvision's _make_divisible channel rounding.
 */
import { Tensor } from '@cresset/autograd';
import * as nn from '@cresset/nn';

/** A normalisation layer for a channel count (torchvision's norm_layer). */
export type NormLayer = (channels: number) => nn.Module;
/** An activation layer class, called with { inplace } (or nothing) as torchvision calls activation_layer. */
export type ActivationLayer = new (...args: [] | [{ inplace?: boolean }]) => nn.Module;

/** BatchNorm2d with PyTorch's defaults. */
export const batchNorm2d: NormLayer = (c) => new nn.BatchNorm2d(c);

/** v rounded to the nearest multiple of divisor, at least minValue, and never below 90% of v (torchvision's _make_divisible). */
export function makeDivisible(v: number, divisor: number, minValue?: number): number {
  const min = minValue ?? divisor;
  let newV = Math.max(min, Math.floor(Math.trunc(v + divisor / 2) / divisor) * divisor);
  if (newV < 0.9 * v) newV += divisor;
  return newV;
}

/** Conv2dNormActivation's arguments beyond the channel counts, with torchvision's defaults. */
export interface Conv2dNormActivationOptions {
  /** Kernel size of the convolution (3). */
  kernelSize?: number;
  /** Stride of the convolution (1). */
  stride?: number;
  /** (kernelSize - 1) / 2 * dilation by default. */
  padding?: number;
  /** Groups of the convolution (1). */
  groups?: number;
  /** BatchNorm2d; null for none. */
  normLayer?: NormLayer | null;
  /** ReLU; null for none. */
  activationLayer?: ActivationLayer | null;
  /** Dilation of the convolution (1). */
  dilation?: number;
  /** Passed to the activation as { inplace } (true); null calls it with no arguments. */
  inplace?: boolean | null;
  /** Whether the convolution has a bias: when there is no norm layer, by default. */
  bias?: boolean;
}

/** Conv2d, then a norm layer, then an activation, as one Sequential (torchvision.ops.Conv2dNormActivation). */
export class Conv2dNormActivation extends nn.Sequential {
  /** Output channels of the convolution. */
  readonly outChannels: number;

  constructor(inChannels: number, outChannels: number, o: Conv2dNormActivationOptions = {}) {
    const kernelSize = o.kernelSize ?? 3;
    const dilation = o.dilation ?? 1;
    const normLayer = o.normLayer === undefined ? batchNorm2d : o.normLayer;
    const activation = o.activationLayer === undefined ? nn.ReLU : o.activationLayer;
    const inplace = o.inplace === undefined ? true : o.inplace;
    const layers: nn.Module[] = [new nn.Conv2d(inChannels, outChannels, kernelSize, {
      stride: o.stride ?? 1, padding: o.padding ?? Math.floor((kernelSize - 1) / 2) * dilation,
      dilation, groups: o.groups ?? 1, bias: o.bias ?? normLayer === null,
    })];
    if (normLayer) layers.push(normLayer(outChannels));
    if (activation) layers.push(inplace === null ? new activation() : new activation({ inplace }));
    super(...layers);
    this.outChannels = outChannels;
  }
}

/** Squeeze-and-Excitation: x times a per-channel scale from global pooling, two 1x1 convolutions and activations. */
export class SqueezeExcitation extends nn.Module {
  /** Global average pool to 1x1. */
  avgpool: nn.AdaptiveAvgPool2d;
  /** 1x1 convolution from the input channels to the squeeze channels. */
  fc1: nn.Conv2d;
  /** 1x1 convolution from the squeeze channels back to the input channels. */
  fc2: nn.Conv2d;
  /** Activation after fc1 (ReLU by default). */
  activation: nn.Module;
  /** Activation of the scale after fc2 (Sigmoid by default). */
  scale_activation: nn.Module;

  /** SqueezeExcitation(inputChannels, squeezeChannels, activation = ReLU(), scaleActivation = Sigmoid()), the activations as factories. */
  constructor(inputChannels: number, squeezeChannels: number, activation: () => nn.Module = () => new nn.ReLU(), scaleActivation: () => nn.Module = () => new nn.Sigmoid()) {
    super();
    this.avgpool = new nn.AdaptiveAvgPool2d(1);
    this.fc1 = new nn.Conv2d(inputChannels, squeezeChannels, 1);
    this.fc2 = new nn.Conv2d(squeezeChannels, inputChannels, 1);
    this.activation = activation();
    this.scale_activation = scaleActivation();
  }

  /** The per-channel scale, [N, C, 1, 1]. */
  scale(x: Tensor): Tensor {
    const s = this.activation.forward(this.fc1.forward(this.avgpool.forward(x))) as Tensor;
    return this.scale_activation.forward(this.fc2.forward(s)) as Tensor;
  }

  forward(x: Tensor): Tensor {
    return this.scale(x).mul(x);
  }
}

/** MLP's arguments beyond the channel counts, with torchvision's defaults. */
export interface MLPOptions {
  /** A norm layer after each hidden Linear; null (the default) for none. */
  normLayer?: NormLayer | null;
  /** The activation after each hidden Linear (and its norm): ReLU; null for none. A class that takes no { inplace } (GELU) needs inplace null. */
  activationLayer?: ActivationLayer | (new () => nn.Module) | null;
  /** Passed to the activation and the Dropouts as { inplace } (true); null calls them without it. */
  inplace?: boolean | null;
  /** Whether the Linears have biases (true). */
  bias?: boolean;
  /** Dropout probability after each activation and after the last Linear (0). */
  dropout?: number;
}

/**
 * Linear, norm, activation, Dropout for each hidden width but the last, then Linear to the last
 * width and Dropout, as one Sequential (torchvision.ops.MLP).
 */
export class MLP extends nn.Sequential {
  /** @param hiddenChannels The width of each Linear's output, the last one the MLP's output. */
  constructor(inChannels: number, hiddenChannels: readonly number[], o: MLPOptions = {}) {
    const activation = o.activationLayer === undefined ? nn.ReLU : o.activationLayer;
    const inplace = o.inplace === undefined ? true : o.inplace;
    const bias = o.bias ?? true;
    const p = o.dropout ?? 0;
    const dropout = () => (inplace === null ? new nn.Dropout(p) : new nn.Dropout(p, { inplace }));
    const layers: nn.Module[] = [];
    let inDim = inChannels;
    for (const hidden of hiddenChannels.slice(0, -1)) {
      layers.push(new nn.Linear(inDim, hidden, bias));
      if (o.normLayer) layers.push(o.normLayer(hidden));
      if (activation) layers.push(inplace === null ? new activation() : new (activation as ActivationLayer)({ inplace }));
      layers.push(dropout());
      inDim = hidden;
    }
    layers.push(new nn.Linear(inDim, hiddenChannels[hiddenChannels.length - 1], bias), dropout());
    super(...layers);
  }
}

/**
 * Kaiming-normal (fan_out) convolutions with zero bias, ones/zeros norm layers, and Linear weights
 * by linearInit (N(0, 0.01) by default) with zero bias: the initialisation MobileNet V2/V3 and
 * EfficientNet share.
 */
export function initMobileNetWeights(model: nn.Module, linearInit: (m: nn.Linear) => void = (m) => nn.init.normal_(m.weight, 0, 0.01)): void {
  for (const m of model.modules()) {
    if (m instanceof nn.Conv2d) {
      nn.init.kaimingNormal_(m.weight, { mode: 'fan_out' });
      if (m.bias) nn.init.zeros_(m.bias);
    } else if (m instanceof nn.BatchNorm2d || m instanceof nn.GroupNorm) {
      if (m.weight) nn.init.ones_(m.weight);
      if (m.bias) nn.init.zeros_(m.bias);
    } else if (m instanceof nn.Linear) {
      linearInit(m);
      if (m.bias) nn.init.zeros_(m.bias);
    }
  }
}
