#!/usr/bin/env bash
# Renders assets/icon.svg to the icons that are committed beside it: icon.png (256×256,
# the window's and the Linux desktop's icon) and icon.ico (16 to 256 px, embedded in the
# Windows executable). Needs the resvg command (`pip install resvg-cli`) and python3.
# Run it after changing icon.svg.
set -euo pipefail
cd "$(dirname "$0")/../assets"
sizes=(16 24 32 48 64 128 256)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for size in "${sizes[@]}"; do
  resvg --width "$size" --height "$size" icon.svg "$work/$size.png"
done
cp "$work/256.png" icon.png
# An .ico is a directory of images; each entry here is a whole PNG (Windows Vista and later).
python3 - "$work" "${sizes[@]}" <<'PYTHON'
import struct
import sys

folder, sizes = sys.argv[1], [int(size) for size in sys.argv[2:]]
images = [open(f"{folder}/{size}.png", "rb").read() for size in sizes]
offset = 6 + 16 * len(images)
entries = b""
for size, image in zip(sizes, images):
    side = 0 if size == 256 else size  # 0 stands for 256
    entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(image), offset)
    offset += len(image)
with open("icon.ico", "wb") as ico:
    ico.write(struct.pack("<HHH", 0, 1, len(images)) + entries + b"".join(images))
PYTHON
echo "render-icon: wrote assets/icon.png and assets/icon.ico"
