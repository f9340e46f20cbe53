"""Logs: a rotating file per app; an unexpected error in a slot is logged with its
traceback and the event loop keeps running."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QObject, QTimer
from pytestqt.qtbot import QtBot

from shared.logs import install_excepthook, setup_logging
from shared.paths import log_dir


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
