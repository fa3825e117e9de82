# "Conv layers" (seed 002): NCHW input, output sizes without and with padding = kernel_size // 2.
import torch
from torch import nn

conv = nn.Conv2d(in_channels=3,  # number of input channels
                 out_channels=7, # number of output channels
                 kernel_size=5)  # size of the kernel

x = torch.randn(32, 3, 128, 128)
y = conv(x)
print(y.shape)

conv2 = nn.Conv2d(in_channels=3,
                  out_channels=7,
                  kernel_size=5,
                  padding=2)

x = torch.randn(32, 3, 128, 128)
y = conv2(x)
print(y.shape)
