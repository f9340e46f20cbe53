"""Checking in an online booking at the kiosk: the scanner types the code and Enter anywhere
on the kiosk, or the visitor taps it on the keypad; the ticket prints with the same layout,
marked ONLINE; early, late, wrong day, used and unknown codes get a plain reason."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.window import KioskWindow
from shared import bookings
from shared.db import Database
from tests.escpos_decode import decode
from tests.kiosk.conftest import JAKARTA, MakeWindow

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
    with qtbot.waitSignal(window.refreshed, timeout=5000):
        window.refresh()
    assert window.start_page.booking.isVisible()
    assert window.start_page.booking.text() == "Sudah daftar online?"
    shot(window, "kiosk-start-with-booking.png")
    with qtbot.waitSignal(window.print_finished, timeout=5000) as printed:
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
    with qtbot.waitSignal(window.issue_refused, timeout=5000) as refused:
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
    with qtbot.waitSignal(window.print_finished, timeout=5000) as printed:
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
    with qtbot.waitSignal(window.issue_refused, timeout=5000) as refused:
        qtbot.mouseClick(page.take, Qt.MouseButton.LeftButton)
    assert refused.args[0].startswith("Terlalu awal") and "09:30" in refused.args[0]
    assert page.reason.isVisible() and page.reason.text() == refused.args[0]
    shot(window, "kiosk-checkin-early.png")
    # Correcting one character clears the reason; an unknown code says so.
    qtbot.mouseClick(page.delete, Qt.MouseButton.LeftButton)
    assert not page.reason.isVisible()
    other = "2" if code[-1] != "2" else "3"
    qtbot.mouseClick(page.keys[other], Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.issue_refused, timeout=5000) as unknown:
        qtbot.mouseClick(page.take, Qt.MouseButton.LeftButton)
    assert "tidak dikenal" in unknown.args[0]


def test_late_and_wrong_day_in_both_languages(qtbot: QtBot, jombang_db: Database,
                                              make_window: MakeWindow) -> None:
    code = booked(jombang_db)
    late = make_window(jombang_db, now=at(9, 16))
    with qtbot.waitSignal(late.issue_refused, timeout=5000) as refused:
        scan(qtbot, late, code)
    assert refused.args[0].startswith("Terlambat")
    late.set_language("en")
    with qtbot.waitSignal(late.issue_refused, timeout=5000) as english:
        scan(qtbot, late, code)
    assert english.args[0].startswith("Too late")
    wrong = make_window(jombang_db, now=at(9, 0, day=date(2026, 12, 1)))
    with qtbot.waitSignal(wrong.issue_refused, timeout=5000) as refused_day:
        scan(qtbot, wrong, code)
    assert "2026-11-30" in refused_day.args[0] and "bukan hari ini" in refused_day.args[0]


def test_trying_codes_is_stopped_for_a_while(qtbot: QtBot, jombang_db: Database,
                                             make_window: MakeWindow) -> None:
    code = booked(jombang_db)
    window = make_window(jombang_db, now=at(8, 45))
    window.checkin.max_misses = 3
    for guess in ("AAAAAAAA", "AAAAAAAB", "AAAAAAAC"):
        with qtbot.waitSignal(window.issue_refused, timeout=5000) as refused:
            scan(qtbot, window, guess)
        assert "tidak dikenal" in refused.args[0]
    with qtbot.waitSignal(window.issue_refused, timeout=5000) as stopped:
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
    with qtbot.waitSignal(window.issue_refused, timeout=5000) as refused:
        qtbot.mouseClick(window.checkin.page.take, Qt.MouseButton.LeftButton)
    assert refused.args[0].startswith("Too early")
    assert indonesian_in(visible_texts(window)) == []


def test_the_next_visitor_may_scan_while_the_last_ticket_shows(
        qtbot: QtBot, jombang_db: Database, make_window: MakeWindow) -> None:
    first = booked(jombang_db)
    second = booked(jombang_db, slot="09:30", phone="0813 1111 2222")
    window = make_window(jombang_db, now=at(9, 5))
    with qtbot.waitSignal(window.print_finished, timeout=5000):
        scan(qtbot, window, first)
    assert window.showing_ticket
    with qtbot.waitSignal(window.print_finished, timeout=5000) as printed:
        scan(qtbot, window, second)
    assert printed.args[0].number == "A002"
    assert window.confirmation.number.text() == "A002"
