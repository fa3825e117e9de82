# "Build a Convolutional Network" (seed 001): conv 3->6 5x5, 2x2 max-pool, conv 6->16 5x5, then
# linear layers 400 -> 120 -> 84 -> 10 (the seed's "1655 nodes" is the 16*5*5 = 400 flattened features).
import torch
import torch.nn as nn
import torch.nn.functional as F

class LeNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 6, 5)
        self.pool = nn.MaxPool2d(2, 2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.fc3(x)

torch.manual_seed(0)
net = LeNet()
print(net)
print(sum(p.numel() for p in net.parameters()))
for name, p in net.named_parameters():
    print(name, p.shape)
x = torch.rand(4, 3, 32, 32)
print(net(x).shape)
print(net.conv1.weight[0, 0])
