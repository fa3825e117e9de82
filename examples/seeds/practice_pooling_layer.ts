// "Pooling layer" (../shared/seeds/000, In [3]; 001, In [4]): 2x2 max-pooling halves 8x8.
import * as torch from 'cresset';
const { nn } = torch;

const inputImg = torch.rand(1, 3, 8, 8);
const layer = new nn.MaxPool2d({ kernelSize: 2, stride: 2 });
const out = layer.forward(inputImg);
console.log(out.shape);
