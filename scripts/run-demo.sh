#!/usr/bin/env bash
# Installs everything, builds Sieve (release) and opens it on the demo project: about 2,000
# synthetic photos generated on first run into ./demo-data and imported into ./demo-project.
# Idempotent: later runs rebuild what changed and open the same project.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release

cli=build/release/app/sieve-cli
if [ ! -f demo-project/sieve.db ]; then
  if [ ! -f demo-data/ground_truth.json ]; then
    rm -rf demo-data
    "$cli" demo --out demo-data --images 2000
  fi
  # Exit code 4 means "imported, some items reported": not a failure for the demo.
  "$cli" import demo-project demo-data/images --metadata demo-data/metadata.csv || [ $? -eq 4 ]
  "$cli" thumbnails demo-project || [ $? -eq 4 ]
fi

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display found: starting Sieve under xvfb-run (screenshots only)." >&2
  exec xvfb-run -a -s "-screen 0 1600x1000x24" build/release/app/sieve demo-project
fi
exec build/release/app/sieve demo-project
