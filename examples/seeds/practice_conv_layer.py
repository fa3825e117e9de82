# "Convolution in Practice" (seed 000, In [1]; seed 001, In [2]): a conv layer's repr.
import torch.nn as nn

conv_layer = nn.Conv2d(in_channels=3, out_channels=5, kernel_size=5)
print(conv_layer)
