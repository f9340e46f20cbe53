"""Every action by button and by shortcut changes the database and writes its event with the
staff member; the break shows on the status snapshot; transfer; calling a chosen ticket."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from counter.transfer_dialog import TransferDialog
from counter.window import CounterWindow
from shared import calling, status
from shared.db import Database
from shared.models import Event, Service, Ticket
from shared.staff import StaffInfo
from shared.tickets import issue_ticket

KEYS = {
    "call_next": Qt.Key.Key_F1,
    "recall": Qt.Key.Key_F2,
    "no_show": Qt.Key.Key_F3,
    "done": Qt.Key.Key_F4,
    "transfer": Qt.Key.Key_F5,
    "pause": Qt.Key.Key_F6,
    "call_this": Qt.Key.Key_F7,
}


def press(qtbot: QtBot, window: CounterWindow, key: str, how: str) -> None:
    """Presses an action like a person and waits until the screen shows its outcome."""
    with qtbot.waitSignal(window.console.action_done, timeout=15_000):
        if how == "button":
            qtbot.mouseClick(window.work.buttons[key], Qt.MouseButton.LeftButton)
        else:
            qtbot.keyClick(window.work.table, KEYS[key])
    qtbot.waitUntil(lambda: not window.console.reader.running)


def last_event(db: Database) -> Event:
    with db.read() as session:
        event = session.scalars(select(Event).order_by(Event.id.desc()).limit(1)).one()
        session.expunge(event)
        return event


def ticket(db: Database, number: str) -> Ticket:
    with db.read() as session:
        row = session.scalars(select(Ticket).where(Ticket.number == number)).one()
        session.expunge(row)
        return row


def wait_for_list(qtbot: QtBot, window: CounterWindow, count: int) -> None:
    qtbot.waitUntil(lambda: window.work.model.rowCount() == count)


@pytest.mark.parametrize("how", ["button", "shortcut"])
def test_call_next(
    qtbot: QtBot, console: CounterWindow, db: Database, clerk: StaffInfo, how: str
) -> None:
    issue_ticket(db, service="DPMPTSP")
    wait_for_list(qtbot, console, 1)
    press(qtbot, console, "call_next", how)
    assert console.work.panel.number.text() == "A001"
    assert ticket(db, "A001").status == "called"
    event = last_event(db)
    assert (event.kind, event.staff_id) == ("call", clerk.id)
    assert console.work.model.rowCount() == 0


def test_space_also_calls_next(qtbot: QtBot, console: CounterWindow, db: Database) -> None:
    issue_ticket(db, service="DPMPTSP")
    wait_for_list(qtbot, console, 1)
    with qtbot.waitSignal(console.console.action_done):
        qtbot.keyClick(console.work, Qt.Key.Key_Space)
    assert console.work.panel.number.text() == "A001"


@pytest.mark.parametrize("how", ["button", "shortcut"])
@pytest.mark.parametrize(
    ("key", "status_after", "kind"),
    [("recall", "called", "recall"), ("no_show", "no_show", "no_show"), ("done", "done", "finish")],
)
def test_actions_on_the_ticket_being_served(
    qtbot: QtBot,
    console: CounterWindow,
    db: Database,
    clerk: StaffInfo,
    how: str,
    key: str,
    status_after: str,
    kind: str,
) -> None:
    issue_ticket(db, service="DPMPTSP")
    wait_for_list(qtbot, console, 1)
    press(qtbot, console, "call_next", how)
    press(qtbot, console, key, how)
    row = ticket(db, "A001")
    assert row.status == status_after
    assert (last_event(db).kind, last_event(db).staff_id) == (kind, clerk.id)
    if key == "recall":
        assert row.recalls == 1
        assert console.work.panel.number.text() == "A001"
    else:
        assert console.work.panel.number.text() == "Belum ada nomor"


@pytest.mark.parametrize("how", ["button", "shortcut"])
def test_transfer_to_the_chosen_agency(
    qtbot: QtBot,
    console: CounterWindow,
    db: Database,
    clerk: StaffInfo,
    how: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[list[str]] = []

    def ask(_parent: object, number: str, agencies: list) -> tuple[str, str]:
        asked.append([a.code for a in agencies])
        return "DUKCAPIL", "bawa KTP asli"

    monkeypatch.setattr(TransferDialog, "ask", classmethod(lambda cls, *a: ask(*a)))
    issue_ticket(db, service="DPMPTSP")
    wait_for_list(qtbot, console, 1)
    press(qtbot, console, "call_next", how)
    press(qtbot, console, "transfer", how)
    assert "DPMPTSP" not in asked[0] and "DUKCAPIL" in asked[0]
    row = ticket(db, "A001")
    assert (row.status, row.transfers, row.counter_id) == ("waiting", 1, None)
    event = last_event(db)
    assert (event.kind, event.staff_id) == ("transfer", clerk.id)
    with db.read() as session:
        codes = dict(session.execute(select(Service.id, Service.code)).all())
    assert (codes[event.source_service_id], codes[event.target_service_id]) == (
        "DPMPTSP", "DUKCAPIL")
    assert event.detail == "bawa KTP asli"
    assert "dialihkan ke Dukcapil" in console.work.message.text()
    calling.call_next(db, counter=3)  # Dukcapil's counter gets it first
    assert ticket(db, "A001").status == "called"


def test_transfer_cancelled_does_nothing(
    qtbot: QtBot, console: CounterWindow, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(TransferDialog, "ask", classmethod(lambda cls, *a: None))
    issue_ticket(db, service="DPMPTSP")
    wait_for_list(qtbot, console, 1)
    press(qtbot, console, "call_next", "shortcut")
    qtbot.keyClick(console.work.table, Qt.Key.Key_F5)
    assert not console.console.busy
    assert ticket(db, "A001").status == "called"


@pytest.mark.parametrize("how", ["button", "shortcut"])
def test_break_and_resume_show_on_the_snapshot(
    qtbot: QtBot, console: CounterWindow, db: Database, clerk: StaffInfo, how: str
) -> None:
    press(qtbot, console, "pause", how)
    counters = {c.number: c for c in status.snapshot(db).counters}
    assert counters[1].state == "paused"
    assert (last_event(db).kind, last_event(db).staff_id) == ("pause", clerk.id)
    assert console.work.buttons["pause"].text().startswith("Lanjut")
    assert console.work.panel.number.text() == "ISTIRAHAT"
    assert (
        console.work.buttons["call_next"].toolTip() == "Loket sedang istirahat: tekan Lanjut dulu"
    )
    press(qtbot, console, "pause", how)
    counters = {c.number: c for c in status.snapshot(db).counters}
    assert counters[1].state == "idle"
    assert last_event(db).kind == "resume"
    assert console.work.buttons["pause"].text().startswith("Istirahat")


@pytest.mark.parametrize("how", ["button", "shortcut"])
def test_call_the_selected_ticket(
    qtbot: QtBot, console: CounterWindow, db: Database, clerk: StaffInfo, how: str
) -> None:
    for _ in range(3):
        issue_ticket(db, service="DPMPTSP")
    wait_for_list(qtbot, console, 3)
    assert not console.work.buttons["call_this"].isEnabled()
    console.work.table.selectRow(2)
    qtbot.waitUntil(lambda: console.work.buttons["call_this"].isEnabled())
    press(qtbot, console, "call_this", how)
    assert console.work.panel.number.text() == "A003"
    assert ticket(db, "A003").staff_id == clerk.id
    assert ticket(db, "A001").status == "waiting"
