"""PyTorch 1.13's ONNX exports of the torchvision 0.14 models too large to commit as fixtures
(alexnet, vgg11_bn, googlenet, inception_v3 at full width, random seeded weights, eval mode, 10
classes), at opsets 13 (static shapes) and 17 (a dynamic batch axis), for
tests/onnx/import_torchvision_full.test.ts, which runs this script when it runs.

Usage: /usr/bin/python3 scripts/ci/export_torchvision_full.py OUT_DIR
Writes OUT_DIR/<model>_opset<n>.onnx and OUT_DIR/cases.json (each model's input, output and files).
"""
import json
import os
import sys
import warnings

import torch
import torchvision

# (builder, input side: AlexNet's and VGG's adaptive pools export from 224x224 only; Inception v3 needs 75 at least)
MODELS = [('alexnet', 224), ('vgg11_bn', 224), ('googlenet', 64), ('inception_v3', 96)]


def main(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    cases = {}
    for name, size in MODELS:
        torch.manual_seed(0)
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            kwargs = {'aux_logits': False, 'init_weights': True} if name in ('googlenet', 'inception_v3') else {}
            model = getattr(torchvision.models, name)(num_classes=10, **kwargs).eval()
            x = torch.randn(2, 3, size, size)
            with torch.no_grad():
                y = model(x)
            files = {}
            for opset, dynamic in ((13, False), (17, True)):
                files[str(opset)] = f'{name}_opset{opset}.onnx'
                axes = {'input': {0: 'batch'}, 'output': {0: 'batch'}} if dynamic else None
                torch.onnx.export(model, x, os.path.join(out_dir, files[str(opset)]), opset_version=opset,
                                  input_names=['input'], output_names=['output'], dynamic_axes=axes)
        cases[name] = {'files': files, 'input': {'shape': list(x.shape), 'values': x.reshape(-1).tolist()},
                       'output': {'shape': list(y.shape), 'values': y.reshape(-1).tolist()}}
    with open(os.path.join(out_dir, 'cases.json'), 'w') as f:
        json.dump(cases, f)


if __name__ == '__main__':
    main(sys.argv[1])
