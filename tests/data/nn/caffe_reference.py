#!/usr/bin/env python3
"""Writes a small Caffe network and a PyTorch module computing the same thing, for tst_nn_caffe_import.

    /usr/bin/python3 tests/data/nn/caffe_reference.py OUT_DIR

Run by the test at test time; nothing is committed. There is no Caffe here: the .caffemodel is
written with a caffe_pb2 that protoc generates from Sieve's own core/nn/caffe/caffe.proto (the
official field numbers), and the reference outputs come from PyTorch. Writes into OUT_DIR:
  small.prototxt    the network in Caffe's text format: Input, Convolution (stride, pad, and the
                    _h/_w forms), in-place ReLU, ceil-mode max pooling, LRN (alpha 1e-3, k 2), an
                    explicit Split, an inception-like block of four branches (a grouped 5x5, a
                    padded 3x3 max pool) joined by Concat, BatchNorm + Scale (in place), a dilated
                    convolution added back by Eltwise SUM, ceil-mode average pooling, InnerProduct,
                    Dropout, InnerProduct, Softmax; fillers, lr multipliers and a TRAIN-only layer
                    of a type Sieve does not know, which the import must skip
  small.caffemodel  the weights by layer name (the last InnerProduct's in the pre-2015 4-D blob
                    form, BatchNorm's as Caffe keeps them: sums and their weight)
  small.bin         sieveref.py's format: "input" (2x3x32x32), PyTorch's "logits" and
                    "probabilities"
Exits with status 77 when torch, google.protobuf or protoc is missing.
"""
import os
import shutil
import subprocess
import sys

from sieveref import SKIP, write_tensors

try:
    import google.protobuf  # noqa: F401
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
except ImportError as error:
    print("%s (install python3-torch and python3-protobuf)" % error, file=sys.stderr)
    sys.exit(SKIP)

PROTO_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "core", "nn", "caffe")

PROTOTXT = """name: "SmallCaffeNet"
layer { name: "data" type: "Input" top: "data" input_param { shape { dim: 1 dim: 3 dim: 32 dim: 32 } } }
layer { name: "train_only" type: "Python" bottom: "data" top: "ignored" include { phase: TRAIN } }
layer {
  name: "conv1" type: "Convolution" bottom: "data" top: "conv1"
  param { lr_mult: 1 decay_mult: 1 } param { lr_mult: 2 decay_mult: 0 }
  convolution_param { num_output: 8 kernel_size: 3 stride: 2 pad: 1 weight_filler { type: "xavier" std: 0.1 } }
}
layer { name: "relu1" type: "ReLU" bottom: "conv1" top: "conv1" }
layer { name: "pool1" type: "Pooling" bottom: "conv1" top: "pool1" pooling_param { pool: MAX kernel_size: 3 stride: 2 } }
layer { name: "norm1" type: "LRN" bottom: "pool1" top: "norm1" lrn_param { local_size: 5 alpha: 0.001 beta: 0.75 k: 2 } }
layer { name: "split1" type: "Split" bottom: "norm1" top: "norm1_a" top: "norm1_b" }
layer { name: "b1" type: "Convolution" bottom: "norm1_a" top: "b1" convolution_param { num_output: 6 kernel_size: 1 } }
layer { name: "b1_relu" type: "ReLU" bottom: "b1" top: "b1" }
layer { name: "b2_reduce" type: "Convolution" bottom: "norm1_b" top: "b2_reduce" convolution_param { num_output: 4 kernel_size: 1 } }
layer { name: "b2_reduce_relu" type: "ReLU" bottom: "b2_reduce" top: "b2_reduce" }
layer { name: "b2" type: "Convolution" bottom: "b2_reduce" top: "b2"
        convolution_param { num_output: 6 kernel_h: 3 kernel_w: 3 pad_h: 1 pad_w: 1 } }
layer { name: "b2_relu" type: "ReLU" bottom: "b2" top: "b2" }
layer { name: "b3" type: "Convolution" bottom: "norm1" top: "b3" convolution_param { num_output: 4 kernel_size: 5 pad: 2 group: 2 } }
layer { name: "b3_relu" type: "ReLU" bottom: "b3" top: "b3" }
layer { name: "b4_pool" type: "Pooling" bottom: "norm1" top: "b4_pool" pooling_param { pool: MAX kernel_size: 3 stride: 1 pad: 1 } }
layer { name: "b4" type: "Convolution" bottom: "b4_pool" top: "b4" convolution_param { num_output: 4 kernel_size: 1 bias_term: false } }
layer { name: "b4_relu" type: "ReLU" bottom: "b4" top: "b4" }
layer { name: "joined" type: "Concat" bottom: "b1" bottom: "b2" bottom: "b3" bottom: "b4" top: "joined" }
layer { name: "joined_bn" type: "BatchNorm" bottom: "joined" top: "joined" batch_norm_param { eps: 0.001 } }
layer { name: "joined_scale" type: "Scale" bottom: "joined" top: "joined" scale_param { bias_term: true } }
layer { name: "residual" type: "Convolution" bottom: "joined" top: "residual"
        convolution_param { num_output: 20 kernel_size: 3 pad: 2 dilation: 2 } }
layer { name: "sum" type: "Eltwise" bottom: "joined" bottom: "residual" top: "sum" eltwise_param { operation: SUM } }
layer { name: "sum_relu" type: "ReLU" bottom: "sum" top: "sum" }
layer { name: "pool2" type: "Pooling" bottom: "sum" top: "pool2" pooling_param { pool: AVE kernel_size: 3 stride: 2 } }
layer { name: "fc1" type: "InnerProduct" bottom: "pool2" top: "fc1" inner_product_param { num_output: 16 } }
layer { name: "fc1_relu" type: "ReLU" bottom: "fc1" top: "fc1" }
layer { name: "fc1_drop" type: "Dropout" bottom: "fc1" top: "fc1" dropout_param { dropout_ratio: 0.5 } }
layer { name: "classifier" type: "InnerProduct" bottom: "fc1" top: "classifier" inner_product_param { num_output: 5 } }
layer { name: "prob" type: "Softmax" bottom: "classifier" top: "prob" }
"""


