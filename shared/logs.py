"""Logging: a named logger per area, a rotating file per app, tracebacks of bugs kept."""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from pathlib import Path
from types import TracebackType
from typing import Any

from shared.files import make_private_dir, private_mode, tighten
from shared.paths import log_dir

# Notices that belong in the log file but not on the terminal (Qt's optional backends).
FILE_ONLY_LOGGER = "antre.qt.backend"


def _for_terminal(record: logging.LogRecord) -> bool:
    return not (record.name == FILE_ONLY_LOGGER or record.name.startswith(FILE_ONLY_LOGGER + "."))


def setup_logging(app: str, *, level: int = logging.INFO, to_stderr: bool = True) -> Path | None:
    """Logs to <log folder>/<app>.log (rotated at 1 MB, 5 kept) and to stderr.

    Returns the log file, or None when the folder cannot be written (then stderr only).
    """
    root = logging.getLogger()
    root.setLevel(level)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    for handler in list(root.handlers):
        if getattr(handler, "_antre", False):
            root.removeHandler(handler)
            handler.close()
    target = log_dir() / f"{app}.log"
    path: Path | None = target
    try:
        make_private_dir(target.parent)
        file_handler = _PrivateRotatingFileHandler(
            target, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
        file_handler.setFormatter(fmt)
        file_handler._antre = True  # type: ignore[attr-defined]
        root.addHandler(file_handler)
    except OSError as exc:
        print(f"{app}: cannot write logs to {path}: {exc.strerror}", file=sys.stderr)
        path = None
    if to_stderr:
        stream = logging.StreamHandler()
        stream.setFormatter(fmt)
        stream.addFilter(_for_terminal)
        stream._antre = True  # type: ignore[attr-defined]
        root.addHandler(stream)
    return path


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Log files (and each rotated successor) created 0600: they name staff and tickets."""

    def _open(self) -> Any:
        tighten(Path(self.baseFilename))
        return open(
            self.baseFilename, self.mode, encoding=self.encoding, errors=self.errors,
            opener=lambda path, flags: os.open(
                path, flags, private_mode(Path(self.baseFilename).parent)),
        )


def install_excepthook(app: str) -> None:
    """Unexpected errors in slots are logged with their traceback; the app keeps running."""
    logger = logging.getLogger(f"antre.{app}")

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        logger.error("unexpected error", exc_info=(kind, error, tb))

    sys.excepthook = hook
