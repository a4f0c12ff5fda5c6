#!/usr/bin/env bash
# Runs Sieve's benchmarks on a release build and prints figures next to their peers, measured
# side by side in this run. Not pass/fail: the figures go into the session notes.
#
#   bash tests/bench/run.sh            # everything
#   IMAGES=24 THREADS=2 SKIP_GALLERY=1 SKIP_TRANSFER=1 SKIP_CHARTS=1 SKIP_LIVE_RUN=1 bash tests/bench/run.sh
#   ENGINE_QUICK=1 bash tests/bench/run.sh    # the engine table at batch 16 (SKIP_ENGINE=1: none)
set -euo pipefail
cd "$(dirname "$0")/../.."

bash scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release >/dev/null

cli=build/release/app/sieve-cli
threads=${THREADS:-$(nproc)}
images=${IMAGES:-40}
work=$(mktemp -d /tmp/sieve-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
now() { date +%s.%N; }
rate() { awk -v n="$1" -v a="$2" -v b="$3" 'BEGIN { printf "%.2f", n / (b - a) }'; }
ratio() { awk -v x="$1" -v y="$2" 'BEGIN { printf "%.2f", x / y }'; }

echo "== Sieve benchmarks: $(nproc) cores, $threads threads, $images images per size"

for mp in 12 2; do
  # Photo-like JPEGs from the demo generator, all of one size.
  "$cli" demo --out "$work/demo$mp" --images "$images" --min-megapixels "$mp" --max-megapixels "$mp" --seed 7 >/dev/null 2>&1
  mkdir -p "$work/jpeg$mp"
  i=0
  while IFS= read -r -d '' file; do
    i=$((i + 1)); cp "$file" "$work/jpeg$mp/photo_$i.jpg"
  done < <(find "$work/demo$mp/images" -iname '*.jpg' -print0 | sort -z)
  count=$(ls "$work/jpeg$mp" | wc -l)
  bytes=$(du -sb "$work/jpeg$mp" | cut -f1)
  cat "$work/jpeg$mp"/*.jpg > /dev/null   # same warm page cache for every contender

  # Import against simply reading the same files.
  t0=$(now); cat "$work/jpeg$mp"/*.jpg > /dev/null; t1=$(now)
  cat_rate=$(awk -v b="$bytes" -v a="$t0" -v c="$t1" 'BEGIN { printf "%.1f", b / 1048576 / (c - a) }')
  "$cli" init "$work/p$mp" >/dev/null
  t0=$(now); "$cli" import "$work/p$mp" "$work/jpeg$mp" --threads "$threads" >/dev/null 2>&1 || true; t1=$(now)
  import_rate=$(awk -v b="$bytes" -v a="$t0" -v c="$t1" 'BEGIN { printf "%.1f", b / 1048576 / (c - a) }')
  echo "import  ${mp} MP: $count files, $((bytes / 1048576)) MB: sieve-cli import $import_rate MB/s, cat $cat_rate MB/s, ratio $(ratio "$import_rate" "$cat_rate") (target >= 0.50)"

  # Thumbnails at 256 px, same thread count.
  t0=$(now); "$cli" thumbnails "$work/p$mp" --size 256 --threads "$threads" >/dev/null 2>&1; t1=$(now)
  sieve_rate=$(rate "$count" "$t0" "$t1")
  mkdir -p "$work/vips$mp"
  t0=$(now)
  # One vipsthumbnail process per thread, each with its share of the files.
  find "$work/jpeg$mp" -name '*.jpg' -print0 | VIPS_CONCURRENCY=1 xargs -0 -P "$threads" -n $(( (count + threads - 1) / threads )) \
    vipsthumbnail --size 256 -o "$work/vips$mp/%s.jpg[Q=82]"
  t1=$(now)
  vips_rate=$(rate "$count" "$t0" "$t1")
  echo "thumbs  ${mp} MP: sieve-cli thumbnails $sieve_rate images/s, vipsthumbnail $vips_rate images/s, ratio $(ratio "$sieve_rate" "$vips_rate") (target >= 1.0)"
done

# Import on a realistic mixed set: default photo sizes (1-12 MP), all four formats, nested
# folders, names with spaces. The small sets above mostly measure import's fixed cost.
mixed=${MIXED_IMAGES:-600}
"$cli" demo --out "$work/mixed" --images "$mixed" --seed 11 >/dev/null 2>&1
bytes=$(du -sb "$work/mixed/images" | cut -f1)
files=$(find "$work/mixed/images" -type f | wc -l)
find "$work/mixed/images" -type f -print0 | xargs -0 cat > /dev/null
t0=$(now); find "$work/mixed/images" -type f -print0 | xargs -0 cat > /dev/null; t1=$(now)
cat_rate=$(awk -v b="$bytes" -v a="$t0" -v c="$t1" 'BEGIN { printf "%.1f", b / 1048576 / (c - a) }')
"$cli" init "$work/pmixed" >/dev/null
t0=$(now); "$cli" import "$work/pmixed" "$work/mixed/images" --threads "$threads" >/dev/null 2>&1 || true; t1=$(now)
import_rate=$(awk -v b="$bytes" -v a="$t0" -v c="$t1" 'BEGIN { printf "%.1f", b / 1048576 / (c - a) }')
echo "import  mixed: $files files, $((bytes / 1048576)) MB: sieve-cli import $import_rate MB/s, cat $cat_rate MB/s, ratio $(ratio "$import_rate" "$cat_rate") (target >= 0.50)"

# Quality scan on the 2-MP JPEGs, one thread: images per second per core (target >= 40).
"$cli" init "$work/q2" >/dev/null
"$cli" import "$work/q2" "$work/jpeg2" >/dev/null 2>&1 || true
n2=$(ls "$work/jpeg2" | wc -l)
t0=$(now); "$cli" scan "$work/q2" quality --threads 1 >/dev/null 2>&1 || true; t1=$(now)
echo "quality scan 2 MP: $(rate "$n2" "$t0" "$t1") images/s on one core (target >= 40)"

# PII scan against the tesseract command + the same recognizers, on demo photos with ground truth.
pii_images=${PII_IMAGES:-100}
"$cli" demo --out "$work/pii" --images "$pii_images" --seed 3 >/dev/null 2>&1
echo "== PII scan of $pii_images demo photos (1-12 MP), $threads threads"
build/release/tests/bench/bench_pii "$work/pii" --threads "$threads" 2>&1 | grep -v -e "^Error in" -e "^Warning"
# Face scan on the same 2-MP JPEGs, one thread: seconds per image per core (decode at 1000 px,
# frontal cascade, profile cascade on the image and its mirror), next to the quality scan's.
t0=$(now); "$cli" scan "$work/q2" faces --threads 1 >/dev/null 2>&1 || true; t1=$(now)
faces_spi=$(awk -v n="$n2" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / n }')
echo "faces scan 2 MP: $faces_spi s per image on one core, $(rate "$n2" "$t0" "$t1") images/s"

# Export against a plain decode + encode of the same photos (target >= 0.70).
SIEVE_BENCH_BUILT=1 THREADS="$threads" bash tests/bench/export.sh

# The training engine on whole models against PyTorch (QUICK=1: batch 16, fewer steps).
if [ -z "${SKIP_ENGINE:-}" ]; then
  SIEVE_BENCH_BUILT=1 QUICK="${ENGINE_QUICK:-}" bash tests/bench/bench_engine.sh
fi

echo "== Near-duplicate grouping of 1,000,000 random hashes (planted pairs), $threads threads"
build/release/tests/bench/bench_duplicates 1000000 10 "$threads"

# The seed project's transfer-learning experiment on the demo data (several minutes).
if [ -z "${SKIP_TRANSFER:-}" ]; then
  SIEVE_BENCH_BUILT=1 THREADS="$threads" bash tests/bench/transfer.sh
fi

# A live run with the training monitor open against the same run from sieve-cli (target < 2 %).
if [ -z "${SKIP_LIVE_RUN:-}" ]; then
  SIEVE_BENCH_BUILT=1 THREADS="$threads" bash tests/bench/live_run.sh
fi

if [ -z "${SKIP_CHARTS:-}" ]; then
  echo "== Training charts with 1,000,000 points in 8 series"
  QT_QPA_PLATFORM=offscreen build/release/tests/bench/bench_charts 2>&1 | grep -v -e propagateSizeHints -e XDG_RUNTIME_DIR
fi

[ -n "${SKIP_GALLERY:-}" ] && exit 0
echo "== Gallery with 1,000,000 images (synthetic rows)"
QT_QPA_PLATFORM=offscreen build/release/tests/bench/bench_gallery 2>&1 | grep -v -e propagateSizeHints -e XDG_RUNTIME_DIR
