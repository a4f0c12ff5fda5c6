#!/usr/bin/env python3
"""Generates the PyTorch reference for tst_nn_reference (run once; the outputs are committed).

    /usr/bin/python3 tests/data/nn/make_reference.py

Needs Debian's python3-torch (1.13). Writes, next to this script:
  reference_net.json      the network in Sieve's model-definition format
  reference_tensors.bin   weights, input, labels, and what PyTorch computed: logits, loss,
                          every parameter's gradient, the running statistics after the step,
                          and the logits of an inference pass after it

The network has a stem (conv, batch norm, ReLU, ceil-mode max pooling, LRN), an inception
block (four parallel branches joined by concat, one of them with an 8-channel output that does
not fill a 16-channel block), a residual block (conv-bn-relu-conv-bn + add + relu), a depthwise
convolution with ReLU6, average and global average pooling, and a classifier trained with
label-smoothed cross-entropy. Parameter names are "<node>.<role>", as Sieve names them.

tensors.bin format (little-endian): b"SIEVEREF", uint32 count, then per tensor: uint32 name
length, name (UTF-8), uint32 rank, int64 dims[rank], float32 values.
"""
import json
import os
import struct

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
BATCH, CLASSES, SIZE = 4, 5, 16


def node(name, op, inputs, **attributes):
    entry = {"name": name, "op": op, "inputs": inputs}
    if attributes:
        entry["attributes"] = attributes
    return entry


def conv(name, src, outputs, kernel, **more):
    return node(name, "convolution", [src], outputs=outputs, kernel=kernel, **more)


NODES = [
    conv("conv1", "data", 16, 3, pad=1),
    node("bn1", "batch_norm", ["conv1"]),
    node("relu1", "relu", ["bn1"]),
    node("pool1", "max_pool", ["relu1"], kernel=3, stride=2, ceil=True),
    node("lrn1", "lrn", ["pool1"], size=5, alpha=0.01, beta=0.75, k=1.0),
    # inception block
    conv("b1", "lrn1", 16, 1), node("b1_relu", "relu", ["b1"]),
    conv("b2_reduce", "lrn1", 8, 1), node("b2_reduce_relu", "relu", ["b2_reduce"]),
    conv("b2", "b2_reduce_relu", 16, 3, pad=1), node("b2_relu", "relu", ["b2"]),
    conv("b3_reduce", "lrn1", 4, 1), node("b3_reduce_relu", "relu", ["b3_reduce"]),
    conv("b3", "b3_reduce_relu", 8, 5, pad=2), node("b3_relu", "relu", ["b3"]),
    node("b4_pool", "max_pool", ["lrn1"], kernel=3, stride=1, pad=1),
    conv("b4", "b4_pool", 8, 1), node("b4_relu", "relu", ["b4"]),
    node("inception", "concat", ["b1_relu", "b2_relu", "b3_relu", "b4_relu"]),
    # residual block
    conv("reduce", "inception", 16, 1, bias=False),
    node("reduce_bn", "batch_norm", ["reduce"]),
    node("reduce_relu", "relu", ["reduce_bn"]),
    conv("res_a", "reduce_relu", 16, 3, pad=1, bias=False),
    node("res_a_bn", "batch_norm", ["res_a"]),
    node("res_a_relu", "relu", ["res_a_bn"]),
    conv("res_b", "res_a_relu", 16, 3, pad=1, bias=False),
    node("res_b_bn", "batch_norm", ["res_b"]),
    node("res_add", "add", ["res_b_bn", "reduce_relu"]),
    node("res_relu", "relu", ["res_add"]),
    # depthwise + pooling + classifier
    conv("dw", "res_relu", 16, 3, pad=1, groups=16),
    node("dw_relu6", "relu6", ["dw"]),
    node("pool2", "avg_pool", ["dw_relu6"], kernel=2, stride=2),
    node("gap", "global_avg_pool", ["pool2"]),
    node("fc", "inner_product", ["gap"], outputs=CLASSES),
    node("loss", "softmax_cross_entropy", ["fc"], labelSmoothing=0.1),
]


