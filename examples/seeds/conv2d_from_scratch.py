# "Convolutional layer" (seed 002): a Conv2D module built from corr2d and two Parameters, applied to
# the 6x8 edge image. Its parameters start random: seeded so that cresset prints the same numbers.
import torch
from torch import nn

def corr2d(X, K):
    h, w = K.shape
    Y = torch.zeros((X.shape[0] - h + 1, X.shape[1] - w + 1))
    for i in range(Y.shape[0]):
        for j in range(Y.shape[1]):
            Y[i,j] = (X[i:i+h, j:j+w] * K).sum()
    return Y

class Conv2D(nn.Module):
    def __init__(self, kernel_size):
        super().__init__()
        self.weight = nn.Parameter(torch.rand(kernel_size))
        self.bias = nn.Parameter(torch.rand(1))

    def forward(self, x):
        return corr2d(x, self.weight) + self.bias

torch.manual_seed(0)
conv = Conv2D((1, 2))
print(conv)
for n, p in conv.named_parameters(): print(n, p)
X = torch.ones((6,8))
X[:, 2:6] = 0
print(conv(X))
