// "Convolution in 2D" (../shared/seeds/004): nn.Conv2d with a (2, 3) kernel, its named parameters and output size.
import * as torch from 'cresset';
const { nn } = torch;

const f = new nn.Conv2d({ inChannels: 4, outChannels: 5, kernelSize: [2, 3] });
for (const [n, p] of f.namedParameters()) console.log(n, p.size());
const x = torch.empty(117, 4, 10, 3).normal_();
const y = f.forward(x);
console.log(y.size());
