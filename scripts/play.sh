#!/usr/bin/env bash
# The README's run command: sets up, builds the web tree, writes the deployable bundle (dist/,
# scripts/dist.sh) and serves it on http://127.0.0.1:$PORT, precompressed files included.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${PORT:-8080}"
bash "$ROOT/scripts/setup.sh"
bash "$ROOT/scripts/dist.sh" "$ROOT/dist"
exec node "$ROOT/scripts/static_server.mjs" "$ROOT/dist" "$PORT"
