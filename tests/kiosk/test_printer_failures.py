"""A printer that refuses or stalls: the ticket stays valid, unprinted, and the screen lives."""

from __future__ import annotations

import socket
import time
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
from tests.kiosk.dead_printer import FakeNetworkPrinter
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
    with qtbot.waitSignal(window.print_finished, timeout=15_000) as printed:
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
    with qtbot.waitSignal(window.print_finished, timeout=15_000):
        tap(qtbot, window, "DPMPTSP")
    assert not marker.isVisible()
    assert tickets(db) == [("A001", None, "failed"), ("A002", None, "printed")]


def test_stalled_printer_never_freezes_the_screen(
    qtbot: QtBot, db: Database, make_window: MakeWindow, stalled_port: int
) -> None:
    window = make_window(db, printer=f"tcp://127.0.0.1:{stalled_port}", print_timeout=1.0)
    with qtbot.waitSignal(window.ticket_issued, timeout=15_000):
        tap(qtbot, window, "BPJSKES")
    # The number is on screen while the printer is still silent; the screen answers taps.
    assert window.last_print is None
    assert window.confirmation.print_state.text() == "Tiket sedang dicetak…"
    qtbot.mouseClick(window.confirmation.back, Qt.MouseButton.LeftButton)
    assert window.on_start_page
    qtbot.mouseClick(window.start_page.header.language, Qt.MouseButton.LeftButton)
    assert window.start_page.title.text() == "Please choose a service"
    with qtbot.waitSignal(window.print_finished, timeout=15_000) as printed:
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
    with qtbot.waitSignal(window.print_finished, timeout=15_000) as printed:
        tap(qtbot, window, "DPMPTSP")
    assert not printed.args[0].ok and not printed.args[0].recorded
    assert window.confirmation.number.text() == "A001"


@pytest.fixture
def network_printer() -> Iterator[FakeNetworkPrinter]:
    printer = FakeNetworkPrinter()
    yield printer
    printer.close()


NOT_PRINTED = "Tiket tidak dapat dicetak — mohon catat atau foto nomor Anda"


def test_a_dead_printer_costs_one_timeout_not_one_per_visitor(
    qtbot: QtBot, db: Database, make_window: MakeWindow, network_printer: FakeNetworkPrinter
) -> None:
    window = make_window(db, printer=network_printer.uri, print_timeout=2.0)
    window.printer_watch.timer.setInterval(3_600_000)  # no probe until the test asks for one
    with qtbot.waitSignal(window.print_finished, timeout=10_000) as first:
        tap(qtbot, window, "DPMPTSP")
    assert not first.args[0].ok and not first.args[0].skipped
    qtbot.mouseClick(window.confirmation.back, Qt.MouseButton.LeftButton)
    # The next visitor is not sent to the dead printer: "not printed" at once, flagged for
    # staff, well before a print timeout could have passed.
    with qtbot.waitSignal(window.print_finished, timeout=10_000) as second:
        tapped = time.monotonic()
        tap(qtbot, window, "DPMPTSP")
    outcome = second.args[0]
    assert time.monotonic() - tapped < 2.0
    assert not outcome.ok and outcome.skipped and outcome.number == "A002"
    assert "tidak menjawab" in outcome.message  # why: the failure that marked it down
    assert network_printer.connections == 1
    assert window.confirmation.print_state.text() == NOT_PRINTED
    assert tickets(db) == [("A001", None, "failed"), ("A002", None, "failed")]
    assert window.printer_watch.timer.isActive()
    # The printer comes back: a probe finds it, the marker goes, the next ticket prints.
    network_printer.alive.set()
    marker = window.start_page.header.printer_marker
    assert not marker.isHidden()
    with qtbot.waitSignal(window.printer_watch.back, timeout=10_000):
        window.printer_watch.timer.setInterval(50)
    assert window.printer_ok and marker.isHidden() and not window.printer_watch.timer.isActive()
    qtbot.mouseClick(window.confirmation.back, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.print_finished, timeout=10_000) as third:
        tap(qtbot, window, "DPMPTSP")
    assert third.args[0].ok
    qtbot.waitUntil(lambda: b"A003" in network_printer.received, timeout=10_000)
    assert tickets(db)[-1] == ("A003", None, "printed")


def test_a_visitor_who_tapped_during_the_failing_print_waits_for_that_one_only(
    qtbot: QtBot, db: Database, make_window: MakeWindow, network_printer: FakeNetworkPrinter
) -> None:
    """The second visitor tapped while the first print was still waiting: their ticket is
    told "not printed" when that one timeout ends, not after a second timeout of its own."""
    window = make_window(db, printer=network_printer.uri, print_timeout=1.0)
    window.printer_watch.timer.setInterval(3_600_000)
    finished: list[tuple[str, bool, float]] = []
    window.print_finished.connect(
        lambda o: finished.append((o.number, o.skipped, time.monotonic())))
    with qtbot.waitSignal(window.ticket_issued, timeout=15_000):
        tap(qtbot, window, "DPMPTSP")
    qtbot.mouseClick(window.confirmation.back, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.ticket_issued, timeout=15_000):
        tap(qtbot, window, "DPMPTSP")
    assert finished == []  # the first print is still waiting on the dead printer
    qtbot.waitUntil(lambda: len(finished) == 2, timeout=10_000)
    (first, first_skipped, first_at), (second, second_skipped, second_at) = finished
    assert (first, first_skipped, second, second_skipped) == ("A001", False, "A002", True)
    assert second_at - first_at < 1.0  # no second timeout
    assert network_printer.connections == 1
    assert window.confirmation.print_state.text() == NOT_PRINTED


def test_a_refused_printer_is_not_dialled_again_for_each_visitor(
    qtbot: QtBot, db: Database, make_window: MakeWindow, refused_port: int
) -> None:
    window = make_window(db, printer=f"tcp://127.0.0.1:{refused_port}", print_timeout=1.0)
    window.printer_watch.timer.setInterval(3_600_000)
    for number in ("A001", "A002"):
        with qtbot.waitSignal(window.print_finished, timeout=15_000) as printed:
            tap(qtbot, window, "DPMPTSP")
        assert printed.args[0].number == number and not printed.args[0].ok
        qtbot.mouseClick(window.confirmation.back, Qt.MouseButton.LeftButton)
    assert printed.args[0].skipped and "ditolak" in printed.args[0].message
    assert window.printer_watch.timer.isActive()
