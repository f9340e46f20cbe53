#!/usr/bin/env bash
# Installs what Antre needs: Debian libraries for Qt, PostgreSQL (tests), then a virtualenv
# with the project and its test extras. Safe to run again.
set -euo pipefail
VENV="${1:-.venv}"
DEB_PKGS=(python3-venv libegl1 libgl1 libfontconfig1 libxkbcommon-x11-0 libxcb-cursor0
  libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1
  libdbus-1-3 libpulse0 libusb-1.0-0 postgresql xvfb poppler-utils
  chromium chromium-driver)  # chromium: antre-web's end-to-end tests (a real headless browser)
missing=()
for p in "${DEB_PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "Installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  else
    echo "Missing Debian packages (install them as root): ${missing[*]}" >&2
  fi
fi
PYTHON="${PYTHON:-python3}"
if [[ ! -x "$VENV/bin/python" ]]; then
  "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install -q --upgrade pip
"$VENV/bin/python" -m pip install -q -e ".[test]"
