// A model file for `cresset train --model ./examples/models/small_cnn.ts`: the command line calls
// the default export with { numClasses, inputShape, inChannels } taken from the dataset.
import * as torch from 'cresset';

const nn = torch.nn;

/** Two conv-BN-ReLU-pool stages and a linear classifier, for any CxHxW with H, W divisible by 4. */
export default class SmallCNN extends nn.Module {
  features: InstanceType<typeof nn.Sequential>;
  classifier: InstanceType<typeof nn.Linear>;

  constructor({ numClasses = 10, inputShape = [3, 32, 32] }: { numClasses?: number; inputShape?: number[] } = {}) {
    super();
    const [c, h, w] = inputShape;
    this.features = new nn.Sequential(
      new nn.Conv2d(c, 16, 3, { padding: 1 }), new nn.BatchNorm2d(16), new nn.ReLU(), new nn.MaxPool2d(2),
      new nn.Conv2d(16, 32, 3, { padding: 1 }), new nn.BatchNorm2d(32), new nn.ReLU(), new nn.MaxPool2d(2),
    );
    this.classifier = new nn.Linear(32 * Math.floor(h / 4) * Math.floor(w / 4), numClasses);
  }

  forward(x: torch.Tensor): torch.Tensor {
    return this.classifier.forward((this.features.forward(x) as torch.Tensor).flatten(1));
  }
}
