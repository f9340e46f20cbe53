"""A printer that refuses or stalls: the ticket stays valid, unprinted, and the screen lives."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk import ticketing
from kiosk.__main__ import printer_setup
from shared.db import Database
from shared.errors import DatabaseError
from shared.station import StationSettings
from tests.kiosk.conftest import MakeWindow
from tests.kiosk.test_window import tap, tickets


@pytest.fixture
def refused_port() -> int:
    """A local port nobody listens on (connections are refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def stalled_port() -> Iterator[int]:
    """A local port that accepts connections but never reads or answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    yield int(server.getsockname()[1])
    server.close()


def test_refused_printer_keeps_the_ticket_and_says_so(
    qtbot: QtBot, db: Database, make_window: MakeWindow, refused_port: int
) -> None:
    window = make_window(db, printer=f"tcp://127.0.0.1:{refused_port}", print_timeout=1.0)
    with qtbot.waitSignal(window.print_finished, timeout=5000) as printed:
        tap(qtbot, window, "DPMPTSP")
    outcome = printed.args[0]
    assert not outcome.ok and "ditolak" in outcome.message
    assert tickets(db) == [("A001", None, "failed")]
    page = window.confirmation
    assert page.number.text() == "A001"
    assert page.print_state.text() == (
        "Tiket tidak dapat dicetak — mohon catat atau foto nomor Anda"
    )
    assert page.qr.isVisible() and page.qr.payload == window.last_issued.qr_payload  # type: ignore[union-attr]
    assert page.countdown.text() == "Kembali ke awal dalam 30 detik"  # time to note it
    qtbot.mouseClick(page.back, Qt.MouseButton.LeftButton)
    marker = window.start_page.header.printer_marker
    assert marker.isVisible() and marker.text() == "⚠ Printer bermasalah"
    # The printer works again: the next good print clears the marker. No number was repeated.
    window.printer = printer_setup(StationSettings(printer="dummy"))
    with qtbot.waitSignal(window.print_finished, timeout=5000):
        tap(qtbot, window, "DPMPTSP")
    assert not marker.isVisible()
    assert tickets(db) == [("A001", None, "failed"), ("A002", None, "printed")]


def test_stalled_printer_never_freezes_the_screen(
    qtbot: QtBot, db: Database, make_window: MakeWindow, stalled_port: int
) -> None:
    window = make_window(db, printer=f"tcp://127.0.0.1:{stalled_port}", print_timeout=1.0)
    with qtbot.waitSignal(window.ticket_issued, timeout=5000):
        tap(qtbot, window, "BPJSKES")
    # The number is on screen while the printer is still silent; the screen answers taps.
    assert window.last_print is None
    assert window.confirmation.print_state.text() == "Tiket sedang dicetak…"
    qtbot.mouseClick(window.confirmation.back, Qt.MouseButton.LeftButton)
    assert window.on_start_page
    qtbot.mouseClick(window.start_page.header.language, Qt.MouseButton.LeftButton)
    assert window.start_page.title.text() == "Please choose a service"
    with qtbot.waitSignal(window.print_finished, timeout=5000) as printed:
        pass
    assert not printed.args[0].ok
    assert "tidak menjawab" in printed.args[0].message
    assert tickets(db) == [("C001", None, "failed")]
    assert window.start_page.header.printer_marker.isVisible()


def test_printer_off_while_the_database_is_also_gone(
    qtbot: QtBot,
    db: Database,
    make_window: MakeWindow,
    refused_port: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The print status cannot be saved: logged, the screen still shows the number."""
    window = make_window(db, printer=f"tcp://127.0.0.1:{refused_port}", print_timeout=1.0)

    def gone(*args: object, **kwargs: object) -> None:
        raise DatabaseError("error.db_file_missing", path="antre.db")

    monkeypatch.setattr(ticketing, "mark_printed", gone)
    with qtbot.waitSignal(window.print_finished, timeout=5000) as printed:
        tap(qtbot, window, "DPMPTSP")
    assert not printed.args[0].ok and not printed.args[0].recorded
    assert window.confirmation.number.text() == "A001"
