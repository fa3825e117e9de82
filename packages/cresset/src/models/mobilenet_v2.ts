/** MobileNet V2 as torchvision.models.mobilenet_v2 builds it (inverted residuals with ReLU6, kaiming fan_out init). */
import { Tensor } from '@cresset/autograd';
import { ValueError } from '@cresset/tensor';
import * as nn from '@cresset/nn';
import { batchNorm2d, Conv2dNormActivation, initMobileNetWeights, makeDivisible, NormLayer } from './ops_misc';

/** An expand (1x1), depthwise (3x3) and project (1x1) block, with a shortcut when stride 1 keeps the channels. */
export class InvertedResidual extends nn.Module {
  /** Stride of the depthwise convolution (1 or 2). */
  readonly stride: number;
  /** Whether the input is added to the output (stride 1 and equal input and output channels). */
  readonly useResConnect: boolean;
  /** The optional 1x1 expand, the 3x3 depthwise Conv2dNormActivation, the 1x1 project convolution and its norm. */
  conv: nn.Sequential;
  /** Output channels of the block. */
  readonly outChannels: number;

  constructor(inp: number, oup: number, stride: number, expandRatio: number, normLayer: NormLayer = batchNorm2d) {
    super();
    if (stride !== 1 && stride !== 2) throw new ValueError(`InvertedResidual: stride should be 1 or 2 instead of ${stride}`);
    this.stride = stride;
    const hidden = Math.round(inp * expandRatio);
    this.useResConnect = stride === 1 && inp === oup;
    const layers: nn.Module[] = [];
    if (expandRatio !== 1) layers.push(new Conv2dNormActivation(inp, hidden, { kernelSize: 1, normLayer, activationLayer: nn.ReLU6 }));
    layers.push(
      new Conv2dNormActivation(hidden, hidden, { stride, groups: hidden, normLayer, activationLayer: nn.ReLU6 }),
      new nn.Conv2d(hidden, oup, 1, { stride: 1, padding: 0, bias: false }),
      normLayer(oup),
    );
    this.conv = new nn.Sequential(...layers);
    this.outChannels = oup;
  }

  forward(x: Tensor): Tensor {
    const y = this.conv.forward(x) as Tensor;
    return this.useResConnect ? x.add(y) : y;
  }
}

/** torchvision's MobileNetV2 arguments. */
export interface MobileNetV2Options {
  /** Outputs of the classifier (1000). */
  numClasses?: number;
  /** Multiplier of every layer's channels (1.0). */
  widthMult?: number;
  /** Rows [expansion t, channels c, repeats n, stride s]; torchvision's seven by default. */
  invertedResidualSetting?: readonly (readonly [number, number, number, number])[];
  /** Channels are rounded to multiples of this (8). */
  roundNearest?: number;
  /** The normalisation layer (BatchNorm2d). */
  normLayer?: NormLayer;
  /** Dropout probability of the classifier (0.2). */
  dropout?: number;
}

const DEFAULT_SETTING = [[1, 16, 1, 1], [6, 24, 2, 2], [6, 32, 3, 2], [6, 64, 4, 2], [6, 96, 3, 1], [6, 160, 3, 2], [6, 320, 1, 1]] as const;

/** torchvision.models.MobileNetV2: features (stem, inverted residuals, 1x1 to lastChannel), global average pool, classifier. */
export class MobileNetV2 extends nn.Module {
  /** Channels of the last 1x1 feature convolution, the classifier's input. */
  readonly lastChannel: number;
  /** The stride-2 stem, the inverted residuals and the final 1x1 Conv2dNormActivation. */
  features: nn.Sequential;
  /** Dropout, then Linear lastChannel-numClasses. */
  classifier: nn.Sequential;

  constructor({ numClasses = 1000, widthMult = 1.0, invertedResidualSetting = DEFAULT_SETTING, roundNearest = 8, normLayer = batchNorm2d, dropout = 0.2 }: MobileNetV2Options = {}) {
    super();
    if (invertedResidualSetting.length === 0 || invertedResidualSetting[0].length !== 4) {
      throw new ValueError(`MobileNetV2: invertedResidualSetting should be non-empty with 4-element rows, got ${JSON.stringify(invertedResidualSetting)}`);
    }
    let inputChannel = makeDivisible(32 * widthMult, roundNearest);
    this.lastChannel = makeDivisible(1280 * Math.max(1.0, widthMult), roundNearest);
    const features: nn.Module[] = [new Conv2dNormActivation(3, inputChannel, { stride: 2, normLayer, activationLayer: nn.ReLU6 })];
    for (const [t, c, n, s] of invertedResidualSetting) {
      const outputChannel = makeDivisible(c * widthMult, roundNearest);
      for (let i = 0; i < n; i++) {
        features.push(new InvertedResidual(inputChannel, outputChannel, i === 0 ? s : 1, t, normLayer));
        inputChannel = outputChannel;
      }
    }
    features.push(new Conv2dNormActivation(inputChannel, this.lastChannel, { kernelSize: 1, normLayer, activationLayer: nn.ReLU6 }));
    this.features = new nn.Sequential(...features);
    this.classifier = new nn.Sequential(new nn.Dropout({ p: dropout }), new nn.Linear(this.lastChannel, numClasses));
    initMobileNetWeights(this);
  }

  forward(x: Tensor): Tensor {
    const f = nn.functional.adaptiveAvgPool2d(this.features.forward(x) as Tensor, [1, 1]);
    return this.classifier.forward(f.flatten(1)) as Tensor;
  }
}

/** MobileNet V2 (3.5M parameters at widthMult 1). */
export const mobilenet_v2 = (o: MobileNetV2Options = {}) => new MobileNetV2(o);
/** mobilenet_v2 under its camelCase name. */
export const mobilenetV2 = mobilenet_v2;
