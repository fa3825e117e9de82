// "Build a Convolutional Network" (../shared/seeds/001): the LeNet of examples/lenet/model.ts;
// its repr, parameter count, parameter shapes, output shape, and initial weights after manualSeed(0).
import * as torch from 'cresset';
import { LeNet } from '../lenet/model';

torch.manualSeed(0);
const net = new LeNet();
console.log(net);
console.log(net.parameters().reduce((n, p) => n + p.numel(), 0));
for (const [name, p] of net.namedParameters()) console.log(name, p.shape);
const x = torch.rand(4, 3, 32, 32);
console.log(net.forward(x).shape);
console.log(net.conv1.weight.index(0, 0));
