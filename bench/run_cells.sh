#!/usr/bin/env bash
# Samples/s per cell on the medium workload (not part of the test command): bash bench/run_cells.sh
# Builds bench_native (build/bench-native) and bench_wasm (build/bench-web), then runs
# bench/run_cells.mjs: ours native, ours wasm in headless Chromium and PyTorch (1 thread), each
# with lstm, gru, simple_rnn. Prints a table, writes bench/RESULTS-cells.md. About 4-6 minutes.
# WARM_S / CAP_S / REPS / ENGINES pass through (defaults 2 s / 8 s / 2 / ours-native,ours-wasm,pytorch).
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs  # emcc's node scripts need acorn (TOOLCHAIN.md)
[ -x /usr/bin/chromium ] || { echo "Chromium missing: apt-get install chromium"; exit 1; }
[ -d node_modules/playwright-core ] || npm install --no-audit --no-fund
if [[ ",${ENGINES:-pytorch}," == *,pytorch,* ]]; then
  /usr/bin/python3 -c 'import torch' 2>/dev/null ||
    { echo "PyTorch missing: apt-get install python3-torch, or ENGINES=ours-native,ours-wasm"; exit 1; }
fi
[ -f build/bench-native/build.ninja ] ||
  cmake -S bench -B build/bench-native -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/bench-native -j2 --target bench_native
[ -f build/bench-web/build.ninja ] || emcmake cmake -S bench -B build/bench-web -G Ninja >/dev/null
cmake --build build/bench-web -j2 --target bench_wasm
node bench/run_cells.mjs
