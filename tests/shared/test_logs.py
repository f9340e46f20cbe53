"""Logs: a rotating file per app; an unexpected error in a slot is logged with its
traceback and the event loop keeps running."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, QTimer
from pytestqt.qtbot import QtBot

from shared.logs import install_excepthook, setup_logging
from shared.paths import log_dir


@pytest.fixture
def app_logging() -> Iterator[None]:
    root = logging.getLogger()
    saved_handlers, saved_level, saved_hook = root.handlers[:], root.level, sys.excepthook
    yield
    for handler in root.handlers:
        if handler not in saved_handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(saved_level)
    sys.excepthook = saved_hook


def test_log_file_per_app(app_logging: None) -> None:
    path = setup_logging("kiosk", to_stderr=False)
    assert path == log_dir() / "kiosk.log"
    logging.getLogger("antre.kiosk").info("kiosk started")
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "INFO antre.kiosk: kiosk started" in path.read_text(encoding="utf-8")


@pytest.mark.qt_no_exception_capture
def test_error_in_a_slot_is_logged_and_the_loop_goes_on(app_logging: None, qtbot: QtBot) -> None:
    path = setup_logging("display", to_stderr=False)
    install_excepthook("display")
    context = QObject()
    ran: list[str] = []

    def broken() -> None:
        ran.append("broken")
        raise RuntimeError("a bug in a slot")

    QTimer.singleShot(0, context, broken)
    QTimer.singleShot(10, context, lambda: ran.append("after"))
    qtbot.waitUntil(lambda: ran == ["broken", "after"])
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")  # type: ignore[union-attr]
    assert "ERROR antre.display: unexpected error" in text
    assert "Traceback" in text and "RuntimeError: a bug in a slot" in text
