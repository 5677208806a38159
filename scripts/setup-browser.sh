#!/usr/bin/env bash
# Installs what tests/web_page.rs drives the exported web page with: Debian's headless
# Chromium and its WebDriver (chromium, chromium-driver). No Hangul system font: the page
# must render Korean with the font it embeds. .ci/run calls this before the tests; it
# does nothing when they are already installed. Needs root or sudo, and apt.
set -euo pipefail
packages=(chromium chromium-driver)
exec "$(dirname "$0")/apt-install-missing.sh" setup-browser "${packages[@]}"
