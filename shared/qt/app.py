"""The start every Antre app shares: its log file, bugs logged with tracebacks, Qt's own
messages in the log, the shipped font and theme."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from shared.logs import install_excepthook, setup_logging
from shared.qt.qtlog import route_qt_messages
from shared.qt.theme import apply_theme


def start_app(name: str, *, dark: bool = False) -> QApplication:
    """Sets up logging for app `name` and returns the (possibly existing) QApplication."""
    setup_logging(name)
    install_excepthook(name)
    route_qt_messages()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    apply_theme(app, dark=dark)
    return app
