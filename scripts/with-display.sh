#!/usr/bin/env bash
# Runs a command on the real screen; with no screen at all, on a virtual one (Xvfb), so
# `make demo` still starts on a headless server (useful for screenshots and smoke tests).
# The virtual screen runs in a session of its own: Ctrl+C reaches the command (which ends its
# windows cleanly) and not the screen under them; the screen goes when the command has ended.
set -euo pipefail
if [[ -n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}" ]]; then
  exec "$@"
fi
if ! command -v Xvfb >/dev/null; then
  echo "No screen found (DISPLAY is not set) and Xvfb is not installed." >&2
  exit 2
fi
echo "No screen found: running on a virtual screen (Xvfb). Set DISPLAY to use a real one." >&2
work=$(mktemp -d "${TMPDIR:-/tmp}/antre-screen.XXXXXX")
xvfb=""
finish() {
  [[ -n "$xvfb" ]] && kill "$xvfb" 2>/dev/null && wait "$xvfb" 2>/dev/null
  rm -rf "$work"
}
trap finish EXIT
mkfifo "$work/display"
setsid Xvfb -displayfd 3 -screen 0 1920x1080x24 -nolisten tcp 3>"$work/display" \
  2>"$work/xvfb.log" &
xvfb=$!
if ! read -r number <"$work/display"; then
  echo "The virtual screen (Xvfb) did not start:" >&2
  cat "$work/xvfb.log" >&2
  exit 2
fi
set +e
DISPLAY=":$number" "$@"
status=$?
exit "$status"
