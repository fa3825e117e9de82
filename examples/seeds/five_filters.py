# "Convolution in 2D" (seed 004): five hand-made 3x3 filters (identity, box blur, vertical edges,
# horizontal edges, Laplacian) on image 12 of the Fashion-MNIST training set (28x28, pixel values
# 0..255, as mnist_train.data[12]); prints the output size and, per filter, the middle row's values.
import gzip
import numpy as np
import torch

with gzip.open('/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz') as f:
    data = np.frombuffer(f.read(), dtype=np.uint8, offset=16).reshape(-1, 28, 28)
x = torch.from_numpy(data[12].copy()).float().view(1, 1, 28, 28)

weight = torch.empty(5, 1, 3, 3)
weight[0, 0] = torch.tensor([ [ 0.,  0.,  0. ],
                              [ 0.,  1.,  0. ],
                              [ 0.,  0.,  0. ] ])
weight[1, 0] = torch.tensor([ [ 1.,  1.,  1. ],
                              [ 1.,  1.,  1. ],
                              [ 1.,  1.,  1. ] ])
weight[2, 0] = torch.tensor([ [ -1.,  0.,  1. ],
                              [ -1.,  0.,  1. ],
                              [ -1.,  0.,  1. ] ])
weight[3, 0] = torch.tensor([ [ -1., -1., -1. ],
                              [  0.,  0.,  0. ],
                              [  1.,  1.,  1. ] ])
weight[4, 0] = torch.tensor([ [  0., -1.,  0. ],
                              [ -1.,  4., -1. ],
                              [  0., -1.,  0. ] ])

y = torch.nn.functional.conv2d(x, weight)
print(y.size())
print(y[0, :, 13, 8:18])
