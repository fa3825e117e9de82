/**
 * EfficientNet B0-B7 and EfficientNet V2 S/M/L as torchvision.models.efficientnet builds them:
 * MBConv (and, in V2, FusedMBConv) stages with SiLU, squeeze-excitation and stochastic depth rising
 * linearly with block index; kaiming_normal_(fan_out) convolutions, ones/zeros norms, and Linear
 * weights U(-1/sqrt(out), 1/sqrt(out)) with zero bias.
 */
import { Tensor } from '@cresset/autograd';
import { ValueError } from '@cresset/tensor';
import * as nn from '@cresset/nn';
import { Conv2dNormActivation, initMobileNetWeights, makeDivisible, NormLayer, SqueezeExcitation } from './ops_misc';
import { StochasticDepth } from './stochastic_depth';

/** One stage's settings (torchvision's MBConvConfig / FusedMBConvConfig); channels and depth already scaled. */
export interface MBConvConfig {
  /** The stage's block class. */
  block: 'MBConv' | 'FusedMBConv';
  /** Expanded channels as a multiple of the input channels. */
  expandRatio: number;
  /** Kernel size of the depthwise (MBConv) or expand (FusedMBConv) convolution. */
  kernel: number;
  /** Stride of the stage's first block (the others have stride 1). */
  stride: number;
  /** Input channels of the stage's first block. */
  inputChannels: number;
  /** Output channels of every block in the stage. */
  outChannels: number;
  /** Number of blocks in the stage. */
  numLayers: number;
}

const adjustChannels = (channels: number, widthMult: number) => makeDivisible(channels * widthMult, 8);

/** An MBConv stage, its channels scaled by widthMult and its depth by depthMult (rounded up). */
export const mbconv = (expandRatio: number, kernel: number, stride: number, inputChannels: number, outChannels: number, numLayers: number, widthMult = 1, depthMult = 1): MBConvConfig => ({
  block: 'MBConv', expandRatio, kernel, stride, inputChannels: adjustChannels(inputChannels, widthMult), outChannels: adjustChannels(outChannels, widthMult), numLayers: Math.ceil(numLayers * depthMult),
});

/** A FusedMBConv stage (EfficientNet V2), unscaled. */
export const fusedMbconv = (expandRatio: number, kernel: number, stride: number, inputChannels: number, outChannels: number, numLayers: number): MBConvConfig => ({
  block: 'FusedMBConv', expandRatio, kernel, stride, inputChannels, outChannels, numLayers,
});

/** The residual tail both blocks share: stochastic depth on the branch, then the shortcut, when the shapes allow. */
abstract class ResidualBlock extends nn.Module {
  /** Whether the input is added to the output (stride 1 and equal input and output channels). */
  readonly useResConnect: boolean;
  /** The block's convolutions, as one Sequential. */
  block!: nn.Sequential;
  /** Row-wise stochastic depth on the block's output before the shortcut. */
  stochastic_depth!: StochasticDepth;
  /** Output channels of the block. */
  readonly outChannels: number;

  protected constructor(cnf: MBConvConfig) {
    super();
    if (!(cnf.stride >= 1 && cnf.stride <= 2)) throw new ValueError(`${this.constructor.name}: illegal stride value ${cnf.stride}`);
    this.useResConnect = cnf.stride === 1 && cnf.inputChannels === cnf.outChannels;
    this.outChannels = cnf.outChannels;
  }

  forward(x: Tensor): Tensor {
    const y = this.block.forward(x) as Tensor;
    return this.useResConnect ? this.stochastic_depth.forward(y).add(x) : y;
  }
}

/** 1x1 expand (when expandRatio != 1), depthwise k x k, squeeze-excitation, 1x1 project. */
export class MBConv extends ResidualBlock {
  constructor(cnf: MBConvConfig, stochasticDepthProb: number, normLayer: NormLayer) {
    super(cnf);
    const expanded = adjustChannels(cnf.inputChannels, cnf.expandRatio);
    const layers: nn.Module[] = [];
    if (expanded !== cnf.inputChannels) layers.push(new Conv2dNormActivation(cnf.inputChannels, expanded, { kernelSize: 1, normLayer, activationLayer: nn.SiLU }));
    layers.push(
      new Conv2dNormActivation(expanded, expanded, { kernelSize: cnf.kernel, stride: cnf.stride, groups: expanded, normLayer, activationLayer: nn.SiLU }),
      new SqueezeExcitation(expanded, Math.max(1, Math.floor(cnf.inputChannels / 4)), () => new nn.SiLU({ inplace: true })),
      new Conv2dNormActivation(expanded, cnf.outChannels, { kernelSize: 1, normLayer, activationLayer: null }),
    );
    this.block = new nn.Sequential(...layers);
    this.stochastic_depth = new StochasticDepth(stochasticDepthProb, 'row');
  }
}

