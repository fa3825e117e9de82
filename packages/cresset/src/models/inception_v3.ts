/**
 * Inception v3 as torchvision.models.inception_v3 builds it (299x299 design, 75x75 at least):
 * BasicConv2d stem, InceptionA-E blocks, an auxiliary classifier used in training, and
 * trunc_normal_(std 0.1) Conv2d and Linear weights (0.001 for the auxiliary fc).
 */
import { cat, Tensor } from '@cresset/autograd';
import * as nn from '@cresset/nn';
import { BasicConv2d, transformImageNetInput } from './googlenet';

const F = nn.functional;
const avgPool3 = (x: Tensor) => F.avgPool2d(x, 3, { stride: 1, padding: 1 });
const maxPool3s2 = (x: Tensor) => F.maxPool2d(x, 3, { stride: 2 });

/** 1x1; 1x1-5x5; 1x1-3x3-3x3; avg-pool-1x1 (Mixed_5b-5d). */
export class InceptionA extends nn.Module {
  /** 1x1 branch to 64 channels. */
  branch1x1: BasicConv2d;
  /** 5x5 branch: 1x1 to 48 channels. */
  branch5x5_1: BasicConv2d;
  /** 5x5 branch: 5x5 to 64 channels. */
  branch5x5_2: BasicConv2d;
  /** Double-3x3 branch: 1x1 to 64 channels. */
  branch3x3dbl_1: BasicConv2d;
  /** Double-3x3 branch: first 3x3, to 96 channels. */
  branch3x3dbl_2: BasicConv2d;
  /** Double-3x3 branch: second 3x3, 96 channels. */
  branch3x3dbl_3: BasicConv2d;
  /** Pool branch: 1x1 to poolFeatures after a 3x3 stride-1 average pool. */
  branch_pool: BasicConv2d;

  constructor(inChannels: number, poolFeatures: number) {
    super();
    this.branch1x1 = new BasicConv2d(inChannels, 64, { kernelSize: 1 });
    this.branch5x5_1 = new BasicConv2d(inChannels, 48, { kernelSize: 1 });
    this.branch5x5_2 = new BasicConv2d(48, 64, { kernelSize: 5, padding: 2 });
    this.branch3x3dbl_1 = new BasicConv2d(inChannels, 64, { kernelSize: 1 });
    this.branch3x3dbl_2 = new BasicConv2d(64, 96, { kernelSize: 3, padding: 1 });
    this.branch3x3dbl_3 = new BasicConv2d(96, 96, { kernelSize: 3, padding: 1 });
    this.branch_pool = new BasicConv2d(inChannels, poolFeatures, { kernelSize: 1 });
  }

  forward(x: Tensor): Tensor {
    const b5 = this.branch5x5_2.forward(this.branch5x5_1.forward(x));
    const b3 = this.branch3x3dbl_3.forward(this.branch3x3dbl_2.forward(this.branch3x3dbl_1.forward(x)));
    return cat([this.branch1x1.forward(x), b5, b3, this.branch_pool.forward(avgPool3(x))], 1);
  }
}

/** Grid reduction: 3x3 stride 2; 1x1-3x3-3x3 stride 2; max-pool (Mixed_6a). */
export class InceptionB extends nn.Module {
  /** 3x3 stride-2 branch to 384 channels. */
  branch3x3: BasicConv2d;
  /** Double-3x3 branch: 1x1 to 64 channels. */
  branch3x3dbl_1: BasicConv2d;
  /** Double-3x3 branch: 3x3 to 96 channels. */
  branch3x3dbl_2: BasicConv2d;
  /** Double-3x3 branch: 3x3 stride 2, 96 channels. */
  branch3x3dbl_3: BasicConv2d;

  constructor(inChannels: number) {
    super();
    this.branch3x3 = new BasicConv2d(inChannels, 384, { kernelSize: 3, stride: 2 });
    this.branch3x3dbl_1 = new BasicConv2d(inChannels, 64, { kernelSize: 1 });
    this.branch3x3dbl_2 = new BasicConv2d(64, 96, { kernelSize: 3, padding: 1 });
    this.branch3x3dbl_3 = new BasicConv2d(96, 96, { kernelSize: 3, stride: 2 });
  }

