/** MobileNet V3 small and large as torchvision.models.mobilenet_v3_* build them (hard-swish, squeeze-excitation with hard-sigmoid). */
import { Tensor } from '@cresset/autograd';
import { ValueError } from '@cresset/tensor';
import * as nn from '@cresset/nn';
import { Conv2dNormActivation, initMobileNetWeights, makeDivisible, NormLayer, SqueezeExcitation } from './ops_misc';

/** One block's settings (torchvision's InvertedResidualConfig), channels already scaled by the width multiplier. */
export class InvertedResidualConfig {
  /** Input channels of the block. */
  readonly inputChannels: number;
  /** Channels after the 1x1 expand, and of the depthwise convolution. */
  readonly expandedChannels: number;
  /** Output channels of the block. */
  readonly outChannels: number;
  /** Whether the block uses hard-swish (activation 'HS') rather than ReLU. */
  readonly useHs: boolean;

  /**
   * The channel counts are scaled by widthMult (adjustChannels); activation 'HS' is hard-swish, 'RE' ReLU.
   * @param kernel Kernel size of the depthwise convolution.
   * @param useSe Whether the block has a squeeze-excitation after the depthwise convolution.
   * @param stride Stride of the depthwise convolution (1 is used when dilation > 1).
   * @param dilation Dilation of the depthwise convolution.
   */
  constructor(inputChannels: number, readonly kernel: number, expandedChannels: number, outChannels: number,
    readonly useSe: boolean, activation: 'RE' | 'HS', readonly stride: number, readonly dilation: number, widthMult: number) {
    this.inputChannels = InvertedResidualConfig.adjustChannels(inputChannels, widthMult);
    this.expandedChannels = InvertedResidualConfig.adjustChannels(expandedChannels, widthMult);
    this.outChannels = InvertedResidualConfig.adjustChannels(outChannels, widthMult);
    this.useHs = activation === 'HS';
  }

  /** channels * widthMult rounded to a multiple of 8. */
  static adjustChannels(channels: number, widthMult: number): number {
    return makeDivisible(channels * widthMult, 8);
  }
}

/** MobileNet V3's block: optional 1x1 expand, depthwise conv, optional squeeze-excitation, 1x1 project, shortcut when shapes allow. */
export class InvertedResidual extends nn.Module {
  readonly useResConnect: boolean;
  block: nn.Sequential;
  readonly outChannels: number;

  constructor(cnf: InvertedResidualConfig, normLayer: NormLayer) {
    super();
    if (!(cnf.stride >= 1 && cnf.stride <= 2)) throw new ValueError(`InvertedResidual: illegal stride value ${cnf.stride}`);
    this.useResConnect = cnf.stride === 1 && cnf.inputChannels === cnf.outChannels;
    const activationLayer = cnf.useHs ? nn.Hardswish : nn.ReLU;
    const layers: nn.Module[] = [];
    if (cnf.expandedChannels !== cnf.inputChannels) {
      layers.push(new Conv2dNormActivation(cnf.inputChannels, cnf.expandedChannels, { kernelSize: 1, normLayer, activationLayer }));
    }
    layers.push(new Conv2dNormActivation(cnf.expandedChannels, cnf.expandedChannels, {
      kernelSize: cnf.kernel, stride: cnf.dilation > 1 ? 1 : cnf.stride, dilation: cnf.dilation, groups: cnf.expandedChannels, normLayer, activationLayer,
    }));
    if (cnf.useSe) layers.push(new SqueezeExcitation(cnf.expandedChannels, makeDivisible(Math.floor(cnf.expandedChannels / 4), 8), () => new nn.ReLU(), () => new nn.Hardsigmoid()));
    layers.push(new Conv2dNormActivation(cnf.expandedChannels, cnf.outChannels, { kernelSize: 1, normLayer, activationLayer: null }));
    this.block = new nn.Sequential(...layers);
    this.outChannels = cnf.outChannels;
  }

  forward(x: Tensor): Tensor {
    const y = this.block.forward(x) as Tensor;
    return this.useResConnect ? y.add(x) : y;
  }
}

/** torchvision's MobileNetV3 arguments. */
export interface MobileNetV3Options {
  /** Outputs of the classifier (1000). */
  numClasses?: number;
  /** Multiplier of every block's channels (1.0). */
  widthMult?: number;
  /** Halve the channels of the last blocks (false). */
  reducedTail?: boolean;
  /** Dilate the last blocks instead of striding (false). */
  dilated?: boolean;
  /** The normalisation layer (BatchNorm2d with eps 0.001, momentum 0.01). */
  normLayer?: NormLayer;
  /** Dropout probability of the classifier (0.2). */
  dropout?: number;
}

/** torchvision.models.MobileNetV3: features, global average pool, Linear-Hardswish-Dropout-Linear classifier. */
export class MobileNetV3 extends nn.Module {
  /** The stride-2 hard-swish stem, the inverted residuals and a 1x1 Conv2dNormActivation to 6x the last block's channels. */
  features: nn.Sequential;
  /** Global average pool to 1x1. */
  avgpool: nn.AdaptiveAvgPool2d;
  /** Linear to lastChannel, Hardswish, dropout, Linear lastChannel-numClasses. */
  classifier: nn.Sequential;

