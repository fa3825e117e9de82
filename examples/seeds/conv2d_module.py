# "Convolution in 2D" (seed 004): nn.Conv2d with a (2, 3) kernel, its named parameters and output size.
import torch
from torch import nn

f = nn.Conv2d(in_channels = 4, out_channels = 5, kernel_size = (2, 3))
for n, p in f.named_parameters(): print(n, p.size())
x = torch.empty(117, 4, 10, 3).normal_()
y = f(x)
print(y.size())
