# "Convolution" (seed 004): the 1d examples (1, 2, 3, 4) * (3, 2) = (7, 12, 17) and the
# differential operator (-1, 1), with torch.nn.functional.conv1d.
import torch
import torch.nn.functional as F

x = torch.tensor([[[1., 2., 3., 4.]]])
u = torch.tensor([[[3., 2.]]])
print(F.conv1d(x, u))

x = torch.tensor([[[0., 0., 0., 0., 1., 2., 3., 4., 4., 4., 4.]]])
u = torch.tensor([[[-1., 1.]]])
print(F.conv1d(x, u))
