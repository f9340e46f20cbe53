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
from collections.abc import Iterator
from contextlib import contextmanager
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


@contextmanager
def keep_root_logging() -> Iterator[None]:
    """Undoes the stderr handler escpos installs on an unconfigured root logger.

    escpos calls `logging.basicConfig()` on import and the module-level `logging.info()`
    while printing; both add a handler only when the root logger has none. So only then
    are handlers added during the block removed: an app that configured logging (perhaps
    from another thread while a print runs) keeps its handlers.
    """
    root = logging.getLogger()
    was_unconfigured = not root.handlers
    try:
        yield
    finally:
        if was_unconfigured:
            for handler in list(root.handlers):
                root.removeHandler(handler)


@contextmanager
def no_stray_temp_dir() -> Iterator[None]:
    """escpos 3.1 evaluates `environ.get("ESCPOS_CAPABILITIES_PICKLE_DIR", mkdtemp())`: the
    default is made even when the variable is set, leaving an empty tmpXXXX folder in the
    temporary folder on every start. While it is imported, mkdtemp returns the set folder."""
    original = tempfile.mkdtemp
    tempfile.mkdtemp = lambda *_a, **_k: os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"]  # type: ignore[assignment]
    try:
        yield
    finally:
        tempfile.mkdtemp = original


with keep_root_logging(), no_stray_temp_dir():
    from escpos import exceptions as escpos_exceptions
    from escpos import printer as escpos_printer
    from escpos.constants import QR_ECLEVEL_M
    from escpos.escpos import Escpos

__all__ = ["QR_ECLEVEL_M", "Escpos", "escpos_exceptions", "escpos_printer", "keep_root_logging"]
