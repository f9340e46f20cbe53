"""The console marks booked tickets: ONLINE in the waiting list and on the ticket being
served, where the staff member also sees the booking's name and phone number."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pytestqt.qtbot import QtBot

from counter.waiting_model import PRIORITY
from counter.window import CounterWindow
from shared import bookings
from shared.db import Database
from shared.staff import StaffInfo
from shared.tickets import issue_ticket
from tests.counter.conftest import sign_in
from tests.counter.test_actions import press, wait_for_list

WIB = ZoneInfo("Asia/Jakarta")
MONDAY = date(2026, 11, 30)


def test_online_ticket_is_marked_and_shows_its_booker(
        qtbot: QtBot, db: Database, make_window: Callable[..., CounterWindow],
        clerk: StaffInfo, monkeypatch: pytest.MonkeyPatch) -> None:
    made = bookings.book(db, agency="DPMPTSP", day=MONDAY, slot_start=9 * 60,
                         name="Budi Santoso", phone="+62 813 1111 2222",
                         now=datetime(2026, 11, 29, 19, tzinfo=WIB))
    monkeypatch.setenv("ANTRE_NOW", "2026-11-30T08:50:00+07:00")
    issue_ticket(db, service="DPMPTSP")  # a walk-in first: A001
    bookings.check_in(db, typed=made.code)  # A002, online (in the priority lane)
    window = make_window(1)
    sign_in(qtbot, window)
    wait_for_list(qtbot, window, 2)
    model = window.work.model
    marks = {model.number_at(r): model.index(r, PRIORITY).data() for r in range(2)}
    assert marks == {"A002": "ONLINE", "A001": ""}
    assert model.number_at(0) == "A002"  # booked tickets interleave like priority ones
    press(qtbot, window, "call_next", "button")
    panel = window.work.panel
    assert panel.number.text() == "A002"
    qtbot.waitUntil(lambda: panel.booker.text() != "")
    assert panel.priority.isVisible() and panel.priority.text() == "ONLINE"
    assert panel.booker.text() == "Pemesan online: Budi Santoso · 0813-1111-2222"
    if os.environ.get("ANTRE_SHOTS"):
        window.grab().save(str(Path(os.environ["ANTRE_SHOTS"]) / "console-online-ticket.png"))
    # The walk-in after it: no mark, no booker.
    press(qtbot, window, "call_next", "button")
    assert panel.number.text() == "A001"
    qtbot.waitUntil(lambda: not panel.priority.isVisible())
    assert panel.booker.text() == ""
