# "Convolution: padding, stride" (seed 004): a C x 3 x 5 input, padding (2, 1), stride (2, 2) and
# a C x 3 x 3 kernel give a 1 x 3 x 3 output.
import torch
from torch import nn

C = 4
conv = nn.Conv2d(C, 1, kernel_size=3, padding=(2, 1), stride=(2, 2))
x = torch.empty(1, C, 3, 5).normal_()
print(conv(x).size())
