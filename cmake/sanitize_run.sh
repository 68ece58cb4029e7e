#!/usr/bin/env bash
# Runs a command (and whatever it starts) under ASan/LSan/UBSan options that make any report fatal
# with exit status 66, for CTest's sanitize_* entries (cmake/sanitize.cmake).
# Usage: sanitize_run.sh <reports dir> [--shim <binary>] <command...>
# --shim: every argument equal to <binary> is replaced by a wrapper that keeps a copy of the
# binary's stderr in <reports dir> when it exits with 66, so a report in a child whose non-zero
# status the caller expects (lstm-cli on bad input) still fails the run.
# (log_path is not used: with Debian's g++ 12 it swallows UBSan reports and writes no file.)
set -u
reports="$1"
shift
rm -rf "$reports"
mkdir -p "$reports"
opts="halt_on_error=1:exitcode=66:print_stacktrace=1"
export ASAN_OPTIONS="$opts:detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1"
export UBSAN_OPTIONS="$opts"
export LSAN_OPTIONS="exitcode=66"
shim_of=""
if [ "${1:-}" = --shim ]; then
  shim_of="$2"
  shift 2
  shim="$reports/shim/$(basename "$shim_of")"
  mkdir -p "$reports/shim"
  cat >"$shim" <<SHIM
#!/usr/bin/env bash
err="$reports/stderr.\$\$"
"$shim_of" "\$@" 2>"\$err"
rc=\$?
cat "\$err" >&2
if [ \$rc -eq 66 ]; then mv "\$err" "$reports/report.\$\$"; else rm -f "\$err"; fi
exit \$rc
SHIM
  chmod +x "$shim"
fi
args=()
for a in "$@"; do
  if [ -n "$shim_of" ] && [ "$a" = "$shim_of" ]; then args+=("$shim"); else args+=("$a"); fi
done
for bin in "$1" "$shim_of"; do
  if [[ "$bin" == */* ]] && [ ! -x "$bin" ]; then
    echo "sanitize_run: $bin is missing; scripts/test.sh builds the sanitized tree" >&2
    exit 1
  fi
done
"${args[@]}"
rc=$?
if compgen -G "$reports/report.*" >/dev/null; then
  for f in "$reports"/report.*; do
    echo "==== sanitizer report from $(basename "$shim_of") ($f) ===="
    grep -A40 -m1 -E 'runtime error|ERROR: (Address|Leak)Sanitizer' "$f" || cat "$f"
  done
  echo "sanitize_run: sanitizer report(s) above (command exit status $rc)" >&2
  exit 1
fi
if [ $rc -eq 66 ]; then
  echo "sanitize_run: exit status 66: a sanitizer report (above)" >&2
fi
exit $rc
