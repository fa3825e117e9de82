# "Convolution in Practise" (seed 001, In [1]): conv2d by hand, applied to a 4x5 image and a
# 2x3 kernel, and checked against torch.nn.functional.conv2d.
import torch
import torch.nn as nn

def conv2d(image, kernel):
    H, W = list(image.size())
    M, N = list(kernel.size())

    out= torch.zeros(H-M+1, W-N+1, dtype=torch.float32) # output dimensions
    for i in range(H-M+1):
        for j in range(W-N+1):
            out[i,j]= torch.sum(image[i:i+M,j:j+N]*kernel) # convolution
            # element wise multiplication then summation
            # results in a scalar for the position i,j
    return out

image = (torch.arange(20, dtype=torch.float32) ** 2 % 7).reshape(4, 5)
kernel = torch.tensor([[1.0, 0.0, -1.0], [2.0, 0.0, -2.0]])
out = conv2d(image, kernel)
print(out)
print(torch.nn.functional.conv2d(image.reshape(1, 1, 4, 5), kernel.reshape(1, 1, 2, 3)).reshape(3, 3))
