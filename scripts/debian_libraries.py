#!/usr/bin/env python3
"""Derives the Debian packages Qt needs from the Qt binaries Antre loads.

Reads the ELF dependencies (DT_NEEDED) of the PySide6 modules our code imports and of the Qt
plugins it loads (xcb and offscreen platforms, xcb GL integrations, the FFmpeg multimedia
plugin, image formats, the compose input context, icon engines), follows them through the
libraries PySide6 ships, and keeps every library that must come from the system. Each is
mapped to its Debian package with `dpkg -S`, and the derived lines of assets/debian-packages.txt
(those marked "# Qt:") are rewritten; the hand-written lines are kept as they are.

    .venv/bin/python scripts/debian_libraries.py           # rewrite the lib: lines
    .venv/bin/python scripts/debian_libraries.py --check   # exit 1 if they are out of date

Needs no third-party tool: the ELF reader below is enough for x86-64/arm64 shared objects.
"""

from __future__ import annotations

import argparse
import re
import struct
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_LIST = ROOT / "assets" / "debian-packages.txt"
SOURCES = ("shared", "kiosk", "display", "counter", "survey", "web")
# Qt plugins the apps load (folder, glob). Not the platform themes (optional, GTK) nor the
# Wayland/EGLFS/VNC platforms: the apps run on X11 (xcb) or offscreen.
PLUGINS = (
    ("platforms", "libqxcb.so"),
    ("platforms", "libqoffscreen.so"),
    ("xcbglintegrations", "*.so"),
    ("multimedia", "*.so"),
    ("imageformats", "*.so"),
    ("iconengines", "*.so"),
    ("platforminputcontexts", "libcomposeplatforminputcontextplugin.so"),
)


def elf_needed(path: Path) -> list[str]:
    """The DT_NEEDED entries of a 64-bit little-endian ELF shared object."""
    data = path.read_bytes()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise ValueError(f"{path}: not a 64-bit little-endian ELF file")
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
    needed: list[str] = []
    for _name, kind, _flags, _addr, offset, size, link, *_rest in sections:
        if kind != 6:  # SHT_DYNAMIC
            continue
        strtab = sections[link][4]
        for pos in range(offset, offset + size, 16):
            tag, value = struct.unpack_from("<qQ", data, pos)
            if tag == 0:
                break
            if tag == 1:  # DT_NEEDED
                end = data.index(b"\0", strtab + value)
                needed.append(data[strtab + value:end].decode())
    return needed


def pyside_dir() -> Path:
    import PySide6

    return Path(PySide6.__file__).resolve().parent


def used_modules() -> list[str]:
    """The PySide6 modules our own code imports (QtCore, QtGui, ...)."""
    found: set[str] = set()
    for source in SOURCES:
        for file in (ROOT / source).rglob("*.py"):
            found.update(re.findall(r"PySide6\.(Qt\w+)", file.read_text(encoding="utf-8")))
    return sorted(found)


def targets(pyside: Path) -> list[Path]:
    found = [pyside / f"{name}.abi3.so" for name in used_modules()]
    for folder, pattern in PLUGINS:
        found.extend(sorted((pyside / "Qt" / "plugins" / folder).glob(pattern)))
    return [path for path in found if path.exists()]


def shipped(pyside: Path) -> dict[str, Path]:
    """The shared objects the PySide6/shiboken6 wheels bring, by file name."""
    roots = [pyside, pyside.parent / "shiboken6"]
    return {p.name: p for root in roots if root.exists() for p in root.rglob("*.so*") if p.is_file()}


def system_needs(pyside: Path) -> dict[str, set[str]]:
    """soname -> the Qt binaries that need it directly, for libraries PySide6 does not ship."""
    inside = shipped(pyside)
    needs: dict[str, set[str]] = {}
    seen: set[Path] = set()
    todo = targets(pyside)
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        for soname in elf_needed(path):
            if soname in inside:
                todo.append(inside[soname])
            else:
                needs.setdefault(soname, set()).add(path.name.split(".")[0])
    return needs


