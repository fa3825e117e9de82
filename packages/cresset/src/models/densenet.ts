/**
 * DenseNet-121/161/169/201 (Densenet-BC) as torchvision.models.densenet builds them: kaiming_normal_
 * convolutions, BatchNorm ones/zeros, zero Linear bias (its weight keeps PyTorch's default init).
 */
import { cat, Tensor } from '@cresset/autograd';
import * as nn from '@cresset/nn';

const F = nn.functional;

/** BN-ReLU-1x1 conv to bnSize * growthRate channels, BN-ReLU-3x3 conv to growthRate, on all earlier features concatenated. */
export class _DenseLayer extends nn.Module {
  /** BatchNorm of the concatenated input features. */
  norm1: nn.BatchNorm2d;
  /** In-place ReLU after norm1. */
  relu1: nn.ReLU;
  /** The 1x1 bottleneck convolution to bnSize * growthRate channels. */
  conv1: nn.Conv2d;
  /** BatchNorm after conv1. */
  norm2: nn.BatchNorm2d;
  /** In-place ReLU after norm2. */
  relu2: nn.ReLU;
  /** The 3x3 convolution to growthRate channels. */
  conv2: nn.Conv2d;
  /** Dropout probability of the layer's output (0 for none). */
  readonly dropRate: number;

  constructor(numInputFeatures: number, growthRate: number, bnSize: number, dropRate: number) {
    super();
    this.norm1 = new nn.BatchNorm2d(numInputFeatures);
    this.relu1 = new nn.ReLU({ inplace: true });
    this.conv1 = new nn.Conv2d(numInputFeatures, bnSize * growthRate, 1, { stride: 1, bias: false });
    this.norm2 = new nn.BatchNorm2d(bnSize * growthRate);
    this.relu2 = new nn.ReLU({ inplace: true });
    this.conv2 = new nn.Conv2d(bnSize * growthRate, growthRate, 3, { stride: 1, padding: 1, bias: false });
    this.dropRate = dropRate;
  }

  /** The new growthRate channels from one tensor or the list of all earlier ones. */
  forward(input: Tensor | Tensor[]): Tensor {
    const x = Array.isArray(input) ? cat(input, 1) : input;
    const bottleneck = this.conv1.forward(this.relu1.forward(this.norm1.forward(x)));
    const out = this.conv2.forward(this.relu2.forward(this.norm2.forward(bottleneck)));
    return this.dropRate > 0 ? F.dropout(out, this.dropRate, this.training) : out;
  }
}

/**
 * numLayers dense layers (denselayer1, ...), each fed every earlier output; the output concatenates
 * them all (torchvision's ModuleDict subclass, here a Module holding the same named children).
 */
export class _DenseBlock extends nn.Module {
  constructor(numLayers: number, numInputFeatures: number, bnSize: number, growthRate: number, dropRate: number) {
    super();
    for (let i = 0; i < numLayers; i++) {
      this.addModule(`denselayer${i + 1}`, new _DenseLayer(numInputFeatures + i * growthRate, growthRate, bnSize, dropRate));
    }
  }

  forward(initFeatures: Tensor): Tensor {
    const features = [initFeatures];
    for (const layer of this.children() as _DenseLayer[]) features.push(layer.forward(features));
    return cat(features, 1);
  }
}

/** BN, ReLU, 1x1 conv and 2x2 average pool between dense blocks. */
export class _Transition extends nn.Sequential {
  constructor(numInputFeatures: number, numOutputFeatures: number) {
    super({
      norm: new nn.BatchNorm2d(numInputFeatures),
      relu: new nn.ReLU({ inplace: true }),
      conv: new nn.Conv2d(numInputFeatures, numOutputFeatures, 1, { stride: 1, bias: false }),
      pool: new nn.AvgPool2d({ kernelSize: 2, stride: 2 }),
    });
  }
}

/** torchvision's DenseNet arguments. */
export interface DenseNetOptions {
  /** Channels each dense layer adds (32). */
  growthRate?: number;
  /** Dense layers per block ([6, 12, 24, 16]). */
  blockConfig?: readonly number[];
  /** Channels of the first convolution (64). */
  numInitFeatures?: number;
  /** Bottleneck width as a multiple of growthRate (4). */
  bnSize?: number;
  /** Dropout after each dense layer (0). */
  dropRate?: number;
  /** Outputs of the classifier (1000). */
  numClasses?: number;
}

/** torchvision.models.DenseNet: stem, dense blocks with transitions, final BN, ReLU, global average pool, Linear. */
export class DenseNet extends nn.Module {
  /** conv0, norm0, relu0 and pool0, the dense blocks and transitions, then norm5. */
  features: nn.Sequential;
  /** The final Linear classifier. */
  classifier: nn.Linear;

  constructor({ growthRate = 32, blockConfig = [6, 12, 24, 16], numInitFeatures = 64, bnSize = 4, dropRate = 0, numClasses = 1000 }: DenseNetOptions = {}) {
    super();
    this.features = new nn.Sequential({
      conv0: new nn.Conv2d(3, numInitFeatures, 7, { stride: 2, padding: 3, bias: false }),
      norm0: new nn.BatchNorm2d(numInitFeatures),
      relu0: new nn.ReLU({ inplace: true }),
      pool0: new nn.MaxPool2d({ kernelSize: 3, stride: 2, padding: 1 }),
    });
    let numFeatures = numInitFeatures;
    blockConfig.forEach((numLayers, i) => {
      this.features.addModule(`denseblock${i + 1}`, new _DenseBlock(numLayers, numFeatures, bnSize, growthRate, dropRate));
      numFeatures += numLayers * growthRate;
      if (i !== blockConfig.length - 1) {
        this.features.addModule(`transition${i + 1}`, new _Transition(numFeatures, Math.floor(numFeatures / 2)));
        numFeatures = Math.floor(numFeatures / 2);
      }
    });
    this.features.addModule('norm5', new nn.BatchNorm2d(numFeatures));
    this.classifier = new nn.Linear(numFeatures, numClasses);
    for (const m of this.modules()) {
      if (m instanceof nn.Conv2d) nn.init.kaimingNormal_(m.weight);
      else if (m instanceof nn.BatchNorm2d) {
        if (m.weight) nn.init.constant_(m.weight, 1);
        if (m.bias) nn.init.constant_(m.bias, 0);
      } else if (m instanceof nn.Linear && m.bias) nn.init.constant_(m.bias, 0);
    }
  }

  forward(x: Tensor): Tensor {
    const out = F.relu(this.features.forward(x) as Tensor, true);
    return this.classifier.forward(F.adaptiveAvgPool2d(out, [1, 1]).flatten(1));
  }
}

const densenet = (growthRate: number, blockConfig: number[], numInitFeatures: number) =>
  (o: DenseNetOptions = {}) => new DenseNet({ growthRate, blockConfig, numInitFeatures, ...o });

/** DenseNet-121: growth 32, blocks [6, 12, 24, 16]. */
export const densenet121 = densenet(32, [6, 12, 24, 16], 64);
/** DenseNet-161: growth 48, blocks [6, 12, 36, 24], 96 initial features. */
export const densenet161 = densenet(48, [6, 12, 36, 24], 96);
/** DenseNet-169: growth 32, blocks [6, 12, 32, 32]. */
export const densenet169 = densenet(32, [6, 12, 32, 32], 64);
/** DenseNet-201: growth 32, blocks [6, 12, 48, 32]. */
export const densenet201 = densenet(32, [6, 12, 48, 32], 64);