/** k x k expand (or a single k x k when expandRatio is 1), then 1x1 project (EfficientNet V2's early stages). */
export class FusedMBConv extends ResidualBlock {
  constructor(cnf: MBConvConfig, stochasticDepthProb: number, normLayer: NormLayer) {
    super(cnf);
    const expanded = adjustChannels(cnf.inputChannels, cnf.expandRatio);
    const layers: nn.Module[] = expanded !== cnf.inputChannels
      ? [
        new Conv2dNormActivation(cnf.inputChannels, expanded, { kernelSize: cnf.kernel, stride: cnf.stride, normLayer, activationLayer: nn.SiLU }),
        new Conv2dNormActivation(expanded, cnf.outChannels, { kernelSize: 1, normLayer, activationLayer: null }),
      ]
      : [new Conv2dNormActivation(cnf.inputChannels, cnf.outChannels, { kernelSize: cnf.kernel, stride: cnf.stride, normLayer, activationLayer: nn.SiLU })];
    this.block = new nn.Sequential(...layers);
    this.stochastic_depth = new StochasticDepth(stochasticDepthProb, 'row');
  }
}

/** torchvision's EfficientNet builder arguments. */
export interface EfficientNetOptions {
  /** Outputs of the classifier (1000). */
  numClasses?: number;
  /** Dropout before the classifier (the variant's: 0.2 for B0 ... 0.5 for B7). */
  dropout?: number;
  /** Stochastic depth probability of the last block (0.2). */
  stochasticDepthProb?: number;
  /** The normalisation layer (the variant's BatchNorm2d). */
  normLayer?: NormLayer;
}

/** torchvision.models.EfficientNet: features (stem, stages, 1x1 head conv), global average pool, dropout and Linear. */
export class EfficientNet extends nn.Module {
  /** The stride-2 SiLU stem, one Sequential of blocks per stage, and the 1x1 head Conv2dNormActivation. */
  features: nn.Sequential;
  /** Global average pool to 1x1. */
  avgpool: nn.AdaptiveAvgPool2d;
  /** Dropout, then the final Linear to numClasses. */
  classifier: nn.Sequential;

  constructor(setting: readonly MBConvConfig[], dropout: number, { stochasticDepthProb = 0.2, numClasses = 1000, normLayer = (c) => new nn.BatchNorm2d(c) }: Omit<EfficientNetOptions, 'dropout'> = {}, lastChannel: number | null = null) {
    super();
    if (setting.length === 0) throw new ValueError('EfficientNet: the inverted residual setting should not be empty');
    const layers: nn.Module[] = [new Conv2dNormActivation(3, setting[0].inputChannels, { kernelSize: 3, stride: 2, normLayer, activationLayer: nn.SiLU })];
    const total = setting.reduce((n, c) => n + c.numLayers, 0);
    let id = 0;
    for (const cnf of setting) {
      const stage: nn.Module[] = [];
      for (let i = 0; i < cnf.numLayers; i++) {
        const b = stage.length ? { ...cnf, inputChannels: cnf.outChannels, stride: 1 } : cnf;
        const p = (stochasticDepthProb * id) / total;
        stage.push(b.block === 'MBConv' ? new MBConv(b, p, normLayer) : new FusedMBConv(b, p, normLayer));
        id++;
      }
      layers.push(new nn.Sequential(...stage));
    }
    const lastIn = setting[setting.length - 1].outChannels;
    const lastOut = lastChannel ?? 4 * lastIn;
    layers.push(new Conv2dNormActivation(lastIn, lastOut, { kernelSize: 1, normLayer, activationLayer: nn.SiLU }));
    this.features = new nn.Sequential(...layers);
    this.avgpool = new nn.AdaptiveAvgPool2d(1);
    this.classifier = new nn.Sequential(new nn.Dropout({ p: dropout, inplace: true }), new nn.Linear(lastOut, numClasses));
    initMobileNetWeights(this, (m) => nn.init.uniform_(m.weight, -1 / Math.sqrt(m.outFeatures), 1 / Math.sqrt(m.outFeatures)));
  }