def ldconfig_paths() -> dict[str, str]:
    """soname -> path of the libraries the dynamic linker knows (ldconfig -p)."""
    out = subprocess.run(["/sbin/ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
    paths: dict[str, str] = {}
    for line in out.splitlines()[1:]:
        match = re.match(r"\s*(\S+) \((.*?)\) => (\S+)", line)
        if match and ("x86-64" in match.group(2) or "AArch64" in match.group(2)):
            paths.setdefault(match.group(1), match.group(3))
    # a few libraries are linked by a name that is not their soname (libbz2.so.1): their
    # symlink sits in the multiarch folder
    for folder in sorted({str(Path(p).parent) for p in paths.values()}):
        for link in Path(folder).glob("lib*.so.*"):
            paths.setdefault(link.name, str(link))
    return paths


def debian_package(path: str) -> str:
    """The Debian package that installed `path` (usrmerge: tries /usr/lib and /lib)."""
    real = str(Path(path).resolve())
    candidates = [path, real]
    for p in (path, real):
        if p.startswith("/usr/lib/"):
            candidates.append(p[4:])
        elif p.startswith("/lib/"):
            candidates.append("/usr" + p)
    for candidate in candidates:
        result = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
        if result.returncode == 0:
            return result.stdout.split(":", 1)[0].strip()
    raise LookupError(f"no Debian package owns {path}")


# Libraries of the C runtime that every Debian system has (Priority: required).
BASE = {"libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1",
        "libgcc_s.so.1", "libstdc++.so.6", "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1"}


def derive() -> list[str]:
    """The `lib:` lines: soname, Debian package, the Qt binaries that need it."""
    needs = system_needs(pyside_dir())
    known = ldconfig_paths()
    lines, missing = [], []
    for soname in sorted(needs):
        if soname in BASE:
            continue
        if soname not in known:
            missing.append(soname)
            continue
        users = sorted(needs[soname], key=lambda name: (not name.startswith("libQt6"), name))
        shown = ", ".join(users[:3]) + (f" +{len(users) - 3}" if len(users) > 3 else "")
        # Debian 13 renamed many libraries for 64-bit time (libglib2.0-0t64): the list keeps
        # the Debian 12 names, and bootstrap.sh picks the t64 name where apt knows it
        package = re.sub(r"t64$", "", debian_package(known[soname]))
        lines.append(f"lib:{soname:<28} {package:<22} {MARK}{shown}")
    if missing:
        raise LookupError("not installed on this machine, so not mapped to a package: "
                          + " ".join(missing))
    return lines


MARK = "# Qt: "  # ends the derived lines' packages; hand-written lines are kept as they are


def rewrite(text: str, lib_lines: list[str]) -> str:
    kept = [line for line in text.splitlines() if MARK not in line]
    return "\n".join([*kept, *lib_lines]) + "\n"


def read_entries(path: Path = PACKAGE_LIST) -> Iterator[tuple[str, str, str]]:
    """(kind, what, package) for every entry: kind is lib, bin or pkg."""
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            check, package = line.split()
            kind, what = check.split(":", 1)
            yield kind, what, package


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the list is out of date")
    args = parser.parse_args()
    try:
        lines = derive()
    except LookupError as error:
        print(f"debian_libraries: {error}", file=sys.stderr)
        return 2
    current = PACKAGE_LIST.read_text(encoding="utf-8")
    new = rewrite(current, lines)
    if args.check:
        if new != current:
            print(f"{PACKAGE_LIST} is out of date: run scripts/debian_libraries.py", file=sys.stderr)
            return 1
        return 0
    PACKAGE_LIST.write_text(new, encoding="utf-8")
    print(f"{PACKAGE_LIST}: {len(lines)} libraries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