  forward(x: Tensor): Tensor {
    const b3 = this.branch3x3dbl_3.forward(this.branch3x3dbl_2.forward(this.branch3x3dbl_1.forward(x)));
    return cat([this.branch3x3.forward(x), b3, maxPool3s2(x)], 1);
  }
}

/** Factorised 7x7 branches (1x7 and 7x1) with channels7x7 inner channels (Mixed_6b-6e). */
export class InceptionC extends nn.Module {
  /** 1x1 branch to 192 channels. */
  branch1x1: BasicConv2d;
  /** 7x7 branch: 1x1 to channels7x7. */
  branch7x7_1: BasicConv2d;
  /** 7x7 branch: 1x7. */
  branch7x7_2: BasicConv2d;
  /** 7x7 branch: 7x1 to 192 channels. */
  branch7x7_3: BasicConv2d;
  /** Double-7x7 branch: 1x1 to channels7x7. */
  branch7x7dbl_1: BasicConv2d;
  /** Double-7x7 branch: 7x1. */
  branch7x7dbl_2: BasicConv2d;
  /** Double-7x7 branch: 1x7. */
  branch7x7dbl_3: BasicConv2d;
  /** Double-7x7 branch: 7x1. */
  branch7x7dbl_4: BasicConv2d;
  /** Double-7x7 branch: 1x7 to 192 channels. */
  branch7x7dbl_5: BasicConv2d;
  /** Pool branch: 1x1 to 192 channels after a 3x3 stride-1 average pool. */
  branch_pool: BasicConv2d;

  constructor(inChannels: number, channels7x7: number) {
    super();
    const c7 = channels7x7;
    const row = { kernelSize: [1, 7] as [number, number], padding: [0, 3] as [number, number] };
    const col = { kernelSize: [7, 1] as [number, number], padding: [3, 0] as [number, number] };
    this.branch1x1 = new BasicConv2d(inChannels, 192, { kernelSize: 1 });
    this.branch7x7_1 = new BasicConv2d(inChannels, c7, { kernelSize: 1 });
    this.branch7x7_2 = new BasicConv2d(c7, c7, row);
    this.branch7x7_3 = new BasicConv2d(c7, 192, col);
    this.branch7x7dbl_1 = new BasicConv2d(inChannels, c7, { kernelSize: 1 });
    this.branch7x7dbl_2 = new BasicConv2d(c7, c7, col);
    this.branch7x7dbl_3 = new BasicConv2d(c7, c7, row);
    this.branch7x7dbl_4 = new BasicConv2d(c7, c7, col);
    this.branch7x7dbl_5 = new BasicConv2d(c7, 192, row);
    this.branch_pool = new BasicConv2d(inChannels, 192, { kernelSize: 1 });
  }

  forward(x: Tensor): Tensor {
    const b7 = this.branch7x7_3.forward(this.branch7x7_2.forward(this.branch7x7_1.forward(x)));
    let d = this.branch7x7dbl_2.forward(this.branch7x7dbl_1.forward(x));
    d = this.branch7x7dbl_5.forward(this.branch7x7dbl_4.forward(this.branch7x7dbl_3.forward(d)));
    return cat([this.branch1x1.forward(x), b7, d, this.branch_pool.forward(avgPool3(x))], 1);
  }
}

/** Grid reduction: 1x1-3x3 stride 2; 1x1-1x7-7x1-3x3 stride 2; max-pool (Mixed_7a). */
export class InceptionD extends nn.Module {
  /** 3x3 branch: 1x1 to 192 channels. */
  branch3x3_1: BasicConv2d;
  /** 3x3 branch: 3x3 stride 2 to 320 channels. */
  branch3x3_2: BasicConv2d;
  /** 7x7x3 branch: 1x1 to 192 channels. */
  branch7x7x3_1: BasicConv2d;
  /** 7x7x3 branch: 1x7. */
  branch7x7x3_2: BasicConv2d;
  /** 7x7x3 branch: 7x1. */
  branch7x7x3_3: BasicConv2d;
  /** 7x7x3 branch: 3x3 stride 2, 192 channels. */
  branch7x7x3_4: BasicConv2d;

