#!/usr/bin/env bash
# Installs what Antre needs: the Debian packages in assets/debian-packages.txt (the libraries
# Qt loads, derived by scripts/debian_libraries.py; xvfb; PostgreSQL and poppler for the tests),
# then a virtualenv with the project and its test extras. Safe to run again.
# As root it installs missing Debian packages itself; as a normal user it prints the one
# `sudo apt-get install ...` line to run and stops.
set -euo pipefail
VENV="${1:-.venv}"
LIST="${ANTRE_DEBIAN_PACKAGES:-$(dirname "$0")/../assets/debian-packages.txt}"  # env: tests

have_lib() {  # a soname the dynamic linker finds, or a file of that name in a library folder
  grep -qF " $1 (" <<<"$LDCACHE" && return 0
  compgen -G "/usr/lib/*-linux-gnu/$1" >/dev/null || compgen -G "/lib/*-linux-gnu/$1" >/dev/null
}

missing_packages() {
  LDCACHE=$(/sbin/ldconfig -p 2>/dev/null | sed 's/^\s*/ /' || true)
  local check package kind what
  while read -r check package _; do
    [[ -z "$check" || "$check" == \#* ]] && continue
    kind=${check%%:*}; what=${check#*:}
    case "$kind" in
      lib) have_lib "$what" && continue ;;
      bin) command -v "$what" >/dev/null && continue ;;
      pkg) dpkg-query -W -f='${Status}' "$what" 2>/dev/null | grep -q "ok installed" && continue ;;
      *) echo "bootstrap: $LIST: unknown check '$check'" >&2; exit 2 ;;
    esac
    echo "$package"
  done <"$LIST" | sort -u
}

debian_names() {  # Debian 13 renamed many libraries for 64-bit time (libglib2.0-0t64)
  local p
  for p in "$@"; do
    if ! apt-cache show "$p" >/dev/null 2>&1 && apt-cache show "${p}t64" >/dev/null 2>&1; then
      echo "${p}t64"
    else
      echo "$p"
    fi
  done
}

mapfile -t missing < <(missing_packages)
if ((${#missing[@]})); then
  if ! command -v apt-get >/dev/null; then
    echo "bootstrap: not a Debian system; install the equivalents of: ${missing[*]}" >&2
    exit 1
  fi
  if [[ $(id -u) -ne 0 ]]; then
    mapfile -t names < <(debian_names "${missing[@]}")
    cat >&2 <<EOF
Antre needs Debian packages that are not installed (the libraries Qt loads, and tools the
tests use; see assets/debian-packages.txt). Install them, then run make again:

  sudo apt-get install --no-install-recommends ${names[*]}

EOF
    exit 1
  fi
  echo "Installing Debian packages: ${missing[*]}"
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  mapfile -t names < <(debian_names "${missing[@]}")
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
    --no-install-recommends "${names[@]}" >/dev/null
  mapfile -t still < <(missing_packages)
  if ((${#still[@]})); then
    echo "bootstrap: still missing after apt-get install: ${still[*]}" >&2
    exit 1
  fi
fi

PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "bootstrap: Antre needs Python 3.11 or newer; $PYTHON is $("$PYTHON" -V 2>&1)." >&2
  echo "  Set PYTHON=/path/to/python3.11 (or newer) and run make again." >&2
  exit 1
fi
if [[ ! -x "$VENV/bin/python" ]]; then
  "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install -q --upgrade pip
"$VENV/bin/python" -m pip install -q -e ".[test]"
