#!/usr/bin/env bash
# Installs what powermap's window needs at run time on Debian or Ubuntu: OpenGL (Mesa),
# X11 and Wayland client libraries, and zenity, which the native file dialog falls back to
# when no desktop portal runs. Building and testing need none of it.
set -euo pipefail
packages=(
  libgl1 libegl1 libgl1-mesa-dri
  libx11-xcb1 libxcursor1 libxrandr2 libxi6 libxkbcommon0 libxkbcommon-x11-0
  libwayland-client0 libwayland-egl1
  zenity
)
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: everything powermap needs is installed"
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "setup: installed ${missing[*]}"
