# "Stride" (seed 002): a 2x2 kernel with padding 1 and stride 2 on a 3x3 input.
import torch
from torch import nn

conv2d = nn.Conv2d(1, 1, kernel_size=2, padding=1, stride=2, bias=False)
conv2d.weight = nn.Parameter(torch.tensor([[[[0.0, 1.0],
                                             [2.0, 3.0]]]]))

X = torch.tensor([[0.0, 1.0, 2.0],
                  [3.0, 4.0, 5.0],
                  [6.0, 7.0, 8.0]])
output = conv2d(X.reshape((1,1) + X.shape))
print(output)
