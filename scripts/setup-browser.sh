#!/usr/bin/env bash
# Installs what tests/web_page.rs drives the exported web page with: Debian's headless
# Chromium and its WebDriver (chromium, chromium-driver). No Hangul system font: the page
# must render Korean with the font it embeds. .ci/run calls this before the tests; it
# does nothing when they are already installed. Needs root or sudo, and apt.
set -euo pipefail
packages=(chromium chromium-driver)
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-browser: chromium and chromedriver are installed"
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "setup-browser: installed ${missing[*]}"
