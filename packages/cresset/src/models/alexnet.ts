/** AlexNet as torchvision.models.alexnet builds it (the one-GPU variant of "One weird trick"), with PyTorch's default layer init. */
import { Tensor } from '@cresset/autograd';
import * as nn from '@cresset/nn';

/** torchvision's AlexNet arguments. */
export interface AlexNetOptions {
  /** Outputs of the classifier (1000). */
  numClasses?: number;
  /** Dropout probability of the classifier (0.5). */
  dropout?: number;
}

/** Five convolutions with max-pools (features), a 6x6 adaptive average pool, three Linear layers (classifier). */
export class AlexNet extends nn.Module {
  /** The five convolutions with their ReLUs and three max-pools. */
  features: nn.Sequential;
  /** Adaptive average pool to 6x6. */
  avgpool: nn.AdaptiveAvgPool2d;
  /** Dropout, Linear 9216-4096, ReLU, dropout, Linear 4096-4096, ReLU, Linear 4096-numClasses. */
  classifier: nn.Sequential;

  constructor({ numClasses = 1000, dropout = 0.5 }: AlexNetOptions = {}) {
    super();
    const relu = () => new nn.ReLU({ inplace: true });
    const pool = () => new nn.MaxPool2d({ kernelSize: 3, stride: 2 });
    this.features = new nn.Sequential(
      new nn.Conv2d(3, 64, 11, { stride: 4, padding: 2 }), relu(), pool(),
      new nn.Conv2d(64, 192, 5, { padding: 2 }), relu(), pool(),
      new nn.Conv2d(192, 384, 3, { padding: 1 }), relu(),
      new nn.Conv2d(384, 256, 3, { padding: 1 }), relu(),
      new nn.Conv2d(256, 256, 3, { padding: 1 }), relu(), pool(),
    );
    this.avgpool = new nn.AdaptiveAvgPool2d([6, 6]);
    this.classifier = new nn.Sequential(
      new nn.Dropout({ p: dropout }), new nn.Linear(256 * 6 * 6, 4096), relu(),
      new nn.Dropout({ p: dropout }), new nn.Linear(4096, 4096), relu(),
      new nn.Linear(4096, numClasses),
    );
  }

  forward(x: Tensor): Tensor {
    return this.classifier.forward(this.avgpool.forward(this.features.forward(x) as Tensor).flatten(1)) as Tensor;
  }
}

/** AlexNet (61.1M parameters). */
export const alexnet = (o: AlexNetOptions = {}) => new AlexNet(o);
