// "Pooling layers" (../shared/seeds/002): max-pooling 2x2 blocks after the padded conv; a pool has no parameters.
import * as torch from 'cresset';
const { nn } = torch;

const conv2 = new nn.Conv2d({ inChannels: 3, outChannels: 7, kernelSize: 5, padding: 2 });
const x = torch.randn(32, 3, 128, 128);
const pool = new nn.MaxPool2d({ kernelSize: 2, stride: 2 }); // take the max over each 2-by-2 small blocks
const y = conv2.forward(x);
const z = pool.forward(y);
console.log(`(${x.shape}, ${y.shape}, ${z.shape})`);
console.log(pool.parameters());
