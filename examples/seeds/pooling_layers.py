# "Pooling layers" (seed 002): max-pooling 2x2 blocks after the padded conv; a pool has no parameters.
import torch
from torch import nn

conv2 = nn.Conv2d(in_channels=3, out_channels=7, kernel_size=5, padding=2)
x = torch.randn(32, 3, 128, 128)
pool = nn.MaxPool2d(kernel_size=2, stride=2) # take the max over each 2-by-2 small blocks
y = conv2(x)
z = pool(y)
print((x.shape, y.shape, z.shape))
print(list(pool.parameters()))
