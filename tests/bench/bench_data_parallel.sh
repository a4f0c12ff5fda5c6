#!/usr/bin/env bash
# Data-parallel training throughput (not pass/fail): dp_rank_main (tests/cluster) as 1, 2 and 4
# processes on this machine's cores, split evenly (N processes × cores/N threads), against one
# process using all the cores, and PyTorch DDP with its gloo backend (bench_data_parallel.py) in
# the same configurations. Per configuration: images/s (median over the steps after the
# warm-up), rank 0's compute and communication seconds per step, bytes rank 0 sent per step
# against the model's size, and the scaling efficiency (N processes / 1 process on the same
# cores). WORLDS defaults to the process counts the cores allow (1 2 4, each with a core).
#
#   bash tests/bench/bench_data_parallel.sh
#   MODELS="googlenet:224 resnet18:64" BATCH=32 STEPS=20 WORLDS="1 2 4" CORES=16 bash tests/bench/bench_data_parallel.sh
#
# Sieve's ranks decode and augment their shard's images (one loader thread each); PyTorch's
# peer trains on random tensors made once, so it does less work per step.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ -z "${SIEVE_BENCH_BUILT:-}" ]; then
  cmake --preset release >/dev/null
  cmake --build --preset release --target dp_rank_main sieve-cli >/dev/null
fi
rank_main=${SIEVE_DP_RANK:-build/release/tests/cluster/dp_rank_main}
cli=${SIEVE_CLI:-build/release/app/sieve-cli}
python=/usr/bin/python3
models=${MODELS:-smallcnn:32 resnet18:64}
batch=${BATCH:-32}
steps=${STEPS:-20}
warmup=${WARMUP:-3}
cores=${CORES:-$(nproc)}
if [ -z "${WORLDS:-}" ]; then
  WORLDS=1
  for w in 2 4; do [ "$cores" -ge "$w" ] && WORLDS="$WORLDS $w"; done
fi
classes=4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$cli" demo --out "$work/demo" --images "${IMAGES:-400}" --categories $classes --min-megapixels 0.01 \
  --max-megapixels 0.02 >/dev/null
"$python" - "$work" <<'PY'
import csv, os, sys
work = sys.argv[1]
rows = list(csv.DictReader(open(os.path.join(work, "demo", "metadata.csv"))))
labels = sorted({r["label"] for r in rows})
with open(os.path.join(work, "train.txt"), "w") as out:
    for r in rows:
        out.write(f"{labels.index(r['label'])}\t{os.path.join(work, 'demo', 'images', r['path'])}\n")
open(os.path.join(work, "validation.txt"), "w").close()
PY

# run_sieve MODEL SIZE WORLD: prints "images/s compute_s communication_s bytes_per_step parameters"
run_sieve() {
  local model=$1 size=$2 world=$3 threads=$(( cores / $3 )) name="$1-$3"
  mkdir -p "$work/$name"
  local pids=()
  for ((r = 0; r < world; r++)); do
    "$rank_main" --rank $r --size "$world" --store "$work/$name/store" --prefix "$name" --train "$work/train.txt" \
      --validation "$work/validation.txt" --classes $classes --model "$model" --input-size "$size" \
      --batch "$batch" --steps $(( steps + warmup )) --epochs 1000 --threads "$threads" --checksum-every 0 \
      --output-dir "$work/$name/rank$r" --out "$work/$name/weights$r.bin" --metrics "$work/$name/metrics$r.jsonl" \
      2>"$work/$name/log$r.txt" &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || { cat "$work/$name"/log*.txt >&2; return 1; }; done
  "$python" - "$work/$name" "$world" $warmup <<'PY'
import json, os, statistics, sys
folder, world, warmup = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
lines = [json.loads(l) for l in open(os.path.join(folder, "metrics0.jsonl")) if l.strip()]
steps = [l for l in lines if "train/loss" in l and l["step"] > warmup]
median = lambda key: statistics.median(l[key] for l in steps)
byte_steps = steps[-1]["step"] - steps[0]["step"]
sent = (steps[-1]["cluster/rank/0/bytes_sent"] - steps[0]["cluster/rank/0/bytes_sent"]) / max(1, byte_steps)
parameters = os.path.getsize(os.path.join(folder, "weights0.bin")) // 4
print(f"{median('train/images_per_second'):.1f} {median('cluster/rank/0/compute_seconds'):.4f} "
      f"{median('cluster/rank/0/communication_seconds'):.4f} {sent:.0f} {parameters}")
PY
}

run_torch() {
  "$python" tests/bench/bench_data_parallel.py --model "$1" --input-size "$2" --world "$3" --threads $(( cores / $3 )) \
    --batch "$batch" --classes $classes --steps "$steps" --warmup $warmup 2>/dev/null |
    "$python" -c 'import json, sys; print("%.1f" % json.loads(sys.stdin.readline())["images_per_second"])'
}

echo "global batch $batch, $steps timed steps after $warmup, $cores cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-12s %-8s %10s %10s %10s %8s %14s %10s %10s\n' model procs sieve_img/s compute_s comm_s comm% bytes/step model_MB torch_img/s
for spec in $models; do
  model=${spec%%:*}; size=${spec##*:}
  declare -A sieve_rate torch_rate
  for world in $WORLDS; do
    read -r rate compute comm bytes parameters < <(run_sieve "$model" "$size" "$world")
    torch=$(run_torch "$model" "$size" "$world" || echo n/a)
    sieve_rate[$world]=$rate; torch_rate[$world]=$torch
    share=$("$python" -c "print(f'{100 * $comm / max(1e-9, $compute + $comm):.1f}')")
    printf '%-12s %-8s %10s %10s %10s %8s %14s %10.2f %10s\n' "$model@$size" "${world}x$(( cores / world ))t" "$rate" \
      "$compute" "$comm" "$share" "$bytes" "$("$python" -c "print($parameters * 4 / 1e6)")" "$torch"
  done
  for world in $WORLDS; do
    [ "$world" = 1 ] && continue
    "$python" -c "print(f'$model: scaling $world procs / 1 proc: Sieve {${sieve_rate[$world]} / ${sieve_rate[1]}:.2f}', end='')"
    if [ "${torch_rate[$world]}" != n/a ] && [ "${torch_rate[1]}" != n/a ]; then
      "$python" -c "print(f', PyTorch DDP {${torch_rate[$world]} / ${torch_rate[1]}:.2f}; Sieve / PyTorch at $world procs {${sieve_rate[$world]} / ${torch_rate[$world]}:.2f}')"
    else echo; fi
  done
  unset sieve_rate torch_rate
done
