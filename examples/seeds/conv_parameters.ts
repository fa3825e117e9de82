// "Parameters of a Convolutional Layer" (../shared/seeds/002): a linear layer's and a conv layer's parameters.
import * as torch from 'cresset';
const { nn } = torch;

const fc = new nn.Linear(100, 30);
const fcParams = fc.parameters();
console.log('len(fc_params)', fcParams.length);
console.log('Weights:', fcParams[0].shape);
console.log('Biases:', fcParams[1].shape);

const conv2 = new nn.Conv2d({ inChannels: 3, outChannels: 7, kernelSize: 5, padding: 2 });
const convParams = conv2.parameters();
console.log('len(conv_params):', convParams.length);
console.log('Filters:', convParams[0].shape);
console.log('Biases:', convParams[1].shape);
