// "Convolution in Practice" (../shared/seeds/000, In [1]; 001, In [2]): a conv layer's repr.
import * as torch from 'cresset';
const { nn } = torch;

const convLayer = new nn.Conv2d({ inChannels: 3, outChannels: 5, kernelSize: 5 });
console.log(convLayer);
