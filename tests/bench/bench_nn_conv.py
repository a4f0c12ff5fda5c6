#!/usr/bin/env python3
"""PyTorch peer of bench_nn_conv: the same layer, batch and threads, forward + backward (data and
weights), in the default layout and in channels_last (PyTorch's faster one on CPU).

    /usr/bin/python3 tests/bench/bench_nn_conv.py conv1|conv2 [BATCH] [THREADS] [ITERATIONS]
"""
import sys
import time

import torch
import torch.nn.functional as F

layer = sys.argv[1] if len(sys.argv) > 1 else "conv1"
batch = int(sys.argv[2]) if len(sys.argv) > 2 else 8
threads = int(sys.argv[3]) if len(sys.argv) > 3 else 1
iterations = int(sys.argv[4]) if len(sys.argv) > 4 else 5
torch.set_num_threads(threads)
first = layer == "conv1"
channels, size, outputs = (3, 224, 64) if first else (64, 56, 192)
kernel, stride = (7, 2) if first else (3, 1)
out = size // stride

for memory_format in (torch.contiguous_format, torch.channels_last):
    conv = torch.nn.Conv2d(channels, outputs, kernel, stride, kernel // 2).to(memory_format=memory_format)
    fc = torch.nn.Linear(outputs, 10)
    x = torch.randn(batch, channels, size, size).to(memory_format=memory_format).requires_grad_(True)
    labels = torch.full((batch,), 3)

    def step():
        conv.zero_grad(); fc.zero_grad(); x.grad = None
        y = fc(F.adaptive_avg_pool2d(conv(x), 1).flatten(1))
        F.cross_entropy(y, labels).backward()

    step()
    start = time.perf_counter()
    for _ in range(iterations):
        step()
    seconds = (time.perf_counter() - start) / iterations
    flops = 6.0 * batch * outputs * out * out * channels * kernel * kernel
    name = "channels_last" if memory_format == torch.channels_last else "contiguous"
    print("pytorch %s batch %d, %d thread(s), %s: %.1f ms per forward+backward, %.1f GFLOP/s"
          % (layer, batch, threads, name, seconds * 1e3, flops / seconds / 1e9))
