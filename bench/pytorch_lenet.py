"""PyTorch side of `npm run bench`: the same LeNet training step, inference and Conv2d(3, 7, 5)
forward + backward that bench/run.ts times in cresset, with the same batch and thread count.
Usage: python3 bench/pytorch_lenet.py <threads> <seconds>; prints one JSON object."""
import json
import os
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

# LeNet of the seeds, as cresset's torch.models.LeNet (the fixture module defines it once)
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'scripts', 'fixtures'))
from nn_lenet import LeNet  # noqa: E402


def median_seconds(fn, seconds, warmup=3, at_least=5):
    """Median time of one call of fn, repeating it for about `seconds` (at least `at_least` calls) after a warm-up."""
    for _ in range(warmup):
        fn()
    times = []
    start = time.perf_counter()
    while time.perf_counter() - start < seconds or len(times) < at_least:
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    times.sort()
    return times[len(times) // 2]


def main():
    threads = int(sys.argv[1])
    seconds = float(sys.argv[2])
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    batch = 64
    model = LeNet()
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    x = torch.randn(batch, 3, 32, 32)
    y = torch.randint(0, 10, (batch,))

    def train_step():
        opt.zero_grad()
        F.cross_entropy(model(x), y).backward()
        opt.step()

    out = {"threads": threads, "torch": torch.__version__}
    out["train_samples_per_s"] = batch / median_seconds(train_step, seconds)
    model.eval()
    with torch.no_grad():
        out["infer_samples_per_s"] = batch / median_seconds(lambda: model(x), seconds)
        x1 = x[:1].clone()
        out["infer_batch1_ms"] = 1e3 * median_seconds(lambda: model(x1), seconds)
    conv = nn.Conv2d(3, 7, 5)
    big = torch.randn(32, 3, 128, 128, requires_grad=True)

    def conv_step():
        conv.zero_grad()
        big.grad = None
        conv(big).sum().backward()

    out["conv_fwd_ms"] = 1e3 * median_seconds(lambda: conv(big), seconds)
    out["conv_fwd_bwd_ms"] = 1e3 * median_seconds(conv_step, seconds)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
