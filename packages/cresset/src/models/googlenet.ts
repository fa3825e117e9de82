/**
 * GoogLeNet (Inception v1) as torchvision.models.googlenet builds it: BasicConv2d (conv, BN eps
 * 0.001, ReLU) stem, nine Inception blocks, two auxiliary classifiers used in training, and
 * trunc_normal_(std 0.01) Conv2d and Linear weights.
 */
import { cat, Tensor } from '@cresset/autograd';
import * as nn from '@cresset/nn';

const F = nn.functional;

/** A convolution's shape arguments as torchvision's BasicConv2d passes them on. */
export interface BasicConvOptions {
  /** Kernel size of the convolution. */
  kernelSize: number | [number, number];
  /** Stride of the convolution (1). */
  stride?: number;
  /** Zero padding of the convolution (0). */
  padding?: number | [number, number];
}

/** Conv2d without bias, BatchNorm2d (eps 0.001), ReLU. */
export class BasicConv2d extends nn.Module {
  /** The convolution, without bias. */
  conv: nn.Conv2d;
  /** BatchNorm2d with eps 0.001 (the ReLU is applied in forward). */
  bn: nn.BatchNorm2d;

  constructor(inChannels: number, outChannels: number, o: BasicConvOptions) {
    super();
    this.conv = new nn.Conv2d(inChannels, outChannels, o.kernelSize, { stride: o.stride ?? 1, padding: o.padding ?? 0, bias: false });
    this.bn = new nn.BatchNorm2d(outChannels, { eps: 0.001 });
  }

  forward(x: Tensor): Tensor {
    return F.relu(this.bn.forward(this.conv.forward(x)), true);
  }
}

/** Four branches (1x1; 1x1-3x3; 1x1-3x3; 3x3 max-pool-1x1) concatenated on channels. */
export class Inception extends nn.Module {
  /** The 1x1 branch. */
  branch1: BasicConv2d;
  /** 1x1 reduction to ch3x3red, then 3x3 to ch3x3. */
  branch2: nn.Sequential;
  /** 1x1 reduction to ch5x5red, then a 3x3 (not 5x5, as in torchvision) to ch5x5. */
  branch3: nn.Sequential;
  /** 3x3 stride-1 max-pool, then 1x1 projection to poolProj. */
  branch4: nn.Sequential;

  constructor(inChannels: number, ch1x1: number, ch3x3red: number, ch3x3: number, ch5x5red: number, ch5x5: number, poolProj: number) {
    super();
    this.branch1 = new BasicConv2d(inChannels, ch1x1, { kernelSize: 1 });
    this.branch2 = new nn.Sequential(new BasicConv2d(inChannels, ch3x3red, { kernelSize: 1 }), new BasicConv2d(ch3x3red, ch3x3, { kernelSize: 3, padding: 1 }));
    this.branch3 = new nn.Sequential(new BasicConv2d(inChannels, ch5x5red, { kernelSize: 1 }), new BasicConv2d(ch5x5red, ch5x5, { kernelSize: 3, padding: 1 }));
    this.branch4 = new nn.Sequential(new nn.MaxPool2d({ kernelSize: 3, stride: 1, padding: 1, ceilMode: true }), new BasicConv2d(inChannels, poolProj, { kernelSize: 1 }));
  }

  forward(x: Tensor): Tensor {
    return cat([this.branch1.forward(x), this.branch2.forward(x) as Tensor, this.branch3.forward(x) as Tensor, this.branch4.forward(x) as Tensor], 1);
  }
}

/** GoogLeNet's auxiliary classifier (torchvision's googlenet.InceptionAux; models.GoogLeNetAux): 4x4 adaptive average pool, 1x1 conv to 128, Linear 2048-1024, ReLU, dropout, Linear. */
export class InceptionAux extends nn.Module {
  /** The 1x1 BasicConv2d to 128 channels, after a 4x4 adaptive average pool. */
  conv: BasicConv2d;
  /** Linear 2048-1024. */
  fc1: nn.Linear;
  /** Linear 1024-numClasses. */
  fc2: nn.Linear;
  /** Dropout between fc1 (with its ReLU) and fc2 (p 0.7 by default). */
  dropout: nn.Dropout;

