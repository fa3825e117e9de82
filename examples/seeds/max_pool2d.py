# "Pooling" (seed 004): F.max_pool2d(x, (1, 2)) on a 2x2x6 tensor of random integers in [0, 3).
# The values are random: seeded so that cresset prints the same numbers.
import torch
import torch.nn.functional as F

torch.manual_seed(12)
x = torch.empty(2, 2, 6).random_(3)
print(x)
print(F.max_pool2d(x, (1, 2)))
