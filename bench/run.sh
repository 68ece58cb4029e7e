#!/usr/bin/env bash
# The benchmark (not part of the test command): bash bench/run.sh
# Builds our engine natively and for the web (build/bench-native, build/bench-web), installs the
# peers (bench/package.json: TF.js, brain.js; PyTorch from Debian's python3-torch), runs every
# engine on the three workloads and writes bench/RESULTS.md. About 10 minutes.
# WARM_S / CAP_S / ENGINES are passed through to bench/run.mjs.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs  # emcc's node scripts need acorn (TOOLCHAIN.md)
/usr/bin/python3 -c 'import torch' 2>/dev/null ||
  { echo "PyTorch missing: apt-get install python3-torch (or run scripts/setup.sh)"; exit 1; }
[ -x /usr/bin/chromium ] || { echo "Chromium missing: apt-get install chromium"; exit 1; }
[ -d node_modules/playwright-core ] || npm install --no-audit --no-fund
[ -d bench/node_modules/@tensorflow/tfjs-backend-wasm ] || (cd bench && npm install --no-audit --no-fund)
cmake -S bench -B build/bench-native -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/bench-native -j2
emcmake cmake -S bench -B build/bench-web -G Ninja >/dev/null
cmake --build build/bench-web -j2
node bench/run.mjs
