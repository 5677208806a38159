#!/usr/bin/env bash
# Measures how much CPU the window uses once it has nothing to do: it opens BINARY (with
# ARGS) on a virtual X display, waits SETTLE seconds for the layout to come to rest, then
# prints the CPU time the process used over the next MEASURE seconds, as a share of one
# core. Needs Xvfb (Debian: apt-get install xvfb). See docs/performance.md.
#
#   scripts/idle-cpu.sh BINARY SETTLE MEASURE [ARGS...]
set -euo pipefail
if [ $# -lt 3 ]; then
  echo "usage: $0 BINARY SETTLE_SECS MEASURE_SECS [ARGS...]" >&2
  exit 2
fi
binary=$1 settle=$2 measure=$3
shift 3
# shellcheck source=start-in-xvfb.sh
source "$(dirname "$0")/start-in-xvfb.sh" "$binary" "$@"
sleep "$settle"
# utime + stime, in clock ticks: fields 14 and 15 after the command name in parentheses.
ticks() { sed 's/.*) //' "/proc/$app/stat" | awk '{print $12 + $13}'; }
before=$(ticks)
sleep "$measure"
after=$(ticks)
hz=$(getconf CLK_TCK)
awk -v a="$after" -v b="$before" -v hz="$hz" -v s="$measure" -v name="$(basename "$binary") $*" \
  'BEGIN { printf "%s: %.3f cores over %d s, after %d s\n", name, (a - b) / hz / s, s, '"$settle"' }'
