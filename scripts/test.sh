#!/usr/bin/env bash
# Installs everything, builds Sieve (debug, warnings as errors) and runs the whole test suite
# with the offscreen Qt platform. Idempotent; ccache makes rebuilds fast.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake --preset debug >/dev/null
cmake --build --preset debug
ctest --preset debug -j2
