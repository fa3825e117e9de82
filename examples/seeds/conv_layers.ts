// "Conv layers" (../shared/seeds/002): NCHW input, output sizes without and with padding = kernel_size // 2.
import * as torch from 'cresset';
const { nn } = torch;

const conv = new nn.Conv2d({
  inChannels: 3, // number of input channels
  outChannels: 7, // number of output channels
  kernelSize: 5, // size of the kernel
});

let x = torch.randn(32, 3, 128, 128);
let y = conv.forward(x);
console.log(y.shape);

const conv2 = new nn.Conv2d({ inChannels: 3, outChannels: 7, kernelSize: 5, padding: 2 });

x = torch.randn(32, 3, 128, 128);
y = conv2.forward(x);
console.log(y.shape);
