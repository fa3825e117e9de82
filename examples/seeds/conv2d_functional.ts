// "Convolution in 2D" (../shared/seeds/004): F.conv2d on a 117x4x10x3 input.
import * as torch from 'cresset';

const weight = torch.empty(5, 4, 2, 3).normal_();
const bias = torch.empty(5).normal_();
const input = torch.empty(117, 4, 10, 3).normal_();
const output = torch.nn.functional.conv2d(input, weight, bias);
console.log(output.size());
