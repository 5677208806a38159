#!/usr/bin/env bash
# Measures the resident memory of the window: it opens BINARY (with ARGS) on a virtual X
# display, waits SETTLE seconds for the network to open and the layout to rest, then
# prints the process's resident set now (VmRSS) and at its highest (VmHWM), in MB. Needs
# Xvfb (Debian: apt-get install xvfb). See docs/performance.md.
#
#   scripts/window-memory.sh BINARY SETTLE [ARGS...]
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 BINARY SETTLE_SECS [ARGS...]" >&2
  exit 2
fi
binary=$1 settle=$2
shift 2
display=:$((90 + RANDOM % 100))
Xvfb "$display" -screen 0 1600x1000x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill "$xvfb" 2>/dev/null || true' EXIT
sleep 1
DISPLAY=$display "$binary" "$@" >/dev/null 2>&1 &
app=$!
trap 'kill "$app" "$xvfb" 2>/dev/null || true' EXIT
sleep "$settle"
kb() { awk -v key="$1:" '$1 == key { print $2 }' "/proc/$app/status"; }
awk -v rss="$(kb VmRSS)" -v hwm="$(kb VmHWM)" -v name="$(basename "$binary") $*" \
  'BEGIN { printf "%s: %.0f MB resident, %.0f MB at most\n", name, rss / 1024, hwm / 1024 }'
