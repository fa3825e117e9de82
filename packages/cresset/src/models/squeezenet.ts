/**
 * SqueezeNet 1.0 and 1.1 as torchvision.models.squeezenet builds them: kaiming_uniform_ convolutions
 * with zero bias, the final 1x1 convolution N(0, 0.01).
 */
import { cat, Tensor } from '@cresset/autograd';
import { ValueError } from '@cresset/tensor';
import * as nn from '@cresset/nn';

/** A Fire module: a 1x1 squeeze, then 1x1 and 3x3 expands concatenated on channels. */
export class Fire extends nn.Module {
  /** Input channels. */
  readonly inplanes: number;
  /** The 1x1 squeeze convolution. */
  squeeze: nn.Conv2d;
  /** In-place ReLU after the squeeze. */
  squeeze_activation: nn.ReLU;
  /** The 1x1 expand convolution. */
  expand1x1: nn.Conv2d;
  /** In-place ReLU after the 1x1 expand. */
  expand1x1_activation: nn.ReLU;
  /** The 3x3 expand convolution (padding 1). */
  expand3x3: nn.Conv2d;
  /** In-place ReLU after the 3x3 expand. */
  expand3x3_activation: nn.ReLU;

  constructor(inplanes: number, squeezePlanes: number, expand1x1Planes: number, expand3x3Planes: number) {
    super();
    this.inplanes = inplanes;
    this.squeeze = new nn.Conv2d(inplanes, squeezePlanes, 1);
    this.squeeze_activation = new nn.ReLU({ inplace: true });
    this.expand1x1 = new nn.Conv2d(squeezePlanes, expand1x1Planes, 1);
    this.expand1x1_activation = new nn.ReLU({ inplace: true });
    this.expand3x3 = new nn.Conv2d(squeezePlanes, expand3x3Planes, 3, { padding: 1 });
    this.expand3x3_activation = new nn.ReLU({ inplace: true });
  }

  forward(x: Tensor): Tensor {
    x = this.squeeze_activation.forward(this.squeeze.forward(x));
    return cat([this.expand1x1_activation.forward(this.expand1x1.forward(x)), this.expand3x3_activation.forward(this.expand3x3.forward(x))], 1);
  }
}

/** torchvision's SqueezeNet arguments. */
export interface SqueezeNetOptions {
  /** Outputs of the classifier (1000). */
  numClasses?: number;
  /** Dropout probability before the final convolution (0.5). */
  dropout?: number;
}

/** torchvision.models.SqueezeNet: features of Fire modules, then dropout, a 1x1 convolution, ReLU and a global average pool. */
export class SqueezeNet extends nn.Module {
  /** Outputs of the classifier. */
  readonly numClasses: number;
  /** The stem convolution, max-pools and Fire modules of the chosen version. */
  features: nn.Sequential;
  /** Dropout, the final 1x1 convolution to numClasses channels, ReLU and a 1x1 adaptive average pool. */
  classifier: nn.Sequential;

  constructor(version: '1_0' | '1_1' = '1_0', { numClasses = 1000, dropout = 0.5 }: SqueezeNetOptions = {}) {
    super();
    this.numClasses = numClasses;
    const relu = () => new nn.ReLU({ inplace: true });
    const pool = () => new nn.MaxPool2d({ kernelSize: 3, stride: 2, ceilMode: true });
    if (version === '1_0') {
      this.features = new nn.Sequential(
        new nn.Conv2d(3, 96, 7, { stride: 2 }), relu(), pool(),
        new Fire(96, 16, 64, 64), new Fire(128, 16, 64, 64), new Fire(128, 32, 128, 128), pool(),
        new Fire(256, 32, 128, 128), new Fire(256, 48, 192, 192), new Fire(384, 48, 192, 192), new Fire(384, 64, 256, 256), pool(),
        new Fire(512, 64, 256, 256),
      );
    } else if (version === '1_1') {
      this.features = new nn.Sequential(
        new nn.Conv2d(3, 64, 3, { stride: 2 }), relu(), pool(),
        new Fire(64, 16, 64, 64), new Fire(128, 16, 64, 64), pool(),
        new Fire(128, 32, 128, 128), new Fire(256, 32, 128, 128), pool(),
        new Fire(256, 48, 192, 192), new Fire(384, 48, 192, 192), new Fire(384, 64, 256, 256), new Fire(512, 64, 256, 256),
      );
    } else throw new ValueError(`SqueezeNet: unsupported version ${String(version)}: 1_0 or 1_1 expected`);
    const finalConv = new nn.Conv2d(512, numClasses, 1);
    this.classifier = new nn.Sequential(new nn.Dropout({ p: dropout }), finalConv, relu(), new nn.AdaptiveAvgPool2d([1, 1]));
    for (const m of this.modules()) {
      if (!(m instanceof nn.Conv2d)) continue;
      if (m === finalConv) nn.init.normal_(m.weight, 0, 0.01);
      else nn.init.kaimingUniform_(m.weight);
      if (m.bias) nn.init.constant_(m.bias, 0);
    }
  }

  forward(x: Tensor): Tensor {
    return (this.classifier.forward(this.features.forward(x) as Tensor) as Tensor).flatten(1);
  }
}

/** SqueezeNet 1.0. */
export const squeezenet1_0 = (o: SqueezeNetOptions = {}) => new SqueezeNet('1_0', o);
/** SqueezeNet 1.1 (2.4x less computation than 1.0). */
export const squeezenet1_1 = (o: SqueezeNetOptions = {}) => new SqueezeNet('1_1', o);
