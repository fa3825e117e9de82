/**
 * VGG 11/13/16/19, with and without BatchNorm, as torchvision.models.vgg builds them: kaiming_normal_
 * (fan_out, relu) convolutions with zero bias, BatchNorm ones/zeros, Linear N(0, 0.01) with zero bias.
 */
import { Tensor } from '@cresset/autograd';
import * as nn from '@cresset/nn';

/** torchvision's VGG arguments. */
export interface VGGOptions {
  /** Outputs of the classifier (1000). */
  numClasses?: number;
  /** Re-initialise as torchvision does (true); false keeps PyTorch's default layer init. */
  initWeights?: boolean;
  /** Dropout probability of the classifier (0.5). */
  dropout?: number;
}

/** A VGG configuration: output channels of each 3x3 convolution, 'M' for a 2x2 max-pool. */
export type VGGConfig = readonly (number | 'M')[];

/** torchvision's configurations A (vgg11), B (vgg13), D (vgg16) and E (vgg19). */
export const vggConfigs: Readonly<Record<'A' | 'B' | 'D' | 'E', VGGConfig>> = {
  A: [64, 'M', 128, 'M', 256, 256, 'M', 512, 512, 'M', 512, 512, 'M'],
  B: [64, 64, 'M', 128, 128, 'M', 256, 256, 'M', 512, 512, 'M', 512, 512, 'M'],
  D: [64, 64, 'M', 128, 128, 'M', 256, 256, 256, 'M', 512, 512, 512, 'M', 512, 512, 512, 'M'],
  E: [64, 64, 'M', 128, 128, 'M', 256, 256, 256, 256, 'M', 512, 512, 512, 512, 'M', 512, 512, 512, 512, 'M'],
};

/** The feature extractor of a configuration (torchvision's make_layers): conv [BN] ReLU per entry, max-pool per 'M'. */
export function makeVGGLayers(cfg: VGGConfig, batchNorm = false): nn.Sequential {
  const layers: nn.Module[] = [];
  let inChannels = 3;
  for (const v of cfg) {
    if (v === 'M') {
      layers.push(new nn.MaxPool2d({ kernelSize: 2, stride: 2 }));
      continue;
    }
    layers.push(new nn.Conv2d(inChannels, v, 3, { padding: 1 }));
    if (batchNorm) layers.push(new nn.BatchNorm2d(v));
    layers.push(new nn.ReLU({ inplace: true }));
    inChannels = v;
  }
  return new nn.Sequential(...layers);
}

/** torchvision.models.VGG: features, a 7x7 adaptive average pool, then Linear 25088-4096-4096-numClasses. */
export class VGG extends nn.Module {
  /** The convolutional feature extractor (makeVGGLayers of a configuration, in the builders). */
  features: nn.Module;
  /** Adaptive average pool to 7x7. */
  avgpool: nn.AdaptiveAvgPool2d;
  /** Linear 25088-4096, ReLU, dropout, Linear 4096-4096, ReLU, dropout, Linear 4096-numClasses. */
  classifier: nn.Sequential;

  constructor(features: nn.Module, { numClasses = 1000, initWeights = true, dropout = 0.5 }: VGGOptions = {}) {
    super();
    this.features = features;
    this.avgpool = new nn.AdaptiveAvgPool2d([7, 7]);
    this.classifier = new nn.Sequential(
      new nn.Linear(512 * 7 * 7, 4096), new nn.ReLU({ inplace: true }), new nn.Dropout({ p: dropout }),
      new nn.Linear(4096, 4096), new nn.ReLU({ inplace: true }), new nn.Dropout({ p: dropout }),
      new nn.Linear(4096, numClasses),
    );
    if (!initWeights) return;
    for (const m of this.modules()) {
      if (m instanceof nn.Conv2d) {
        nn.init.kaimingNormal_(m.weight, { mode: 'fan_out', nonlinearity: 'relu' });
        if (m.bias) nn.init.constant_(m.bias, 0);
      } else if (m instanceof nn.BatchNorm2d) {
        if (m.weight) nn.init.constant_(m.weight, 1);
        if (m.bias) nn.init.constant_(m.bias, 0);
      } else if (m instanceof nn.Linear) {
        nn.init.normal_(m.weight, 0, 0.01);
        if (m.bias) nn.init.constant_(m.bias, 0);
      }
    }
  }

  forward(x: Tensor): Tensor {
    return this.classifier.forward(this.avgpool.forward(this.features.forward(x) as Tensor).flatten(1)) as Tensor;
  }
}

const vgg = (cfg: keyof typeof vggConfigs, bn: boolean) => (o: VGGOptions = {}) => new VGG(makeVGGLayers(vggConfigs[cfg], bn), o);

/** VGG-11 (configuration A). */
export const vgg11 = vgg('A', false);
/** VGG-11 with BatchNorm. */
export const vgg11_bn = vgg('A', true);
/** VGG-13 (configuration B). */
export const vgg13 = vgg('B', false);
/** VGG-13 with BatchNorm. */
export const vgg13_bn = vgg('B', true);
/** VGG-16 (configuration D). */
export const vgg16 = vgg('D', false);
/** VGG-16 with BatchNorm. */
export const vgg16_bn = vgg('D', true);
/** VGG-19 (configuration E). */
export const vgg19 = vgg('E', false);
/** VGG-19 with BatchNorm. */
export const vgg19_bn = vgg('E', true);
