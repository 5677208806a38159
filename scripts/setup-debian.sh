#!/usr/bin/env bash
# Installs what powermap's window needs at run time on Debian or Ubuntu: OpenGL (Mesa),
# X11 and Wayland client libraries, zenity, which the native file dialog falls back to
# when no desktop portal runs, and the Noto fonts that names in scripts the bundled fonts
# lack (Chinese and Japanese, Cyrillic, Arabic, Hebrew, Devanagari, Thai…) are drawn with,
# in the window and in PNG exports. Building needs none of it; .ci/run installs the fonts,
# which the font tests need.
set -euo pipefail
packages=(
  libgl1 libegl1 libgl1-mesa-dri
  libx11-xcb1 libxcursor1 libxrandr2 libxi6 libxkbcommon0 libxkbcommon-x11-0
  libwayland-client0 libwayland-egl1
  zenity
  fonts-noto-core fonts-noto-cjk
)
exec "$(dirname "$0")/apt-install-missing.sh" setup "${packages[@]}"
