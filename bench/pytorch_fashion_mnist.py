"""PyTorch side of the Fashion-MNIST row of `npm run bench`: the recipe `cresset train --data
fashion-mnist:DIR` runs (LeNet with padding 2, torchvision's FashionMNIST with ToTensor and
Normalize((0.286,), (0.353,)), DataLoader batch 64 shuffled, SGD lr 0.01 momentum 0.9, then the
test set in batches of 1000), timed for one epoch with its evaluation.
Usage: python3 bench/pytorch_fashion_mnist.py <threads> <dir of the four .gz files>; prints one JSON object."""
import gzip
import json
import os
import shutil
import sys
import tempfile
import time

import torch
import torch.nn.functional as F
from torchvision import datasets, transforms

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'scripts', 'fixtures'))
from nn_lenet import LeNet  # noqa: E402


def main():
    threads, src = int(sys.argv[1]), sys.argv[2]
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    root = tempfile.mkdtemp()
    try:
        # torchvision reads <root>/FashionMNIST/raw/ with the files unpacked
        raw = os.path.join(root, 'FashionMNIST', 'raw')
        os.makedirs(raw)
        for f in os.listdir(src):
            if f.endswith('.gz'):
                with gzip.open(os.path.join(src, f)) as a, open(os.path.join(raw, f[:-3]), 'wb') as b:
                    shutil.copyfileobj(a, b)
        tf = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.286,), (0.353,))])
        train = datasets.FashionMNIST(root, train=True, transform=tf)
        test = datasets.FashionMNIST(root, train=False, transform=tf)
        model = LeNet(in_channels=1, padding=2)
        opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
        t0 = time.perf_counter()
        model.train()
        for x, y in torch.utils.data.DataLoader(train, batch_size=64, shuffle=True):
            opt.zero_grad()
            F.cross_entropy(model(x), y).backward()
            opt.step()
        model.eval()
        correct = 0
        with torch.no_grad():
            for x, y in torch.utils.data.DataLoader(test, batch_size=1000):
                correct += (model(x).argmax(1) == y).sum().item()
        seconds = time.perf_counter() - t0
        print(json.dumps({'threads': threads, 'epoch_seconds': seconds, 'accuracy': correct / len(test)}))
    finally:
        shutil.rmtree(root)


if __name__ == '__main__':
    main()
