#!/usr/bin/env bash
# The training engine on whole models: training (forward, backward, SGD step) and inference
# images per second of GoogLeNet, ResNet-18 and MobileNetV2 at 224×224, for `sieve-cli
# bench-engine` in fp32 and bf16 and for PyTorch (bench_engine.py: the same models, batch, threads
# and step) in channels_last, its faster layout on CPU, and in the default contiguous layout.
# Every configuration runs each contender in turn within the same loop, so a neighbour's load
# falls on both alike; with ROUNDS > 1 the best round of each is kept. Ratios are Sieve over
# PyTorch's better layout. Targets: fp32 training and inference >= 1.0, bf16 training >= 1.6.
#
#   bash tests/bench/bench_engine.sh                   # batch 32, 1 and 2 threads (long)
#   QUICK=1 bash tests/bench/bench_engine.sh           # batch 16, fewer steps
#
# Not below batch 16: PyTorch 1.13 runs un-strided 1×1 convolutions of smaller single-threaded
# batches with its own im2col + BLAS code instead of oneDNN, and Debian builds it with the
# generic reference BLAS, so those runs measure that BLAS (GoogLeNet training 0.9 images/s at
# batch 8) rather than PyTorch.
#   MODELS="googlenet" THREADS_LIST=1 MODES=train STEPS=5 bash tests/bench/bench_engine.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ -z "${SIEVE_BENCH_BUILT:-}" ]; then
  cmake --preset release >/dev/null
  cmake --build --preset release --target sieve-cli >/dev/null
fi
cli=${SIEVE_CLI:-build/release/app/sieve-cli}
python=/usr/bin/python3
peer=tests/bench/bench_engine.py

if [ -n "${QUICK:-}" ]; then
  batch=${BATCH:-16}; steps=${STEPS:-2}; warmup=${WARMUP:-1}
else
  batch=${BATCH:-32}; steps=${STEPS:-5}; warmup=${WARMUP:-2}
fi
models=${MODELS:-googlenet resnet18 mobilenetv2}
threads_list=${THREADS_LIST:-1 2}
modes=${MODES:-train infer}
rounds=${ROUNDS:-1}
contiguous=${CONTIGUOUS:-1}

field() {
  "$python" -c "import json, sys; v = json.loads(sys.stdin.read())['$1']; print(v if isinstance(v, str) else '%.2f' % v)"
}
best() { awk -v a="$1" -v b="$2" 'BEGIN { print (a + 0 > b + 0) ? a : b }'; }
ratio() { awk -v x="$1" -v y="$2" 'BEGIN { if (y > 0) printf "%.2f", x / y; else print "-" }'; }

if ! "$python" -c "import torch, torchvision" 2>/dev/null; then
  echo "bench_engine: PyTorch is missing (apt-get install python3-torch python3-torchvision)" >&2
  exit 1
fi
bf16=no
[ "$("$cli" bench-engine --model smallcnn --steps 1 --warmup 0 --batch 1 --precision auto --json | field effective_precision)" = bf16 ] && bf16=yes

echo "== Training engine: batch $batch, $steps steps after $warmup warm-up, best of $rounds round(s); $(nproc) cores; bf16 instructions: $bf16"
echo "   load before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-12s %-6s %3s | %10s %10s | %10s %10s | %9s %9s\n" model mode thr "sieve fp32" "sieve bf16" "torch cl" "torch nchw" "fp32/best" "bf16/best"

for model in $models; do
  for threads in $threads_list; do
    for mode in $modes; do
      sfp32=0; sbf16=0; tcl=0; tnchw=0
      for _ in $(seq "$rounds"); do
        r=$("$cli" bench-engine --model "$model" --mode "$mode" --batch "$batch" --threads "$threads" \
              --steps "$steps" --warmup "$warmup" --precision fp32 --json | field images_per_second)
        sfp32=$(best "$sfp32" "$r")
        if [ "$bf16" = yes ]; then
          r=$("$cli" bench-engine --model "$model" --mode "$mode" --batch "$batch" --threads "$threads" \
                --steps "$steps" --warmup "$warmup" --precision bf16 --json | field images_per_second)
          sbf16=$(best "$sbf16" "$r")
        fi
        r=$("$python" "$peer" "$model" "$mode" "$batch" "$threads" "$steps" "$warmup" channels_last | field images_per_second)
        tcl=$(best "$tcl" "$r")
        if [ "$contiguous" = 1 ]; then
          r=$("$python" "$peer" "$model" "$mode" "$batch" "$threads" "$steps" "$warmup" contiguous | field images_per_second)
          tnchw=$(best "$tnchw" "$r")
        fi
      done
      torch_best=$(best "$tcl" "$tnchw")
      printf "%-12s %-6s %3s | %10s %10s | %10s %10s | %9s %9s\n" "$model" "$mode" "$threads" "$sfp32" \
        "$( [ "$bf16" = yes ] && echo "$sbf16" || echo - )" "$tcl" "$( [ "$contiguous" = 1 ] && echo "$tnchw" || echo - )" \
        "$(ratio "$sfp32" "$torch_best")" "$( [ "$bf16" = yes ] && ratio "$sbf16" "$torch_best" || echo - )"
    done
  done
done
echo "   load after: $(cut -d' ' -f1-3 /proc/loadavg)   (images/s; targets: fp32/best >= 1.0, bf16/best >= 1.6 in training)"
