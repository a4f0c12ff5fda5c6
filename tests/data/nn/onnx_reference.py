#!/usr/bin/env python3
"""Exports two PyTorch networks to ONNX, with inputs and PyTorch's outputs, for tst_nn_onnx_import.

    /usr/bin/python3 tests/data/nn/onnx_reference.py OUT_DIR

Run by the test at test time; nothing is committed. Writes into OUT_DIR:
  resnet18.onnx, resnet18.bin       torchvision's ResNet-18, random weights (seed fixed, no
                                    download), batch-norm statistics moved off their initial
                                    values; exported in evaluation mode, so PyTorch folds batch norm
                                    into the convolutions and names weights onnx::Conv_NNN; the
                                    batch dimension left open
  inception.onnx, inception.bin     a small network with an inception block (four branches joined
                                    by Concat), LRN, ceil-mode max pooling, a batch norm that cannot
                                    be folded, a grouped residual convolution (Add), ReLU6 (Clip),
                                    a depthwise convolution, average pooling counting padding,
                                    Reshape, Gemm, x @ W + b (MatMul + Add) and a final Softmax
The .bin files (sieveref.py's format) hold "input", "logits" and, for inception,
"probabilities". Exits with status 77 when torch or torchvision is missing.
"""
import os
import sys

from sieveref import SKIP, write_tensors

try:
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
    import torchvision
except ImportError as error:
    print("%s (install python3-torch and python3-torchvision)" % error, file=sys.stderr)
    sys.exit(SKIP)

OPSET = 13


class LocalResponseNorm(torch.autograd.Function):
    """F.local_response_norm, exported as ONNX's LRN: PyTorch would export its decomposition."""

    @staticmethod
    def forward(ctx, x):
        return F.local_response_norm(x, 5, alpha=1e-3, beta=0.75, k=2.0)

    @staticmethod
    def symbolic(g, x):
        return g.op("LRN", x, size_i=5, alpha_f=1e-3, beta_f=0.75, bias_f=2.0)


class Inceptionish(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, padding=1)
        self.stem_bn = nn.BatchNorm2d(16)
        self.b1 = nn.Conv2d(16, 8, 1)
        self.b2_reduce = nn.Conv2d(16, 8, 1)
        self.b2 = nn.Conv2d(8, 12, 3, padding=1)
        self.b3_reduce = nn.Conv2d(16, 4, 1)
        self.b3 = nn.Conv2d(4, 6, 5, padding=2)
        self.b4 = nn.Conv2d(16, 6, 1)
        self.joined_bn = nn.BatchNorm2d(32)
        self.residual = nn.Conv2d(32, 32, 3, padding=1, groups=4)
        self.depthwise = nn.Conv2d(32, 32, 3, stride=2, padding=1, groups=32)
        self.fc1 = nn.Linear(32 * 4 * 4, 24)
        self.projection = nn.Parameter(torch.randn(24, 5) * 0.3)
        self.projection_bias = nn.Parameter(torch.randn(5) * 0.1)
        self.with_softmax = True

    def forward(self, x):
        x = F.relu(self.stem_bn(self.stem(x)))
        x = F.max_pool2d(x, 3, 2, ceil_mode=True)
        x = LocalResponseNorm.apply(x)
        b1 = F.relu(self.b1(x))
        b2 = F.relu(self.b2(F.relu(self.b2_reduce(x))))
        b3 = F.relu(self.b3(F.relu(self.b3_reduce(x))))
        b4 = F.relu(self.b4(F.max_pool2d(x, 3, 1, 1)))
        x = self.joined_bn(torch.cat([b1, b2, b3, b4], 1))
        x = F.relu6(x + self.residual(x))
        x = F.relu6(self.depthwise(x))
        x = F.avg_pool2d(x, 3, 2, padding=1)
        x = x.reshape(-1, 32 * 4 * 4)
        x = F.dropout(F.relu(self.fc1(x)), 0.3, self.training)
        x = x @ self.projection + self.projection_bias
        return F.softmax(x, 1) if self.with_softmax else x


def randomize_batch_norm(model):
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, nn.BatchNorm2d):
                module.weight.uniform_(0.5, 1.5)
                module.bias.uniform_(-0.2, 0.2)
                module.running_mean.uniform_(-0.2, 0.2)
                module.running_var.uniform_(0.5, 1.5)


def main():
    out = sys.argv[1]
    torch.manual_seed(11)
    torch.set_num_threads(1)

    resnet = torchvision.models.resnet18(weights=None)
    randomize_batch_norm(resnet)
    resnet.eval()
    images = torch.randn(2, 3, 224, 224)
    with torch.no_grad():
        logits = resnet(images)
    torch.onnx.export(resnet, images, os.path.join(out, "resnet18.onnx"), opset_version=OPSET,
                      input_names=["images"], output_names=["logits"], dynamic_axes={"images": {0: "batch"}})
    write_tensors(os.path.join(out, "resnet18.bin"), [("input", images), ("logits", logits)])

    net = Inceptionish()
    randomize_batch_norm(net)
    net.eval()
    images = torch.randn(3, 3, 32, 32)
    with torch.no_grad():
        probabilities = net(images)
        net.with_softmax = False
        logits = net(images)
        net.with_softmax = True
    torch.onnx.export(net, images, os.path.join(out, "inception.onnx"), opset_version=OPSET)
    write_tensors(os.path.join(out, "inception.bin"),
                  [("input", images), ("logits", logits), ("probabilities", probabilities)])


if __name__ == "__main__":
    main()
