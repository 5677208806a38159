# Sourced by the window measurements (idle-cpu.sh, window-memory.sh): starts a virtual X
# display and "$@" on it, sets $app to the program's process id, and kills both on exit.
# Needs Xvfb (Debian: apt-get install xvfb).
display=:$((90 + RANDOM % 100))
Xvfb "$display" -screen 0 1600x1000x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill "$xvfb" 2>/dev/null || true' EXIT
sleep 1
DISPLAY=$display "$@" >/dev/null 2>&1 &
app=$!
trap 'kill "$app" "$xvfb" 2>/dev/null || true' EXIT
