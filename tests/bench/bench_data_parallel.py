"""PyTorch DDP (gloo backend) peer of bench_data_parallel.sh: the same model, global batch,
process count and threads per process, SGD with momentum; prints one JSON line with rank 0's
images per second over the timed steps. Inputs are random tensors made once (no decoding or
augmentation), so this peer does less work per step than dp_rank_main.

  /usr/bin/python3 tests/bench/bench_data_parallel.py --model smallcnn --world 2 --threads 1 \
      --batch 32 --input-size 32 --classes 4 --steps 20 --warmup 3
"""
import argparse
import json
import os
import socket
import time

import torch
import torch.distributed as dist
import torch.multiprocessing as mp
import torch.nn as nn
import torch.nn.functional as F
import torchvision


def small_cnn(classes):
    def conv_bn_relu(inputs, outputs):
        return [nn.Conv2d(inputs, outputs, 3, padding=1, bias=False), nn.BatchNorm2d(outputs), nn.ReLU(inplace=True)]

    return nn.Sequential(*conv_bn_relu(3, 32), nn.MaxPool2d(2, 2, ceil_mode=True),
                         *conv_bn_relu(32, 64), nn.MaxPool2d(2, 2, ceil_mode=True),
                         *conv_bn_relu(64, 128), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                         nn.Dropout(0.2), nn.Linear(128, classes))


def build(name, classes):
    if name == "smallcnn":
        return small_cnn(classes)
    if name == "resnet18":
        return torchvision.models.resnet18(num_classes=classes)
    if name == "googlenet":
        return torchvision.models.googlenet(num_classes=classes, aux_logits=False, init_weights=True)
    raise SystemExit(f"unknown model {name}")


def worker(rank, args, port):
    os.environ["MASTER_ADDR"] = "127.0.0.1"
    os.environ["MASTER_PORT"] = str(port)
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    dist.init_process_group("gloo", rank=rank, world_size=args.world)
    model = nn.parallel.DistributedDataParallel(build(args.model, args.classes))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=5e-4)
    local = args.batch // args.world + (1 if rank < args.batch % args.world else 0)
    images = torch.randn(local, 3, args.input_size, args.input_size)
    labels = torch.randint(0, args.classes, (local,))
    start = 0.0
    for step in range(args.warmup + args.steps):
        if step == args.warmup:
            dist.barrier()
            start = time.perf_counter()
        optimizer.zero_grad()
        F.cross_entropy(model(images), labels).backward()
        optimizer.step()
    dist.barrier()
    elapsed = time.perf_counter() - start
    if rank == 0:
        parameters = sum(p.numel() for p in model.parameters())
        print(json.dumps({"images_per_second": args.batch * args.steps / elapsed, "parameters": parameters}), flush=True)
    dist.destroy_process_group()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="smallcnn")
    parser.add_argument("--world", type=int, default=1)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--input-size", type=int, default=32)
    parser.add_argument("--classes", type=int, default=4)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    args = parser.parse_args()
    with socket.socket() as probe:  # a free port for the rendezvous
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    mp.spawn(worker, args=(args, port), nprocs=args.world, join=True)


if __name__ == "__main__":
    main()