class Reference(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 16, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(16)
        self.b1 = nn.Conv2d(16, 16, 1)
        self.b2_reduce = nn.Conv2d(16, 8, 1)
        self.b2 = nn.Conv2d(8, 16, 3, padding=1)
        self.b3_reduce = nn.Conv2d(16, 4, 1)
        self.b3 = nn.Conv2d(4, 8, 5, padding=2)
        self.b4 = nn.Conv2d(16, 8, 1)
        self.reduce = nn.Conv2d(48, 16, 1, bias=False)
        self.reduce_bn = nn.BatchNorm2d(16)
        self.res_a = nn.Conv2d(16, 16, 3, padding=1, bias=False)
        self.res_a_bn = nn.BatchNorm2d(16)
        self.res_b = nn.Conv2d(16, 16, 3, padding=1, bias=False)
        self.res_b_bn = nn.BatchNorm2d(16)
        self.dw = nn.Conv2d(16, 16, 3, padding=1, groups=16)
        self.fc = nn.Linear(16, CLASSES)

    def forward(self, x):
        x = F.relu(self.bn1(self.conv1(x)))
        x = F.max_pool2d(x, 3, 2, ceil_mode=True)
        x = F.local_response_norm(x, 5, alpha=0.01, beta=0.75, k=1.0)
        b1 = F.relu(self.b1(x))
        b2 = F.relu(self.b2(F.relu(self.b2_reduce(x))))
        b3 = F.relu(self.b3(F.relu(self.b3_reduce(x))))
        b4 = F.relu(self.b4(F.max_pool2d(x, 3, 1, 1)))
        x = torch.cat([b1, b2, b3, b4], 1)
        r = F.relu(self.reduce_bn(self.reduce(x)))
        y = F.relu(self.res_a_bn(self.res_a(r)))
        y = self.res_b_bn(self.res_b(y))
        x = F.relu(y + r)
        x = F.relu6(self.dw(x))
        x = F.avg_pool2d(x, 2, 2)
        x = F.adaptive_avg_pool2d(x, 1).flatten(1)
        return self.fc(x)


def main():
    torch.manual_seed(2024)
    torch.set_num_threads(1)
    model = Reference()
    with torch.no_grad():
        # Move batch-norm scales and shifts and every bias off their initial 1 and 0.
        for name, p in model.named_parameters():
            if name.endswith("bias") or ".bn" in name or "_bn" in name or name.startswith("bn"):
                p.add_(torch.empty_like(p).uniform_(-0.3, 0.3))
    images = torch.randn(BATCH, 3, SIZE, SIZE)
    labels = torch.tensor([1, 4, 0, 3])

    tensors = [("input", images), ("labels", labels.float())]
    tensors += [(name, p.detach().clone()) for name, p in model.named_parameters()]

    model.train()
    logits = model(images)
    loss = F.cross_entropy(logits, labels, label_smoothing=0.1)
    loss.backward()
    tensors += [("logits", logits.detach()), ("loss", loss.detach().reshape(1))]
    tensors += [("grad/" + name, p.grad) for name, p in model.named_parameters()]
    tensors += [(name, b) for name, b in model.named_buffers() if "running" in name]
    model.eval()
    with torch.no_grad():
        tensors.append(("eval_logits", model(images)))

    definition = {
        "format": "sieve-model", "version": 1, "name": "reference",
        "input": {"name": "data", "channels": 3, "height": SIZE, "width": SIZE},
        "nodes": NODES,
    }
    with open(os.path.join(HERE, "reference_net.json"), "w") as f:
        json.dump(definition, f, indent=1)
        f.write("\n")
    with open(os.path.join(HERE, "reference_tensors.bin"), "wb") as f:
        f.write(b"SIEVEREF")
        f.write(struct.pack("<I", len(tensors)))
        for name, t in tensors:
            t = t.detach().contiguous().float()
            encoded = name.encode()
            f.write(struct.pack("<I", len(encoded)))
            f.write(encoded)
            f.write(struct.pack("<I", t.dim()))
            f.write(struct.pack("<%dq" % t.dim(), *t.shape))
            f.write(t.numpy().astype("<f4").tobytes())
    print("loss %.6f, %d tensors" % (loss.item(), len(tensors)))


if __name__ == "__main__":
    main()