  constructor(inChannels: number, numClasses: number, dropout = 0.7) {
    super();
    this.conv = new BasicConv2d(inChannels, 128, { kernelSize: 1 });
    this.fc1 = new nn.Linear(2048, 1024);
    this.fc2 = new nn.Linear(1024, numClasses);
    this.dropout = new nn.Dropout({ p: dropout });
  }

  forward(x: Tensor): Tensor {
    x = this.conv.forward(F.adaptiveAvgPool2d(x, [4, 4])).flatten(1);
    return this.fc2.forward(this.dropout.forward(F.relu(this.fc1.forward(x), true)));
  }
}

/** GoogLeNet's training-mode output with auxiliary classifiers (torchvision's GoogLeNetOutputs). */
export interface GoogLeNetOutputs {
  /** The main classifier's output. */
  logits: Tensor;
  /** The second auxiliary classifier's output (after inception4d); null without aux classifiers. */
  auxLogits2: Tensor | null;
  /** The first auxiliary classifier's output (after inception4a); null without aux classifiers. */
  auxLogits1: Tensor | null;
}

/** torchvision's GoogLeNet arguments. */
export interface GoogLeNetOptions {
  /** Outputs of the classifier (1000). */
  numClasses?: number;
  /** Build the two auxiliary classifiers, whose outputs training mode returns (true). */
  auxLogits?: boolean;
  /** Map inputs normalised with ImageNet's statistics to the (x - 0.5) / 0.5 the original weights expect (false). */
  transformInput?: boolean;
  /** trunc_normal_ weights as torchvision (true); false keeps PyTorch's default layer init. */
  initWeights?: boolean;
  /** Dropout before the classifier (0.2). */
  dropout?: number;
  /** Dropout of the auxiliary classifiers (0.7). */
  dropoutAux?: number;
}

/** Re-maps each channel from ImageNet normalisation to (x - 0.5) / 0.5 (torchvision's _transform_input). */
export function transformImageNetInput(x: Tensor): Tensor {
  const ch = (i: number, std: number, mean: number) => x.narrow(1, i, 1).mul(std / 0.5).add((mean - 0.5) / 0.5);
  return cat([ch(0, 0.229, 0.485), ch(1, 0.224, 0.456), ch(2, 0.225, 0.406)], 1);
}

/** torchvision.models.GoogLeNet: in eval mode (or without aux classifiers) forward gives the logits. */
export class GoogLeNet extends nn.Module {
  /** Whether the auxiliary classifiers are built and training mode returns their outputs. */
  readonly auxLogits: boolean;
  /** Whether forward first maps ImageNet-normalised inputs with transformImageNetInput. */
  readonly transformInput: boolean;
  /** The 7x7 stride-2 stem convolution to 64 channels. */
  conv1: BasicConv2d;
  /** 3x3 stride-2 max-pool after conv1. */
  maxpool1: nn.MaxPool2d;
  /** 1x1 convolution, 64 to 64 channels. */
  conv2: BasicConv2d;
  /** 3x3 convolution, 64 to 192 channels. */
  conv3: BasicConv2d;
  /** 3x3 stride-2 max-pool after conv3. */
  maxpool2: nn.MaxPool2d;
  /** Inception block, 192 to 256 channels. */
  inception3a: Inception;
  /** Inception block, 256 to 480 channels. */
  inception3b: Inception;
  /** 3x3 stride-2 max-pool after inception3b. */
  maxpool3: nn.MaxPool2d;
  /** Inception block, 480 to 512 channels. */
  inception4a: Inception;
  /** Inception block, 512 to 512 channels. */
  inception4b: Inception;
  /** Inception block, 512 to 512 channels. */
  inception4c: Inception;
  /** Inception block, 512 to 528 channels. */
  inception4d: Inception;
  /** Inception block, 528 to 832 channels. */
  inception4e: Inception;
  /** 2x2 stride-2 max-pool after inception4e. */
  maxpool4: nn.MaxPool2d;
  /** Inception block, 832 to 832 channels. */
  inception5a: Inception;
  /** Inception block, 832 to 1024 channels. */
  inception5b: Inception;
  /** Auxiliary classifier on inception4a's output (512 channels); null when auxLogits is false. */
  aux1: InceptionAux | null;
  /** Auxiliary classifier on inception4d's output (528 channels); null when auxLogits is false. */
  aux2: InceptionAux | null;
  /** Adaptive average pool to 1x1. */
  avgpool: nn.AdaptiveAvgPool2d;
  /** Dropout before fc. */
  dropout: nn.Dropout;
  /** Linear 1024-numClasses. */
  fc: nn.Linear;

