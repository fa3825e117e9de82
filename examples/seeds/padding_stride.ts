// "Convolution: padding, stride" (../shared/seeds/004): a C x 3 x 5 input, padding (2, 1),
// stride (2, 2) and a C x 3 x 3 kernel give a 1 x 3 x 3 output.
import * as torch from 'cresset';
const { nn } = torch;

const C = 4;
const conv = new nn.Conv2d(C, 1, { kernelSize: 3, padding: [2, 1], stride: [2, 2] });
const x = torch.empty(1, C, 3, 5).normal_();
console.log(conv.forward(x).size());
