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
# shellcheck source=start-in-xvfb.sh
source "$(dirname "$0")/start-in-xvfb.sh" "$binary" "$@"
sleep "$settle"
kb() { awk -v key="$1:" '$1 == key { print $2 }' "/proc/$app/status"; }
awk -v rss="$(kb VmRSS)" -v hwm="$(kb VmHWM)" -v name="$(basename "$binary") $*" \
  'BEGIN { printf "%s: %.0f MB resident, %.0f MB at most\n", name, rss / 1024, hwm / 1024 }'