  constructor({ numClasses = 1000, auxLogits = true, transformInput = false, initWeights = true, dropout = 0.2, dropoutAux = 0.7 }: GoogLeNetOptions = {}) {
    super();
    this.auxLogits = auxLogits;
    this.transformInput = transformInput;
    const pool = (k: number) => new nn.MaxPool2d(k, { stride: 2, ceilMode: true });
    this.conv1 = new BasicConv2d(3, 64, { kernelSize: 7, stride: 2, padding: 3 });
    this.maxpool1 = pool(3);
    this.conv2 = new BasicConv2d(64, 64, { kernelSize: 1 });
    this.conv3 = new BasicConv2d(64, 192, { kernelSize: 3, padding: 1 });
    this.maxpool2 = pool(3);
    this.inception3a = new Inception(192, 64, 96, 128, 16, 32, 32);
    this.inception3b = new Inception(256, 128, 128, 192, 32, 96, 64);
    this.maxpool3 = pool(3);
    this.inception4a = new Inception(480, 192, 96, 208, 16, 48, 64);
    this.inception4b = new Inception(512, 160, 112, 224, 24, 64, 64);
    this.inception4c = new Inception(512, 128, 128, 256, 24, 64, 64);
    this.inception4d = new Inception(512, 112, 144, 288, 32, 64, 64);
    this.inception4e = new Inception(528, 256, 160, 320, 32, 128, 128);
    this.maxpool4 = pool(2);
    this.inception5a = new Inception(832, 256, 160, 320, 32, 128, 128);
    this.inception5b = new Inception(832, 384, 192, 384, 48, 128, 128);
    this.aux1 = auxLogits ? new InceptionAux(512, numClasses, dropoutAux) : null;
    this.aux2 = auxLogits ? new InceptionAux(528, numClasses, dropoutAux) : null;
    this.avgpool = new nn.AdaptiveAvgPool2d([1, 1]);
    this.dropout = new nn.Dropout({ p: dropout });
    this.fc = new nn.Linear(1024, numClasses);
    if (!initWeights) return;
    for (const m of this.modules()) {
      if (m instanceof nn.Conv2d || m instanceof nn.Linear) nn.init.truncNormal_(m.weight, 0, 0.01, -2, 2);
      else if (m instanceof nn.BatchNorm2d) {
        if (m.weight) nn.init.constant_(m.weight, 1);
        if (m.bias) nn.init.constant_(m.bias, 0);
      }
    }
  }

  /** The logits; in training mode with auxiliary classifiers, { logits, auxLogits2, auxLogits1 }. */
  forward(x: Tensor): Tensor | GoogLeNetOutputs {
    if (this.transformInput) x = transformImageNetInput(x);
    x = this.maxpool1.forward(this.conv1.forward(x));
    x = this.maxpool2.forward(this.conv3.forward(this.conv2.forward(x)));
    x = this.inception4a.forward(this.maxpool3.forward(this.inception3b.forward(this.inception3a.forward(x))));
    const aux1 = this.aux1 && this.training ? this.aux1.forward(x) : null;
    x = this.inception4d.forward(this.inception4c.forward(this.inception4b.forward(x)));
    const aux2 = this.aux2 && this.training ? this.aux2.forward(x) : null;
    x = this.maxpool4.forward(this.inception4e.forward(x));
    x = this.inception5b.forward(this.inception5a.forward(x));
    const logits = this.fc.forward(this.dropout.forward(this.avgpool.forward(x).flatten(1)));
    return this.training && this.auxLogits ? { logits, auxLogits2: aux2, auxLogits1: aux1 } : logits;
  }
}

/** GoogLeNet (6.6M parameters with the auxiliary classifiers). */
export const googlenet = (o: GoogLeNetOptions = {}) => new GoogLeNet(o);
