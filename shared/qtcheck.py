"""Before an app imports Qt: a missing system library ends in one plain line that names the
Debian package to install, not in an ImportError traceback. Imports no Qt itself."""

from __future__ import annotations

import importlib
import re
import shutil
import subprocess

from shared.paths import ASSETS_DIR

PACKAGE_LIST = ASSETS_DIR / "debian-packages.txt"  # also read by scripts/bootstrap.sh
_SONAME = re.compile(r"(lib[\w.+-]+?\.so(?:\.\d+)*)")


def debian_package_for(soname: str) -> str | None:
    """The package assets/debian-packages.txt gives for a library, if it names one."""
    for line in PACKAGE_LIST.read_text(encoding="utf-8").splitlines():
        fields = line.split("#", 1)[0].split()
        if len(fields) == 2 and fields[0] == f"lib:{soname}":
            return fields[1]
    return None


def _debian_name(package: str) -> str:
    """Debian 13 renamed many libraries for 64-bit time: libglib2.0-0 is libglib2.0-0t64."""
    if shutil.which("apt-cache") is None:
        return package
    for name in (package, f"{package}t64"):
        found = subprocess.run(["apt-cache", "show", name], capture_output=True)
        if found.returncode == 0:
            return name
    return package


def missing_library_message(app: str, error: ImportError) -> str | None:
    """The plain message for an ImportError caused by a missing system library, else None."""
    text = str(error)
    match = _SONAME.search(text)
    if "cannot open shared object file" not in text or match is None:
        return None
    soname = match.group(1)
    package = debian_package_for(soname)
    if package is None:
        how = f"install the package that provides {soname} (Debian: apt-file search {soname})"
    else:
        how = f"on Debian or Ubuntu: sudo apt-get install {_debian_name(package)}"
    return f"{app}: Qt cannot start: the system library {soname} is missing; {how}"


def require_qt(app: str, modules: tuple[str, ...] = ("QtCore", "QtGui", "QtWidgets")) -> None:
    """Imports the Qt modules `app` needs; a missing system library exits with one line."""
    for module in modules:
        try:
            importlib.import_module(f"PySide6.{module}")
        except ImportError as error:
            message = missing_library_message(app, error)
            if message is None:
                raise
            raise SystemExit(message) from None
