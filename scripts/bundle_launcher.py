"""The one entry point of the PyInstaller bundle: the executable's name says which program
runs (antre, antre-kiosk, antre-display, antre-counter, antre-survey, antre-web), so all share
one folder.

`antre -m kiosk ARGS` runs an app as `python -m kiosk ARGS` would: `antre demo` starts the
apps and the web service that way with sys.executable, which in the bundle is this launcher.
"""

from __future__ import annotations

import importlib
import multiprocessing
import sys
from pathlib import Path

PROGRAMS = {
    "antre": "shared.cli.main",
    "antre-kiosk": "kiosk.__main__",
    "antre-display": "display.__main__",
    "antre-counter": "counter.__main__",
    "antre-survey": "survey.__main__",
    "antre-web": "web.__main__",
}
APPS = {"kiosk", "display", "counter", "survey", "web"}


def main() -> int:
    name = Path(sys.executable).stem.lower()
    argv = sys.argv[1:]
    if name == "antre" and len(argv) >= 2 and argv[0] == "-m" and argv[1] in APPS:
        module, argv = f"{argv[1]}.__main__", argv[2:]
    else:
        module = PROGRAMS.get(name, PROGRAMS["antre"])
    program = importlib.import_module(module)
    return int(program.main(argv) or 0)


if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