  constructor(setting: readonly InvertedResidualConfig[], lastChannel: number, o: MobileNetV3Options = {}) {
    super();
    if (setting.length === 0) throw new ValueError('MobileNetV3: the inverted residual setting should not be empty');
    const normLayer = o.normLayer ?? ((c: number) => new nn.BatchNorm2d(c, { eps: 0.001, momentum: 0.01 }));
    const layers: nn.Module[] = [new Conv2dNormActivation(3, setting[0].inputChannels, { kernelSize: 3, stride: 2, normLayer, activationLayer: nn.Hardswish })];
    for (const cnf of setting) layers.push(new InvertedResidual(cnf, normLayer));
    const lastIn = setting[setting.length - 1].outChannels;
    layers.push(new Conv2dNormActivation(lastIn, 6 * lastIn, { kernelSize: 1, normLayer, activationLayer: nn.Hardswish }));
    this.features = new nn.Sequential(...layers);
    this.avgpool = new nn.AdaptiveAvgPool2d(1);
    this.classifier = new nn.Sequential(
      new nn.Linear(6 * lastIn, lastChannel), new nn.Hardswish({ inplace: true }),
      new nn.Dropout({ p: o.dropout ?? 0.2, inplace: true }), new nn.Linear(lastChannel, o.numClasses ?? 1000),
    );
    initMobileNetWeights(this);
  }

  forward(x: Tensor): Tensor {
    return this.classifier.forward(this.avgpool.forward(this.features.forward(x) as Tensor).flatten(1)) as Tensor;
  }
}

type Row = [number, number, number, number, boolean, 'RE' | 'HS', number, number];

/** The block settings and last channel count of 'large' or 'small' (torchvision's _mobilenet_v3_conf). */
export function mobilenetV3Config(arch: 'large' | 'small', { widthMult = 1.0, reducedTail = false, dilated = false }: MobileNetV3Options = {}): [InvertedResidualConfig[], number] {
  const r = reducedTail ? 2 : 1;
  const d = dilated ? 2 : 1;
  const q = (c: number) => Math.floor(c / r);
  const rows: Row[] = arch === 'large' ? [
    [16, 3, 16, 16, false, 'RE', 1, 1], [16, 3, 64, 24, false, 'RE', 2, 1], [24, 3, 72, 24, false, 'RE', 1, 1],
    [24, 5, 72, 40, true, 'RE', 2, 1], [40, 5, 120, 40, true, 'RE', 1, 1], [40, 5, 120, 40, true, 'RE', 1, 1],
    [40, 3, 240, 80, false, 'HS', 2, 1], [80, 3, 200, 80, false, 'HS', 1, 1], [80, 3, 184, 80, false, 'HS', 1, 1],
    [80, 3, 184, 80, false, 'HS', 1, 1], [80, 3, 480, 112, true, 'HS', 1, 1], [112, 3, 672, 112, true, 'HS', 1, 1],
    [112, 5, 672, q(160), true, 'HS', 2, d], [q(160), 5, q(960), q(160), true, 'HS', 1, d], [q(160), 5, q(960), q(160), true, 'HS', 1, d],
  ] : [
    [16, 3, 16, 16, true, 'RE', 2, 1], [16, 3, 72, 24, false, 'RE', 2, 1], [24, 3, 88, 24, false, 'RE', 1, 1],
    [24, 5, 96, 40, true, 'HS', 2, 1], [40, 5, 240, 40, true, 'HS', 1, 1], [40, 5, 240, 40, true, 'HS', 1, 1],
    [40, 5, 120, 48, true, 'HS', 1, 1], [48, 5, 144, 48, true, 'HS', 1, 1],
    [48, 5, 288, q(96), true, 'HS', 2, d], [q(96), 5, q(576), q(96), true, 'HS', 1, d], [q(96), 5, q(576), q(96), true, 'HS', 1, d],
  ];
  const setting = rows.map((row) => new InvertedResidualConfig(...row, widthMult));
  return [setting, InvertedResidualConfig.adjustChannels(q(arch === 'large' ? 1280 : 1024), widthMult)];
}

/** MobileNet V3 large (5.5M parameters). */
export const mobilenet_v3_large = (o: MobileNetV3Options = {}) => new MobileNetV3(...mobilenetV3Config('large', o), o);
/** MobileNet V3 small (2.5M parameters). */
export const mobilenet_v3_small = (o: MobileNetV3Options = {}) => new MobileNetV3(...mobilenetV3Config('small', o), o);
/** mobilenet_v3_large under its camelCase name. */
export const mobilenetV3Large = mobilenet_v3_large;
/** mobilenet_v3_small under its camelCase name. */
export const mobilenetV3Small = mobilenet_v3_small;
