// "Convolutional layer" (../shared/seeds/002): a Conv2D module built from corr2d and two
// Parameters, applied to the 6x8 edge image. Its parameters start random: seeded as in conv2d_from_scratch.py.
import * as torch from 'cresset';
import { corr2d } from './corr2d_fn';

const { nn } = torch;

class Conv2D extends nn.Module {
  weight: torch.nn.Parameter;
  bias: torch.nn.Parameter;
  constructor(kernelSize: number[]) {
    super();
    this.weight = new nn.Parameter(torch.rand(kernelSize));
    this.bias = new nn.Parameter(torch.rand(1));
  }
  forward(x: torch.Tensor): torch.Tensor {
    return corr2d(x, this.weight).add(this.bias);
  }
}

torch.manualSeed(0);
const conv = new Conv2D([1, 2]);
console.log(conv);
for (const [n, p] of conv.namedParameters()) console.log(n, p);
const X = torch.ones([6, 8]);
X.indexPut_([':', '2:6'], 0);
console.log(conv.forward(X));
