#!/usr/bin/env bash
# The cost of watching a run: the same smallcnn run started from the GUI's New Training Run
# dialog with the training monitor open and charting it live (a real window on an X display:
# xvfb-run when there is none), against `sieve-cli train` with the same project, seed and
# threads, alternated ROUNDS times. Prints each run's own duration and the overhead of the GUI
# in percent (target < 2 %). See bench_live_run.cpp.
#
#   bash tests/bench/live_run.sh              # alone: builds what it needs (release)
#   LIVE_IMAGES=800 LIVE_EPOCHS=8 THREADS=2 ROUNDS=3 bash tests/bench/live_run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ -z "${SIEVE_BENCH_BUILT:-}" ]; then
  cmake --preset release >/dev/null
  cmake --build --preset release --target sieve-cli bench_live_run >/dev/null
fi
cli=build/release/app/sieve-cli
bench=build/release/tests/bench/bench_live_run
threads=${THREADS:-$(nproc)}
images=${LIVE_IMAGES:-800}
epochs=${LIVE_EPOCHS:-8}
rounds=${ROUNDS:-3}
work=$(mktemp -d /tmp/sieve-bench-live.XXXXXX)
trap 'rm -rf "$work"' EXIT

# Small demo photos in 6 categories: decoding stays a small part of each run.
"$cli" demo --out "$work/demo" --images "$images" --categories 6 --min-megapixels 0.05 --max-megapixels 0.1 --seed 9 >/dev/null 2>&1
"$cli" import "$work/p" "$work/demo/images" --metadata "$work/demo/metadata.csv" >/dev/null 2>&1 || true

echo "== A live run with the training monitor open against the same run from sieve-cli ($images images)"
args=("$work/p" --cli "$cli" --epochs "$epochs" --threads "$threads" --rounds "$rounds")
if [ -n "${DISPLAY:-}" ]; then
  QT_QPA_PLATFORM=xcb "$bench" "${args[@]}" 2>&1 | grep -v -e propagateSizeHints -e XDG_RUNTIME_DIR
else
  QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1400x900x24" "$bench" "${args[@]}" 2>&1 | grep -v -e propagateSizeHints -e XDG_RUNTIME_DIR
fi
