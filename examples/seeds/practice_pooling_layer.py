# "Pooling layer" (seed 000, In [3]; seed 001, In [4]): 2x2 max-pooling halves 8x8.
import torch
import torch.nn as nn

input_img = torch.rand(1,3,8,8)
layer = nn.MaxPool2d(kernel_size=2, stride=2)
out = layer(input_img)
print(out.shape)
