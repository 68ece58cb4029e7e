#!/usr/bin/env bash
# The page benchmark (not part of the test command): bash bench/run_page.sh
# Builds the web tree (scripts/build.sh web) and the headless bench module (build/bench-web) when
# needed, serves the repository on loopback and runs bench/run_page.mjs in headless Chromium:
# the medium workload in the playground page (Web Worker and ?worker=0), parallel runs (no UI and
# in the page), against the headless wasm figure. Prints a table, writes bench/RESULTS-page.md.
# About 6 minutes. WIN_S (timed window, s) and ONLY (sections A,B,C,D) pass through.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs  # emcc's node scripts need acorn (TOOLCHAIN.md)
[ -x /usr/bin/chromium ] || { echo "Chromium missing: apt-get install chromium"; exit 1; }
[ -d node_modules/playwright-core ] || npm install --no-audit --no-fund
# Another edit in progress can break the page build for a while: keep the last good build then.
if ! bash scripts/build.sh web; then
  [ -f build/web/lstm-playground.js ] || { echo "the web build failed"; exit 1; }
  echo "run_page.sh: the web build failed; measuring the previous build in build/web" >&2
fi
grep -q _lstm_worker_bench_setup build/web/lstm-worker.js ||
  { echo "build/web/lstm-worker.js lacks lstm_worker_bench_setup: rebuild the web tree"; exit 1; }
[ -f build/bench-web/build.ninja ] || emcmake cmake -S bench -B build/bench-web -G Ninja >/dev/null
cmake --build build/bench-web -j2 --target bench_wasm
node bench/run_page.mjs
