#!/usr/bin/env python3
"""Writes a torchvision model's weights, an input batch and PyTorch's logits for tst_nn_model_zoo.

    /usr/bin/python3 tests/data/nn/torchvision_reference.py resnet18|mobilenetv2 SIZE OUT_FILE

Run by the test at test time (nothing is committed): the weights are random (seed fixed, no
download), batch-norm statistics and affine parameters moved off their initial values so the
comparison exercises them. Tensors are named as torchvision's state_dict names them, which is
how Sieve's zoo names its tensors; num_batches_tracked is left out. Also written: "input"
(2 × 3 × SIZE × SIZE) and "logits" (eval mode). Exits with status 77 when torch or torchvision
is missing.
"""
import sys

from sieveref import SKIP, write_tensors

try:
    import torch
    import torchvision
except ImportError as error:
    print("%s (install python3-torch and python3-torchvision)" % error, file=sys.stderr)
    sys.exit(SKIP)


def main():
    name, size, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    torch.manual_seed(7)
    torch.set_num_threads(1)
    model = getattr(torchvision.models, {"resnet18": "resnet18", "mobilenetv2": "mobilenet_v2"}[name])(weights=None)
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, torch.nn.BatchNorm2d):
                module.weight.uniform_(0.5, 1.5)
                module.bias.uniform_(-0.2, 0.2)
                module.running_mean.uniform_(-0.2, 0.2)
                module.running_var.uniform_(0.5, 1.5)
    model.eval()
    images = torch.randn(2, 3, size, size)
    with torch.no_grad():
        logits = model(images)
    tensors = [(key, value) for key, value in model.state_dict().items() if not key.endswith("num_batches_tracked")]
    tensors += [("input", images), ("logits", logits)]
    write_tensors(out, tensors)


if __name__ == "__main__":
    main()