  constructor(inChannels: number) {
    super();
    this.branch3x3_1 = new BasicConv2d(inChannels, 192, { kernelSize: 1 });
    this.branch3x3_2 = new BasicConv2d(192, 320, { kernelSize: 3, stride: 2 });
    this.branch7x7x3_1 = new BasicConv2d(inChannels, 192, { kernelSize: 1 });
    this.branch7x7x3_2 = new BasicConv2d(192, 192, { kernelSize: [1, 7], padding: [0, 3] });
    this.branch7x7x3_3 = new BasicConv2d(192, 192, { kernelSize: [7, 1], padding: [3, 0] });
    this.branch7x7x3_4 = new BasicConv2d(192, 192, { kernelSize: 3, stride: 2 });
  }

  forward(x: Tensor): Tensor {
    const b3 = this.branch3x3_2.forward(this.branch3x3_1.forward(x));
    const b7 = this.branch7x7x3_4.forward(this.branch7x7x3_3.forward(this.branch7x7x3_2.forward(this.branch7x7x3_1.forward(x))));
    return cat([b3, b7, maxPool3s2(x)], 1);
  }
}

/** Expanded filter bank: 1x3 and 3x1 branches side by side (Mixed_7b, 7c). */
export class InceptionE extends nn.Module {
  /** 1x1 branch to 320 channels. */
  branch1x1: BasicConv2d;
  /** 3x3 branch: 1x1 to 384 channels. */
  branch3x3_1: BasicConv2d;
  /** 3x3 branch: 1x3, concatenated with branch3x3_2b. */
  branch3x3_2a: BasicConv2d;
  /** 3x3 branch: 3x1, concatenated with branch3x3_2a. */
  branch3x3_2b: BasicConv2d;
  /** Double-3x3 branch: 1x1 to 448 channels. */
  branch3x3dbl_1: BasicConv2d;
  /** Double-3x3 branch: 3x3 to 384 channels. */
  branch3x3dbl_2: BasicConv2d;
  /** Double-3x3 branch: 1x3, concatenated with branch3x3dbl_3b. */
  branch3x3dbl_3a: BasicConv2d;
  /** Double-3x3 branch: 3x1, concatenated with branch3x3dbl_3a. */
  branch3x3dbl_3b: BasicConv2d;
  /** Pool branch: 1x1 to 192 channels after a 3x3 stride-1 average pool. */
  branch_pool: BasicConv2d;

  constructor(inChannels: number) {
    super();
    const row = { kernelSize: [1, 3] as [number, number], padding: [0, 1] as [number, number] };
    const col = { kernelSize: [3, 1] as [number, number], padding: [1, 0] as [number, number] };
    this.branch1x1 = new BasicConv2d(inChannels, 320, { kernelSize: 1 });
    this.branch3x3_1 = new BasicConv2d(inChannels, 384, { kernelSize: 1 });
    this.branch3x3_2a = new BasicConv2d(384, 384, row);
    this.branch3x3_2b = new BasicConv2d(384, 384, col);
    this.branch3x3dbl_1 = new BasicConv2d(inChannels, 448, { kernelSize: 1 });
    this.branch3x3dbl_2 = new BasicConv2d(448, 384, { kernelSize: 3, padding: 1 });
    this.branch3x3dbl_3a = new BasicConv2d(384, 384, row);
    this.branch3x3dbl_3b = new BasicConv2d(384, 384, col);
    this.branch_pool = new BasicConv2d(inChannels, 192, { kernelSize: 1 });
  }

  forward(x: Tensor): Tensor {
    const b3 = this.branch3x3_1.forward(x);
    const d = this.branch3x3dbl_2.forward(this.branch3x3dbl_1.forward(x));
    return cat([
      this.branch1x1.forward(x),
      cat([this.branch3x3_2a.forward(b3), this.branch3x3_2b.forward(b3)], 1),
      cat([this.branch3x3dbl_3a.forward(d), this.branch3x3dbl_3b.forward(d)], 1),
      this.branch_pool.forward(avgPool3(x)),
    ], 1);
  }
}

