"""PyTorch side of the resnet18 rows of `npm run bench`: exports torchvision's resnet18 (seeded
random weights, eval mode, opset 13, a dynamic batch) to ONNX for cresset and onnxruntime to import, then
times PyTorch's forward at batch 1 and a training step at batch 8 (SGD with momentum,
cross-entropy), at 224x224, and a training step of resnet18 with 10 classes on 3x32x32 images at
batch 64, on the given thread count.
Usage: python3 bench/pytorch_resnet.py <threads> <seconds> <onnx file to write>; prints one JSON object."""
import json
import os
import sys

import torch
import torch.nn.functional as F
import torchvision

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pytorch_lenet import median_seconds  # noqa: E402


def train_samples_per_s(model, x, classes, seconds):
    """Samples per second of a training step (SGD with momentum, cross-entropy) on the batch x."""
    model.train()
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    y = torch.randint(0, classes, (x.shape[0],))

    def step():
        opt.zero_grad()
        F.cross_entropy(model(x), y).backward()
        opt.step()

    return x.shape[0] / median_seconds(step, seconds, warmup=1, at_least=3)


def main():
    threads = int(sys.argv[1])
    seconds = float(sys.argv[2])
    onnx_file = sys.argv[3]
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    model = torchvision.models.resnet18().eval()
    x1 = torch.randn(1, 3, 224, 224)
    if not os.path.exists(onnx_file):
        torch.onnx.export(model, x1, onnx_file, opset_version=13, input_names=["input"], output_names=["output"],
                          dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}})
    out = {"threads": threads, "torch": torch.__version__, "torchvision": torchvision.__version__}
    with torch.no_grad():
        out["forward_ms"] = 1e3 * median_seconds(lambda: model(x1), seconds, warmup=3, at_least=5)
    out["train_samples_per_s"] = train_samples_per_s(model, torch.randn(8, 3, 224, 224), 1000, seconds)
    # torchvision's resnet18 with 10 classes on CIFAR-sized 3x32x32 images, batch 64
    torch.manual_seed(0)
    small = torchvision.models.resnet18(num_classes=10)
    out["cifar_train_samples_per_s"] = train_samples_per_s(small, torch.randn(64, 3, 32, 32), 10, seconds)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
