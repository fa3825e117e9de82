# "Spatial dimensions" (seed 000, In [2]; seed 001, In [3]): 7x7 input, 3x3 kernel, stride 2, padding 1.
import torch
import torch.nn as nn

input_img = torch.rand(1,3,7,7)
layer = nn.Conv2d(in_channels=3, out_channels=6, kernel_size=3, stride=2, padding=1)
out = layer(input_img)
print(out.shape)
