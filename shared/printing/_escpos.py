"""The one place python-escpos is imported, with its import-time side effects tamed.

Importing escpos (3.1) calls `logging.basicConfig()`, which would make every later
`basicConfig` of ours a no-op and print our log lines twice; and it pickles its printer
database into a fresh temporary folder on every start unless ESCPOS_CAPABILITIES_PICKLE_DIR
points at a lasting one. Import escpos through this module only.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

import platformdirs


def _pickle_dir() -> str:
    """A lasting cache folder for escpos's capabilities pickle (temp dir if not writable)."""
    folder = Path(platformdirs.user_cache_dir("antre")) / "escpos"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return tempfile.gettempdir()
    return str(folder)


if "ESCPOS_CAPABILITIES_PICKLE_DIR" not in os.environ:
    os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] = _pickle_dir()

_root = logging.getLogger()
_handlers_before = list(_root.handlers)

from escpos import exceptions as escpos_exceptions  # noqa: E402
from escpos import printer as escpos_printer  # noqa: E402
from escpos.constants import QR_ECLEVEL_M  # noqa: E402
from escpos.escpos import Escpos  # noqa: E402

for _handler in list(_root.handlers):
    if _handler not in _handlers_before:
        _root.removeHandler(_handler)

__all__ = ["QR_ECLEVEL_M", "Escpos", "escpos_exceptions", "escpos_printer"]
