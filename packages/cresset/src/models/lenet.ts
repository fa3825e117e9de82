/**
 * LeNet as the seed "Convolution in Practise" builds it (and PyTorch's CIFAR-10 tutorial): conv
 * 3->6 5x5, max-pool 2x2, conv 6->16 5x5, max-pool 2x2, then Linear 400->120->84->10 with ReLUs.
 * For 1x28x28 images (MNIST, Fashion-MNIST) the first conv takes one channel and pads by 2, so the
 * flattened features are 16x5x5 = 400 either way.
 */
import { Tensor } from '@cresset/autograd';
import * as nn from '@cresset/nn';

const F = nn.functional;

/** How LeNet is built for its data. */
export interface LeNetOptions {
  /** Channels of the input image: 3 for CIFAR-like data (the default), 1 for MNIST-like data. */
  inChannels?: number;
  /** Padding of the first convolution: 0 for 32x32 input (the default), 2 for 28x28 input. */
  padding?: number;
  /** Outputs of the last layer: 10 by default. */
  numClasses?: number;
}

/** LeNet-5 as PyTorch's CIFAR-10 tutorial defines it (forward gives the logits). */
export class LeNet extends nn.Module {
  /** Conv2d(C, 6, 5). */
  conv1: nn.Conv2d;
  /** MaxPool2d(2, 2), used after each convolution. */
  pool: nn.MaxPool2d;
  /** Conv2d(6, 16, 5). */
  conv2: nn.Conv2d;
  /** Linear(400, 120). */
  fc1: nn.Linear;
  /** Linear(120, 84). */
  fc2: nn.Linear;
  /** Linear(84, numClasses). */
  fc3: nn.Linear;

  constructor({ inChannels = 3, padding = 0, numClasses = 10 }: LeNetOptions = {}) {
    super();
    this.conv1 = new nn.Conv2d(inChannels, 6, 5, { padding });
    this.pool = new nn.MaxPool2d(2, { stride: 2 });
    this.conv2 = new nn.Conv2d(6, 16, 5);
    this.fc1 = new nn.Linear(16 * 5 * 5, 120);
    this.fc2 = new nn.Linear(120, 84);
    this.fc3 = new nn.Linear(84, numClasses);
  }

  forward(x: Tensor): Tensor {
    x = this.pool.forward(F.relu(this.conv1.forward(x)));
    x = this.pool.forward(F.relu(this.conv2.forward(x)));
    x = x.flatten(1);
    x = F.relu(this.fc1.forward(x));
    x = F.relu(this.fc2.forward(x));
    return this.fc3.forward(x);
  }
}