/** Inception v3's auxiliary classifier on Mixed_6e (torchvision's inception.InceptionAux; models.Inception3Aux): 5x5 stride-3 average pool, 1x1 to 128, 5x5 to 768, global pool, fc. */
export class InceptionAux extends nn.Module {
  /** 1x1 to 128 channels, after the 5x5 stride-3 average pool. */
  conv0: BasicConv2d;
  /** 5x5 to 768 channels. */
  conv1: BasicConv2d;
  /** Linear 768-numClasses (trunc_normal_ std 0.001). */
  fc: nn.Linear;

  constructor(inChannels: number, numClasses: number) {
    super();
    this.conv0 = new BasicConv2d(inChannels, 128, { kernelSize: 1 });
    this.conv1 = new BasicConv2d(128, 768, { kernelSize: 5 });
    this.fc = new nn.Linear(768, numClasses);
  }

  forward(x: Tensor): Tensor {
    x = this.conv1.forward(this.conv0.forward(F.avgPool2d(x, 5, { stride: 3 })));
    return this.fc.forward(F.adaptiveAvgPool2d(x, [1, 1]).flatten(1));
  }
}

/** Inception v3's training-mode output with the auxiliary classifier (torchvision's InceptionOutputs). */
export interface InceptionOutputs {
  /** The main classifier's output. */
  logits: Tensor;
  /** The auxiliary classifier's output; null without it. */
  auxLogits: Tensor | null;
}

/** torchvision's Inception3 arguments. */
export interface Inception3Options {
  /** Outputs of the classifier (1000). */
  numClasses?: number;
  /** Build the auxiliary classifier, whose output training mode returns (true). */
  auxLogits?: boolean;
  /** Map ImageNet-normalised inputs to the (x - 0.5) / 0.5 the original weights expect (false). */
  transformInput?: boolean;
  /** trunc_normal_ weights as torchvision (true); false keeps PyTorch's default layer init. */
  initWeights?: boolean;
  /** Dropout before the classifier (0.5). */
  dropout?: number;
}

/** torchvision.models.Inception3: in eval mode (or without the auxiliary classifier) forward gives the logits. */
export class Inception3 extends nn.Module {
  /** Whether the auxiliary classifier is built and training mode returns its output. */
  readonly auxLogits: boolean;
  /** Whether forward first maps ImageNet-normalised inputs with transformImageNetInput. */
  readonly transformInput: boolean;
  /** 3x3 stride-2 stem convolution to 32 channels. */
  Conv2d_1a_3x3: BasicConv2d;
  /** 3x3 convolution, 32 to 32 channels. */
  Conv2d_2a_3x3: BasicConv2d;
  /** 3x3 convolution (padding 1), 32 to 64 channels. */
  Conv2d_2b_3x3: BasicConv2d;
  /** 3x3 stride-2 max-pool after Conv2d_2b_3x3. */
  maxpool1: nn.MaxPool2d;
  /** 1x1 convolution, 64 to 80 channels. */
  Conv2d_3b_1x1: BasicConv2d;
  /** 3x3 convolution, 80 to 192 channels. */
  Conv2d_4a_3x3: BasicConv2d;
  /** 3x3 stride-2 max-pool after Conv2d_4a_3x3. */
  maxpool2: nn.MaxPool2d;
  /** InceptionA, 192 to 256 channels. */
  Mixed_5b: InceptionA;
  /** InceptionA, 256 to 288 channels. */
  Mixed_5c: InceptionA;
  /** InceptionA, 288 to 288 channels. */
  Mixed_5d: InceptionA;
  /** InceptionB grid reduction, 288 to 768 channels. */
  Mixed_6a: InceptionB;
  /** InceptionC with 128 inner channels, 768 channels. */
  Mixed_6b: InceptionC;
  /** InceptionC with 160 inner channels, 768 channels. */
  Mixed_6c: InceptionC;
  /** InceptionC with 160 inner channels, 768 channels. */
  Mixed_6d: InceptionC;
  /** InceptionC with 192 inner channels, 768 channels. */
  Mixed_6e: InceptionC;
  /** Auxiliary classifier on Mixed_6e's output; null when auxLogits is false. */
  AuxLogits: InceptionAux | null;
  /** InceptionD grid reduction, 768 to 1280 channels. */
  Mixed_7a: InceptionD;
  /** InceptionE, 1280 to 2048 channels. */
  Mixed_7b: InceptionE;
  /** InceptionE, 2048 to 2048 channels. */
  Mixed_7c: InceptionE;
  /** Adaptive average pool to 1x1. */
  avgpool: nn.AdaptiveAvgPool2d;
  /** Dropout before fc. */
  dropout: nn.Dropout;
  /** Linear 2048-numClasses. */
  fc: nn.Linear;

