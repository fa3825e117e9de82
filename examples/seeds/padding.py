# "Padding" (seed 002): output shapes with and without padding, then a 2x2 kernel on a 3x3 input
# without and with padding 1.
import torch
from torch import nn

def comp_conv2d(conv2d, X):
    X = X.reshape((1,1) + X.shape)
    Y = conv2d(X)      # the default class nn.Conv2D takes a 4-dimensional tensor as its input
    return Y.reshape(Y.shape[2:])

conv2d = nn.Conv2d(1, 1, kernel_size=3, padding=1)
X = torch.rand(size=(8,8))
print(comp_conv2d(conv2d, X).shape)

conv2d = nn.Conv2d(1, 1, kernel_size=3) # default padding=0
X = torch.rand(size=(8,8))
print(comp_conv2d(conv2d, X).shape)

X = torch.rand(size=(8,8))
conv2d = nn.Conv2d(1,1,kernel_size=(5,3), padding=(2,1)) # set different for vertical and horrisontal
print(comp_conv2d(conv2d, X).shape)

# Without padding
conv2d = nn.Conv2d(1, 1, kernel_size=(2,2), bias=False)
conv2d.weight = nn.Parameter(torch.tensor([[[[0.0, 1.0],
                                             [2.0, 3.0]]]]))

X = torch.tensor([[0.0, 1.0, 2.0],
                  [3.0, 4.0, 5.0],
                  [6.0, 7.0, 8.0]])
output = conv2d(X.reshape((1,1) + X.shape))
print(output)

# With padding
conv2d = nn.Conv2d(1, 1, kernel_size=(2,2), bias=False, padding=1)
conv2d.weight = nn.Parameter(torch.tensor([[[[0.0, 1.0],
                                             [2.0, 3.0]]]]))
output = conv2d(X.reshape((1,1) + X.shape))
print(output)
