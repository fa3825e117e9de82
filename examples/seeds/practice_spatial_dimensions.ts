// "Spatial dimensions" (../shared/seeds/000, In [2]; 001, In [3]): 7x7 input, 3x3 kernel, stride 2, padding 1.
import * as torch from 'cresset';
const { nn } = torch;

const inputImg = torch.rand(1, 3, 7, 7);
const layer = new nn.Conv2d({ inChannels: 3, outChannels: 6, kernelSize: 3, stride: 2, padding: 1 });
const out = layer.forward(inputImg);
console.log(out.shape);