  constructor({ numClasses = 1000, auxLogits = true, transformInput = false, initWeights = true, dropout = 0.5 }: Inception3Options = {}) {
    super();
    this.auxLogits = auxLogits;
    this.transformInput = transformInput;
    this.Conv2d_1a_3x3 = new BasicConv2d(3, 32, { kernelSize: 3, stride: 2 });
    this.Conv2d_2a_3x3 = new BasicConv2d(32, 32, { kernelSize: 3 });
    this.Conv2d_2b_3x3 = new BasicConv2d(32, 64, { kernelSize: 3, padding: 1 });
    this.maxpool1 = new nn.MaxPool2d({ kernelSize: 3, stride: 2 });
    this.Conv2d_3b_1x1 = new BasicConv2d(64, 80, { kernelSize: 1 });
    this.Conv2d_4a_3x3 = new BasicConv2d(80, 192, { kernelSize: 3 });
    this.maxpool2 = new nn.MaxPool2d({ kernelSize: 3, stride: 2 });
    this.Mixed_5b = new InceptionA(192, 32);
    this.Mixed_5c = new InceptionA(256, 64);
    this.Mixed_5d = new InceptionA(288, 64);
    this.Mixed_6a = new InceptionB(288);
    this.Mixed_6b = new InceptionC(768, 128);
    this.Mixed_6c = new InceptionC(768, 160);
    this.Mixed_6d = new InceptionC(768, 160);
    this.Mixed_6e = new InceptionC(768, 192);
    this.AuxLogits = auxLogits ? new InceptionAux(768, numClasses) : null;
    this.Mixed_7a = new InceptionD(768);
    this.Mixed_7b = new InceptionE(1280);
    this.Mixed_7c = new InceptionE(2048);
    this.avgpool = new nn.AdaptiveAvgPool2d([1, 1]);
    this.dropout = new nn.Dropout({ p: dropout });
    this.fc = new nn.Linear(2048, numClasses);
    if (!initWeights) return;
    const auxFc = this.AuxLogits?.fc;
    for (const m of this.modules()) {
      if (m instanceof nn.Conv2d || m instanceof nn.Linear) nn.init.truncNormal_(m.weight, 0, m === auxFc ? 0.001 : 0.1, -2, 2);
      else if (m instanceof nn.BatchNorm2d) {
        if (m.weight) nn.init.constant_(m.weight, 1);
        if (m.bias) nn.init.constant_(m.bias, 0);
      }
    }
  }

  /** The logits; in training mode with the auxiliary classifier, { logits, auxLogits }. */
  forward(x: Tensor): Tensor | InceptionOutputs {
    if (this.transformInput) x = transformImageNetInput(x);
    x = this.maxpool1.forward(this.Conv2d_2b_3x3.forward(this.Conv2d_2a_3x3.forward(this.Conv2d_1a_3x3.forward(x))));
    x = this.maxpool2.forward(this.Conv2d_4a_3x3.forward(this.Conv2d_3b_1x1.forward(x)));
    x = this.Mixed_6a.forward(this.Mixed_5d.forward(this.Mixed_5c.forward(this.Mixed_5b.forward(x))));
    x = this.Mixed_6e.forward(this.Mixed_6d.forward(this.Mixed_6c.forward(this.Mixed_6b.forward(x))));
    const aux = this.AuxLogits && this.training ? this.AuxLogits.forward(x) : null;
    x = this.Mixed_7c.forward(this.Mixed_7b.forward(this.Mixed_7a.forward(x)));
    const logits = this.fc.forward(this.dropout.forward(this.avgpool.forward(x)).flatten(1));
    return this.training && this.auxLogits ? { logits, auxLogits: aux } : logits;
  }
}

/** Inception v3 (27.2M parameters with the auxiliary classifier). */
export const inception_v3 = (o: Inception3Options = {}) => new Inception3(o);
/** inception_v3 under its camelCase name. */
export const inceptionV3 = inception_v3;
