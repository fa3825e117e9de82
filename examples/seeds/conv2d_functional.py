# "Convolution in 2D" (seed 004): torch.nn.functional.conv2d on a 117x4x10x3 input.
import torch

weight = torch.empty(5, 4, 2, 3).normal_()
bias = torch.empty(5).normal_()
input = torch.empty(117, 4, 10, 3).normal_()
output = torch.nn.functional.conv2d(input, weight, bias)
print(output.size())
