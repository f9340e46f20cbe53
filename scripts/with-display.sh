#!/usr/bin/env bash
# Runs a command on the real screen; with no screen at all, on a virtual one (xvfb-run),
# so `make demo` still starts on a headless server (useful for screenshots and smoke tests).
set -euo pipefail
if [[ -n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}" ]]; then
  exec "$@"
fi
if command -v xvfb-run >/dev/null; then
  echo "No screen found: running on a virtual screen (xvfb-run). Set DISPLAY to use a real one." >&2
  exec xvfb-run -a -s "-screen 0 1920x1080x24" "$@"
fi
echo "No screen found (DISPLAY is not set) and xvfb-run is not installed." >&2
exit 2
