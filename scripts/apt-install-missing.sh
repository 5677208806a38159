#!/usr/bin/env bash
# Installs with apt the Debian packages given after the first argument (the name the
# messages go under) that are not installed yet, and does nothing when all are. Used by
# setup-debian.sh and setup-browser.sh. Needs root or sudo, and apt.
set -euo pipefail
name="$1"
shift
missing=()
for package in "$@"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "$name: $* installed"
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "$name: installed ${missing[*]}"
