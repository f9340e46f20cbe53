"""QTimer construction in one line (PySide6's keyword constructor is not typed for mypy)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


def make_timer(
    parent: QObject, interval_ms: int, slot: Callable[[], None], single: bool = False
) -> QTimer:
    timer = QTimer(parent)
    timer.setInterval(interval_ms)
    timer.setSingleShot(single)
    timer.timeout.connect(slot)
    return timer
