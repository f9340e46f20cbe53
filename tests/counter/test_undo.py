"""Undo at the console: after F3 (no-show) or Space (finish and call next) an undo button with
a countdown; Ctrl+Z or a click takes the action back as a new event; the offer ends."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from counter.window import CounterWindow
from shared.db import Database
from shared.models import Event, Ticket
from shared.staff import StaffInfo
from shared.tickets import issue_ticket
from tests.counter.conftest import sign_in
from tests.counter.test_actions import press, ticket, wait_for_list


def trail(db: Database) -> list[tuple[str, str | None, str, int | None]]:
    """(kind, number, detail, staff) of the counter's ticket events, oldest first."""
    with db.read() as session:
        rows = session.execute(
            select(Event.kind, Ticket.number, Event.detail, Event.staff_id)
            .join(Ticket, Ticket.id == Event.ticket_id)
            .where(Event.counter_id.is_not(None))
            .order_by(Event.id)
        )
        return [(k, n, "" if k == "call" else d, s) for k, n, d, s in rows]


def undo_by_key(qtbot: QtBot, window: CounterWindow) -> None:
    with qtbot.waitSignal(window.console.action_done, timeout=15_000):
        qtbot.keyClick(window.work.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.console.reader.running)


def test_f3_then_ctrl_z_serves_the_ticket_again(
    qtbot: QtBot, console: CounterWindow, db: Database, clerk: StaffInfo
) -> None:
    issue_ticket(db, service="DPMPTSP")
    wait_for_list(qtbot, console, 1)
    undo = console.work.buttons["undo"]
    assert not undo.isVisible() and not undo.isEnabled()
    press(qtbot, console, "call_next", "shortcut")
    press(qtbot, console, "no_show", "shortcut")
    assert ticket(db, "A001").status == "no_show"
    assert undo.isVisible() and undo.isEnabled()
    assert undo.text().startswith("Batalkan A001: 10 dtk")  # the countdown is on it
    qtbot.waitUntil(lambda: "9 dtk" in undo.text(), timeout=3000)
    undo_by_key(qtbot, console)
    assert ticket(db, "A001").status == "called"
    assert console.work.panel.number.text() == "A001"
    assert console.work.message.text() == "Dibatalkan: A001 dilayani lagi"
    assert not undo.isVisible()
    assert trail(db)[-3:] == [("call", "A001", "", clerk.id), ("no_show", "A001", "", clerk.id),
                              ("undo", "A001", "no_show", clerk.id)]
    press(qtbot, console, "done", "shortcut")  # served after all
    assert ticket(db, "A001").status == "done"


def test_space_then_the_undo_button_puts_both_tickets_back(
    qtbot: QtBot, console: CounterWindow, db: Database, clerk: StaffInfo
) -> None:
    for _ in range(3):
        issue_ticket(db, service="DPMPTSP")
    wait_for_list(qtbot, console, 3)
    press(qtbot, console, "call_next", "shortcut")  # A001
    with qtbot.waitSignal(console.console.action_done, timeout=15_000):
        qtbot.keyClick(console.work, Qt.Key.Key_Space)  # A001 done, A002 called
    qtbot.waitUntil(lambda: console.work.model.numbers() == ["A003"])
    console.work.select_first()  # the oldest waiting: A003
    undo = console.work.buttons["undo"]
    assert undo.isVisible() and undo.text().startswith("Batalkan A001:")
    assert console.work.message.text() == "A001 selesai · memanggil A002"  # what undo undoes
    with qtbot.waitSignal(console.console.action_done, timeout=15_000):
        qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: console.work.model.numbers() == ["A002", "A003"])  # its place
    assert (ticket(db, "A001").status, ticket(db, "A002").status) == ("called", "waiting")
    assert console.work.panel.number.text() == "A001"
    assert console.work.message.text() == (
        "Dibatalkan: A001 dilayani lagi, A002 kembali menunggu di tempatnya")
    assert [e[:3] for e in trail(db)[-4:]] == [
        ("finish", "A001", ""), ("call", "A002", ""), ("undo", "A002", "call"),
        ("undo", "A001", "finish")]
    assert console.work.selected_number() == "A002"  # the oldest again, the next to call


def test_the_offer_ends_with_its_countdown_and_with_the_next_action(
    qtbot: QtBot, make_window: Callable[..., CounterWindow], db: Database, clerk: StaffInfo
) -> None:
    for _ in range(3):
        issue_ticket(db, service="DPMPTSP")
    window = make_window(1)
    sign_in(qtbot, window)
    window.console.undo._seconds = 1  # the countdown runs as at 10 s, only shorter
    undo = window.work.buttons["undo"]
    press(qtbot, window, "call_next", "shortcut")
    press(qtbot, window, "no_show", "shortcut")
    assert undo.isVisible()
    qtbot.waitUntil(lambda: not undo.isVisible(), timeout=3000)
    assert not undo.isEnabled()
    qtbot.keyClick(window.work.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not window.console.busy and ticket(db, "A001").status == "no_show"
    window.console.undo._seconds = 10
    press(qtbot, window, "call_next", "shortcut")  # A002
    press(qtbot, window, "no_show", "shortcut")
    assert undo.isVisible()
    press(qtbot, window, "call_next", "shortcut")  # another action: no undo of A002 now
    assert not undo.isVisible() and not undo.isEnabled()
    assert ticket(db, "A002").status == "no_show"


def test_the_bottom_row_does_not_move_when_the_offer_comes_and_goes(
    qtbot: QtBot, console: CounterWindow, db: Database
) -> None:
    issue_ticket(db, service="DPMPTSP")
    wait_for_list(qtbot, console, 1)
    work = console.work
    before = (work.message.geometry(), work.table.geometry(), work.panel.geometry())
    press(qtbot, console, "call_next", "shortcut")
    press(qtbot, console, "no_show", "shortcut")
    assert work.buttons["undo"].isVisible()
    QCoreApplication.processEvents()  # posted layout requests run; then it must not have moved
    assert console.size().height() == 768  # nothing pushed the window taller
    assert (work.message.geometry(), work.table.geometry(), work.panel.geometry()) == before
