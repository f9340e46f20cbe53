"""Checking in an online booking at the kiosk: the scanner types the code and Enter anywhere
on the kiosk, or the visitor taps it on the keypad; the ticket prints with the same layout,
marked ONLINE; early, late, wrong day, used and unknown codes get a plain reason."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.ticketing import PrintOutcome
from kiosk.window import KioskWindow
from shared import bookings
from shared.db import Database
from shared.models import Ticket
from tests.escpos_decode import decode
from tests.kiosk.conftest import JAKARTA, MakeWindow
from tests.kiosk.dead_printer import FakeNetworkPrinter
from tests.kiosk.test_window import tap

MONDAY = date(2026, 11, 30)


def at(hour: int, minute: int = 0, day: date = MONDAY) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=JAKARTA)


def booked(db: Database, slot: str = "09:00", phone: str = "0812 3456 7890") -> str:
    hour, minute = map(int, slot.split(":"))
    made = bookings.book(db, agency="DPMPTSP", day=MONDAY, slot_start=hour * 60 + minute,
                         name="Siti Aminah", phone=phone, now=at(19, day=date(2026, 11, 29)))
    return made.code


def scan(qtbot: QtBot, window: KioskWindow, text: str) -> None:
    """A USB scanner: key events for each character, then Enter, sent to the kiosk."""
    qtbot.keyClicks(window, text)
    qtbot.keyClick(window, Qt.Key.Key_Return)


def shot(window: KioskWindow, name: str) -> None:
    folder = os.environ.get("ANTRE_SHOTS")
    if folder:
        window.grab().save(str(Path(folder) / name))


def test_a_scanned_code_prints_an_online_ticket(
        qtbot: QtBot, jombang_db: Database, make_window: MakeWindow) -> None:
    code = booked(jombang_db)
    window = make_window(jombang_db, now=at(8, 40))
    with qtbot.waitSignal(window.refreshed, timeout=15_000):
        window.refresh()
    assert window.start_page.booking.isVisible()
    assert window.start_page.booking.text() == "Sudah daftar online?"
    shot(window, "kiosk-start-with-booking.png")
    with qtbot.waitSignal(window.print_finished, timeout=15_000) as printed:
        scan(qtbot, window, f"{code[:4]}-{code[4:]}")
    outcome = printed.args[0]
    assert outcome.ok and outcome.number == "A001"
    assert window.confirmation.isVisible() and window.confirmation.number.text() == "A001"
    assert window.confirmation.priority.text() == "ONLINE"
    texts = decode(outcome.data).texts
    assert "ONLINE" in texts and not any("PRIORITAS" in t for t in texts)
    assert decode(outcome.data).find("ONLINE").height == 2
    assert "A001" in texts and "Siti" not in " ".join(texts)  # no personal data on paper
    shot(window, "kiosk-checkin-ticket.png")
    # The same code again: used.
    window.return_to_start()
    with qtbot.waitSignal(window.issue_refused, timeout=15_000) as refused:
        scan(qtbot, window, code)
    assert "sudah dipakai" in refused.args[0]
    assert window.start_page.notice.isVisible()
    assert window.start_page.notice.text() == refused.args[0]


def test_the_keypad_takes_the_code(qtbot: QtBot, jombang_db: Database,
                                   make_window: MakeWindow) -> None:
    code = booked(jombang_db)
    window = make_window(jombang_db, now=at(9, 10))
    qtbot.mouseClick(window.start_page.booking, Qt.MouseButton.LeftButton)
    page = window.checkin.page
    assert page.isVisible() and not page.take.isEnabled()
    shot(window, "kiosk-checkin-keypad-empty.png")
    for char in code:
        qtbot.mouseClick(page.keys[char], Qt.MouseButton.LeftButton)
    assert page.display.text() == f"{code[:4]}-{code[4:]}" and page.take.isEnabled()
    shot(window, "kiosk-checkin-keypad.png")
    with qtbot.waitSignal(window.print_finished, timeout=15_000) as printed:
        qtbot.mouseClick(page.take, Qt.MouseButton.LeftButton)
    assert printed.args[0].number == "A001"


def test_plain_reasons_on_the_keypad_page(qtbot: QtBot, jombang_db: Database,
                                          make_window: MakeWindow) -> None:
    code = booked(jombang_db, slot="10:00")
    window = make_window(jombang_db, now=at(9, 0))
    qtbot.mouseClick(window.start_page.booking, Qt.MouseButton.LeftButton)
    page = window.checkin.page
    for char in code:
        qtbot.mouseClick(page.keys[char], Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.issue_refused, timeout=15_000) as refused:
        qtbot.mouseClick(page.take, Qt.MouseButton.LeftButton)
    assert refused.args[0].startswith("Terlalu awal") and "09:30" in refused.args[0]
    assert page.reason.isVisible() and page.reason.text() == refused.args[0]
    shot(window, "kiosk-checkin-early.png")
    # Correcting one character clears the reason; an unknown code says so.
    qtbot.mouseClick(page.delete, Qt.MouseButton.LeftButton)
    assert not page.reason.isVisible()
    other = "2" if code[-1] != "2" else "3"
    qtbot.mouseClick(page.keys[other], Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.issue_refused, timeout=15_000) as unknown:
        qtbot.mouseClick(page.take, Qt.MouseButton.LeftButton)
    assert "tidak dikenal" in unknown.args[0]


def test_late_and_wrong_day_in_both_languages(qtbot: QtBot, jombang_db: Database,
                                              make_window: MakeWindow) -> None:
    code = booked(jombang_db)
    late = make_window(jombang_db, now=at(9, 16))
    with qtbot.waitSignal(late.issue_refused, timeout=15_000) as refused:
        scan(qtbot, late, code)
    assert refused.args[0].startswith("Terlambat")
    late.set_language("en")
    with qtbot.waitSignal(late.issue_refused, timeout=15_000) as english:
        scan(qtbot, late, code)
    assert english.args[0].startswith("Too late")
    wrong = make_window(jombang_db, now=at(9, 0, day=date(2026, 12, 1)))
    with qtbot.waitSignal(wrong.issue_refused, timeout=15_000) as refused_day:
        scan(qtbot, wrong, code)
    assert "2026-11-30" in refused_day.args[0] and "bukan hari ini" in refused_day.args[0]


def test_trying_codes_is_stopped_for_a_while(qtbot: QtBot, jombang_db: Database,
                                             make_window: MakeWindow) -> None:
    code = booked(jombang_db)
    window = make_window(jombang_db, now=at(8, 45))
    window.checkin.max_misses = 3
    for guess in ("AAAAAAAA", "AAAAAAAB", "AAAAAAAC"):
        with qtbot.waitSignal(window.issue_refused, timeout=15_000) as refused:
            scan(qtbot, window, guess)
        assert "tidak dikenal" in refused.args[0]
    with qtbot.waitSignal(window.issue_refused, timeout=15_000) as stopped:
        scan(qtbot, window, code)  # even a real code waits now
    assert stopped.args[0].startswith("Terlalu banyak kode yang salah")


def test_the_english_check_in_speaks_english(qtbot: QtBot, jombang_db: Database,
                                            make_window: MakeWindow) -> None:
    from tests.words_check import indonesian_in, visible_texts

    code = booked(jombang_db, slot="10:00")
    window = make_window(jombang_db, now=at(9, 0), language="en")
    assert window.start_page.booking.text() == "Booked online?"
    qtbot.mouseClick(window.start_page.booking, Qt.MouseButton.LeftButton)
    for char in code:
        qtbot.mouseClick(window.checkin.page.keys[char], Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.issue_refused, timeout=15_000) as refused:
        qtbot.mouseClick(window.checkin.page.take, Qt.MouseButton.LeftButton)
    assert refused.args[0].startswith("Too early")
    assert indonesian_in(visible_texts(window)) == []


def test_the_next_visitor_may_scan_while_the_last_ticket_shows(
        qtbot: QtBot, jombang_db: Database, make_window: MakeWindow) -> None:
    first = booked(jombang_db)
    second = booked(jombang_db, slot="09:30", phone="0813 1111 2222")
    window = make_window(jombang_db, now=at(9, 5))
    with qtbot.waitSignal(window.print_finished, timeout=15_000):
        scan(qtbot, window, first)
    assert window.showing_ticket
    with qtbot.waitSignal(window.print_finished, timeout=15_000) as printed:
        scan(qtbot, window, second)
    assert printed.args[0].number == "A002"
    assert window.confirmation.number.text() == "A002"


@pytest.fixture
def slow_printer() -> Iterator[FakeNetworkPrinter]:
    """A network printer that takes the ticket and answers only when the test lets it."""
    printer = FakeNetworkPrinter()
    printer.alive.set()
    printer.answering.clear()
    yield printer
    printer.close()


def printed_tickets(db: Database) -> list[tuple[str, bool, str]]:
    with db.read() as session:
        return [(t.number, t.online, t.print_status) for t in
                session.scalars(select(Ticket).order_by(Ticket.id))]


def test_a_code_scanned_while_the_last_ticket_prints_is_kept_and_taken_once(
        qtbot: QtBot, jombang_db: Database, make_window: MakeWindow,
        slow_printer: FakeNetworkPrinter) -> None:
    """The scanner gives no second chance: a code that came while the kiosk was still
    printing was dropped and the visitor had to scan again, not knowing why."""
    code = booked(jombang_db)
    window = make_window(jombang_db, now=at(9, 5), printer=slow_printer.uri,
                         print_timeout=30.0)
    with qtbot.waitSignal(window.ticket_issued, timeout=15_000):
        tap(qtbot, window, "DPMPTSP")
    assert window.confirmation.print_state.text() == "Tiket sedang dicetak…"
    scan(qtbot, window, code)
    scan(qtbot, window, code.lower())  # an impatient visitor scans again: one ticket
    note = window.confirmation.scan_note
    assert note.isVisible()
    assert note.text() == ("Kode pemesanan diterima. Mohon tunggu sebentar, "
                           "tiket Anda dibuat berikutnya.")
    shot(window, "kiosk-scan-waiting.png")
    assert window.confirmation.number.text() == "A001" and window.last_print is None
    assert len(window.checkin.waiting) == 1
    steps: list[tuple[str, str]] = []
    prints: list[PrintOutcome] = []
    window.ticket_issued.connect(lambda i: steps.append(("issued", i.ticket.number)))
    window.print_finished.connect(lambda o: steps.append(("printed", o.number)))
    window.print_finished.connect(prints.append)
    slow_printer.answering.set()
    qtbot.waitUntil(lambda: len(prints) == 2, timeout=10_000)
    # The kept code waited for the print, then was checked in once.
    assert steps == [("printed", "A001"), ("issued", "A002"), ("printed", "A002")]
    assert prints[1].ok
    assert window.confirmation.number.text() == "A002"
    assert window.confirmation.priority.text() == "ONLINE"
    assert not window.confirmation.scan_note.isVisible()
    assert printed_tickets(jombang_db) == [("A001", False, "printed"), ("A002", True, "printed")]
    assert not window.checkin.waiting


def test_a_code_scanned_while_a_ticket_is_issued_waits_for_the_database(
        qtbot: QtBot, jombang_db: Database, make_window: MakeWindow) -> None:
    """The tap's ticket waits for the database (another writer holds it): the code scanned
    meanwhile is kept, said so on screen, and checked in once the tap's ticket is done."""
    code = booked(jombang_db)
    window = make_window(jombang_db, now=at(9, 5))
    assert jombang_db.path is not None
    other = sqlite3.connect(jombang_db.path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # a console's write that takes its time
        tap(qtbot, window, "DPMPTSP")
        assert window.busy and window.on_start_page
        scan(qtbot, window, code)
        assert window.start_page.notice.text() == (
            "Kode pemesanan diterima. Mohon tunggu sebentar, tiket Anda dibuat berikutnya.")
        prints: list[PrintOutcome] = []
        window.print_finished.connect(prints.append)
        other.execute("COMMIT")
        qtbot.waitUntil(lambda: len(prints) == 2, timeout=20_000)
    finally:
        other.close()
    assert [p.number for p in prints] == ["A001", "A002"]
    assert printed_tickets(jombang_db) == [("A001", False, "printed"), ("A002", True, "printed")]
