#!/usr/bin/env bash
# Tries a README command the way a new user meets it: in a minimal Debian 12 (debootstrap) with
# a fresh clone of this repository. Needs root and debootstrap; the base system is cached as a
# tarball. Usage: scripts/try_fresh_debian.sh WORKDIR "bash scripts/test.sh"
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${1:?work folder}"; CMD="${2:-bash scripts/test.sh}"
MIRROR=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources)
mkdir -p "$WORK"
if [ ! -f "$WORK/bookworm-minbase.tgz" ]; then
  debootstrap --variant=minbase --include=git,ca-certificates bookworm "$WORK/base" "$MIRROR"
  tar -czf "$WORK/bookworm-minbase.tgz" -C "$WORK/base" .
  rm -rf "$WORK/base"
fi
R="$WORK/root"
for m in dev/pts dev sys proc; do umount "$R/$m" 2>/dev/null || true; done
rm -rf "$R" && mkdir -p "$R" && tar -xzf "$WORK/bookworm-minbase.tgz" -C "$R"
cp /etc/apt/sources.list.d/debian.sources "$R/etc/apt/sources.list.d/"
rm -f "$R/etc/apt/sources.list"
cp /etc/resolv.conf "$R/etc/resolv.conf" 2>/dev/null || true
# Sandboxed networks intercept TLS with their own CA: give the new system the host's extra CAs.
if ls /usr/local/share/ca-certificates/*.crt >/dev/null 2>&1; then
  cp /usr/local/share/ca-certificates/*.crt "$R/usr/local/share/ca-certificates/"
  chroot "$R" update-ca-certificates >/dev/null 2>&1 || true
fi
for m in proc sys dev dev/pts; do mount --bind "/$m" "$R/$m"; done
trap 'for m in dev/pts dev sys proc; do umount "$R/$m" 2>/dev/null || true; done' EXIT
git clone -q "$ROOT" "$R/project"
chroot "$R" bash -lc "cd /project && $CMD"