class SmallCaffeNet(nn.Module):
    """What the prototxt computes, in PyTorch (Caffe's pooling rounds up: ceil_mode)."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 3, stride=2, padding=1)
        self.b1 = nn.Conv2d(8, 6, 1)
        self.b2_reduce = nn.Conv2d(8, 4, 1)
        self.b2 = nn.Conv2d(4, 6, 3, padding=1)
        self.b3 = nn.Conv2d(8, 4, 5, padding=2, groups=2)
        self.b4 = nn.Conv2d(8, 4, 1, bias=False)
        self.joined_bn = nn.BatchNorm2d(20, eps=0.001)
        self.residual = nn.Conv2d(20, 20, 3, padding=2, dilation=2)
        self.fc1 = nn.Linear(20 * 4 * 4, 16)
        self.classifier = nn.Linear(16, 5)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 3, 2, ceil_mode=True)
        x = F.local_response_norm(x, 5, alpha=0.001, beta=0.75, k=2.0)
        b1 = F.relu(self.b1(x))
        b2 = F.relu(self.b2(F.relu(self.b2_reduce(x))))
        b3 = F.relu(self.b3(x))
        b4 = F.relu(self.b4(F.max_pool2d(x, 3, 1, 1, ceil_mode=True)))
        x = self.joined_bn(torch.cat([b1, b2, b3, b4], 1))
        x = F.relu(x + self.residual(x))
        x = F.avg_pool2d(x, 3, 2, ceil_mode=True)
        x = F.dropout(F.relu(self.fc1(x.flatten(1))), 0.5, self.training)
        return self.classifier(x)


def main():
    out = sys.argv[1]
    protoc = shutil.which("protoc")
    if protoc is None:
        print("protoc is not installed (protobuf-compiler)", file=sys.stderr)
        sys.exit(SKIP)
    subprocess.run([protoc, "--proto_path=" + PROTO_DIR, "--python_out=" + out, "caffe.proto"], check=True)
    sys.path.insert(0, out)
    import caffe_pb2

    torch.manual_seed(5)
    torch.set_num_threads(1)
    net = SmallCaffeNet()
    with torch.no_grad():
        bn = net.joined_bn
        bn.weight.uniform_(0.5, 1.5)
        bn.bias.uniform_(-0.2, 0.2)
        bn.running_mean.uniform_(-0.2, 0.2)
        bn.running_var.uniform_(0.5, 1.5)
    net.eval()

    weights = caffe_pb2.NetParameter()
    weights.name = "SmallCaffeNet"

    def layer(name, kind, tensors, legacy=False):
        l = weights.layer.add()
        l.name = name
        l.type = kind
        for t in tensors:
            blob = l.blobs.add()
            t = t.detach().contiguous().float()
            if legacy:  # the 4-D form of files written before BlobShape
                dims = [1] * (4 - t.dim()) + list(t.shape)
                blob.num, blob.channels, blob.height, blob.width = dims
            else:
                blob.shape.dim.extend(t.shape)
            blob.data.extend(t.flatten().tolist())

    for name in ("conv1", "b1", "b2_reduce", "b2", "b3", "residual"):
        conv = getattr(net, name)
        layer(name, "Convolution", [conv.weight, conv.bias])
    layer("b4", "Convolution", [net.b4.weight])
    factor = 999.5  # Caffe's running sums are divided by this sum of weights
    layer("joined_bn", "BatchNorm", [bn.running_mean * factor, bn.running_var * factor, torch.tensor([factor])])
    layer("joined_scale", "Scale", [bn.weight, bn.bias])
    layer("fc1", "InnerProduct", [net.fc1.weight, net.fc1.bias])
    layer("classifier", "InnerProduct", [net.classifier.weight, net.classifier.bias], legacy=True)

    with open(os.path.join(out, "small.prototxt"), "w") as f:
        f.write(PROTOTXT)
    with open(os.path.join(out, "small.caffemodel"), "wb") as f:
        f.write(weights.SerializeToString())

    images = torch.randn(2, 3, 32, 32)
    with torch.no_grad():
        logits = net(images)
    write_tensors(os.path.join(out, "small.bin"),
                  [("input", images), ("logits", logits), ("probabilities", F.softmax(logits, 1))])


if __name__ == "__main__":
    main()
