// "Stride" (../shared/seeds/002): a 2x2 kernel with padding 1 and stride 2 on a 3x3 input.
import * as torch from 'cresset';
const { nn } = torch;

const conv2d = new nn.Conv2d(1, 1, { kernelSize: 2, padding: 1, stride: 2, bias: false });
conv2d.weight = new nn.Parameter(torch.tensor([[[[0.0, 1.0], [2.0, 3.0]]]]));

const X = torch.tensor([[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0]]);
const output = conv2d.forward(X.reshape([1, 1, ...X.shape]));
console.log(output);