  forward(x: Tensor): Tensor {
    return this.classifier.forward(this.avgpool.forward(this.features.forward(x) as Tensor).flatten(1)) as Tensor;
  }
}

/** EfficientNet B's stages for a width and depth multiplier. */
const bSetting = (w: number, d: number) => [
  mbconv(1, 3, 1, 32, 16, 1, w, d), mbconv(6, 3, 2, 16, 24, 2, w, d), mbconv(6, 5, 2, 24, 40, 2, w, d), mbconv(6, 3, 2, 40, 80, 3, w, d),
  mbconv(6, 5, 1, 80, 112, 3, w, d), mbconv(6, 5, 2, 112, 192, 4, w, d), mbconv(6, 3, 1, 192, 320, 1, w, d),
];

const bnEps3Momentum = (c: number) => new nn.BatchNorm2d(c, { eps: 0.001, momentum: 0.01 });
const bnEps3 = (c: number) => new nn.BatchNorm2d(c, { eps: 1e-3 });

const b = (w: number, d: number, dropout: number, normLayer?: NormLayer) => ({ dropout: dOpt = dropout, ...o }: EfficientNetOptions = {}) =>
  new EfficientNet(bSetting(w, d), dOpt, { ...(normLayer ? { normLayer } : {}), ...o });

/** EfficientNet-B0 (width 1.0, depth 1.0, dropout 0.2). */
export const efficientnet_b0 = b(1.0, 1.0, 0.2);
/** EfficientNet-B1 (width 1.0, depth 1.1, dropout 0.2). */
export const efficientnet_b1 = b(1.0, 1.1, 0.2);
/** EfficientNet-B2 (width 1.1, depth 1.2, dropout 0.3). */
export const efficientnet_b2 = b(1.1, 1.2, 0.3);
/** EfficientNet-B3 (width 1.2, depth 1.4, dropout 0.3). */
export const efficientnet_b3 = b(1.2, 1.4, 0.3);
/** EfficientNet-B4 (width 1.4, depth 1.8, dropout 0.4). */
export const efficientnet_b4 = b(1.4, 1.8, 0.4);
/** EfficientNet-B5 (width 1.6, depth 2.2, dropout 0.4, BN eps 0.001 momentum 0.01). */
export const efficientnet_b5 = b(1.6, 2.2, 0.4, bnEps3Momentum);
/** EfficientNet-B6 (width 1.8, depth 2.6, dropout 0.5, BN eps 0.001 momentum 0.01). */
export const efficientnet_b6 = b(1.8, 2.6, 0.5, bnEps3Momentum);
/** EfficientNet-B7 (width 2.0, depth 3.1, dropout 0.5, BN eps 0.001 momentum 0.01). */
export const efficientnet_b7 = b(2.0, 3.1, 0.5, bnEps3Momentum);

const v2 = (setting: MBConvConfig[], dropout: number) => ({ dropout: dOpt = dropout, ...o }: EfficientNetOptions = {}) =>
  new EfficientNet(setting, dOpt, { normLayer: bnEps3, ...o }, 1280);

/** EfficientNet V2-S. */
export const efficientnet_v2_s = v2([
  fusedMbconv(1, 3, 1, 24, 24, 2), fusedMbconv(4, 3, 2, 24, 48, 4), fusedMbconv(4, 3, 2, 48, 64, 4),
  mbconv(4, 3, 2, 64, 128, 6), mbconv(6, 3, 1, 128, 160, 9), mbconv(6, 3, 2, 160, 256, 15),
], 0.2);
/** EfficientNet V2-M. */
export const efficientnet_v2_m = v2([
  fusedMbconv(1, 3, 1, 24, 24, 3), fusedMbconv(4, 3, 2, 24, 48, 5), fusedMbconv(4, 3, 2, 48, 80, 5),
  mbconv(4, 3, 2, 80, 160, 7), mbconv(6, 3, 1, 160, 176, 14), mbconv(6, 3, 2, 176, 304, 18), mbconv(6, 3, 1, 304, 512, 5),
], 0.3);
/** EfficientNet V2-L. */
export const efficientnet_v2_l = v2([
  fusedMbconv(1, 3, 1, 32, 32, 4), fusedMbconv(4, 3, 2, 32, 64, 7), fusedMbconv(4, 3, 2, 64, 96, 7),
  mbconv(4, 3, 2, 96, 192, 10), mbconv(6, 3, 1, 192, 224, 19), mbconv(6, 3, 2, 224, 384, 25), mbconv(6, 3, 1, 384, 640, 7),
], 0.4);
