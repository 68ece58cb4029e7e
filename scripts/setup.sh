#!/usr/bin/env bash
# One-time (idempotent) setup for a fresh Debian 12: apt packages, Debian source packages of
# Dear ImGui 1.86 and SDL2 2.26.5, SDL2 built for the web with emcmake, and npm dev packages.
# A second run only checks stamps and takes seconds. See ../shared/TOOLCHAIN.md for why.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEPS="$ROOT/.deps"
mkdir -p "$DEPS"
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
log() { printf '[setup] %s\n' "$*"; }

APT_PACKAGES=(
  build-essential cmake ninja-build git ca-certificates dpkg-dev xz-utils pkg-config
  clang libclang-rt-14-dev                  # libFuzzer / sanitizers
  emscripten                                # web build (pulls Debian's nodejs)
  libeigen3-dev doctest-dev nlohmann-json3-dev
  libsdl2-dev libgl-dev                     # native window
  chromium                                  # browser tests
  xvfb xauth libgl1-mesa-dri xdotool        # native app tests (xdotool: real X input)
  python3 python3-torch python3-numpy       # golden fixtures (reference only)
  python3-onnx                              # onnx.checker on the ONNX export
  jupyter-nbconvert python3-ipykernel python3-matplotlib  # the exported notebook, executed
  brotli                                    # precompressed copies in dist/
  fonts-noto-core fonts-noto-cjk python3-fonttools  # the page's fonts, subset at build time
)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# node/npm may come from elsewhere (e.g. NodeSource); only take Debian's when the command is missing.
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing apt packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  if ! $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" >"$DEPS/apt.log" 2>&1; then
    tail -n 30 "$DEPS/apt.log"; echo "apt-get install failed; full log: $DEPS/apt.log" >&2; exit 1
  fi
fi

# Debian source packages: imgui 1.86 and SDL2 2.26.5 (no network except Debian's archive).
fetch_source() { # $1 = source package, $2 = unpacked dir name
  local pkg="$1" dir="$2"
  [ -d "$DEPS/$dir" ] && return 0
  if [ ! -f /etc/apt/sources.list.d/debian-src.sources ] && [ ! -f /etc/apt/sources.list.d/debian-src.list ]; then
    log "adding deb-src entries"
    if [ -f /etc/apt/sources.list.d/debian.sources ]; then  # deb822, the Debian 12 default
      sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources |
        $SUDO tee /etc/apt/sources.list.d/debian-src.sources >/dev/null
    else                                                  # one-line sources.list
      grep -h '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' |
        $SUDO tee /etc/apt/sources.list.d/debian-src.list >/dev/null
    fi
    $SUDO apt-get update -qq
  fi
  mkdir -p "$DEPS/src" && (cd "$DEPS/src" && apt-get source --download-only -qq "$pkg")
  local tarball
  tarball=$(ls "$DEPS/src/${pkg}"_*.orig.tar.* | grep -v '\.asc$' | head -n1)
  log "unpacking $tarball"
  tar -xf "$tarball" -C "$DEPS"
  [ -d "$DEPS/$dir" ] || { echo "expected $DEPS/$dir after unpacking $tarball" >&2; exit 1; }
}
fetch_source imgui imgui-1.86
fetch_source libsdl2 SDL2-2.26.5

export NODE_PATH=/usr/share/nodejs   # emcc's node scripts need acorn
# SDL2 for Emscripten (the -sUSE_SDL=2 port cannot be downloaded here). Built once, cached.
SDL_WEB="$DEPS/sdl2-web"
if [ ! -f "$SDL_WEB/.stamp" ]; then
  log "building SDL2 for the web (about 2.5 minutes, once)"
  rm -rf "$DEPS/sdl2-web-build"
  emcmake cmake -S "$DEPS/SDL2-2.26.5" -B "$DEPS/sdl2-web-build" -G Ninja \
    -DCMAKE_BUILD_TYPE=Release -DSDL_SHARED=OFF -DSDL_STATIC=ON -DSDL_TEST=OFF \
    -DCMAKE_INSTALL_PREFIX="$SDL_WEB" >"$DEPS/sdl2-web.log" 2>&1
  cmake --build "$DEPS/sdl2-web-build" >>"$DEPS/sdl2-web.log" 2>&1
  cmake --install "$DEPS/sdl2-web-build" >>"$DEPS/sdl2-web.log" 2>&1
  touch "$SDL_WEB/.stamp"
fi

# npm dev packages: playwright-core (drives Debian's Chromium), onnxruntime-node and @tensorflow/tfjs
# (check the ONNX and TF.js exports). .npmrc turns install scripts off (onnxruntime-node's fails here).
if [ ! -f "$ROOT/node_modules/.stamp" ] || [ "$ROOT/package.json" -nt "$ROOT/node_modules/.stamp" ]; then
  log "installing npm dev packages"
  (cd "$ROOT" && npm install --no-audit --no-fund --loglevel=error)
  touch "$ROOT/node_modules/.stamp"
fi
log "ready"
