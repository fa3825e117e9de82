// "Learning a Kernel" (../shared/seeds/002): gradient descent recovers the edge detector [1, -1]
// from X and Y = corr2d(X, K). The initial kernel is random: seeded as in learning_a_kernel.py.
import * as torch from 'cresset';
import { corr2d } from './corr2d_fn';

const { nn } = torch;

/** Python's f'{v: 3f}': a space for the sign of a positive number, six decimals. */
const pyF = (v: number) => (v < 0 ? '' : ' ') + v.toFixed(6);

let X = torch.ones([6, 8]);
X.indexPut_([':', '2:6'], 0);
const K = torch.tensor([[1.0, -1.0]]);
let Y = corr2d(X, K);

torch.manualSeed(0);
const conv2d = new nn.Conv2d(1, 1, [1, 2], { bias: false });

X = X.reshape([1, 1, 6, 8]);
Y = Y.reshape([1, 1, 6, 7]);
const lr = 3e-2;

for (let i = 0; i < 10; i++) {
  const YHat = conv2d.forward(X);
  const l = YHat.sub(Y).pow(2);
  conv2d.zeroGrad();
  l.sum().backward();

  torch.noGrad(() => conv2d.weight.data.sub_(conv2d.weight.grad!.mul(lr)));
  // printed as a float64 sum: cresset's float32 sum rounds once at the end, PyTorch's vectorised
  // float32 sum rounds along the way, and the sixth decimal of the seed's f'{l.sum(): 3f}' can differ
  if ((i + 1) % 2 === 0) console.log(`epoch ${i + 1}, loss ${pyF(l.double().sum().item() as number)}`);
}

console.log(conv2d.weight.data.reshape([1, 2]));
