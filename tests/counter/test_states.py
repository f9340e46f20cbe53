"""Disabled states with reasons, races with other counters, the database going away,
a counter with no agencies, and bad start-up input."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import delete, select

from counter import __main__ as app_main
from counter.window import CounterWindow
from shared import calling
from shared.db import Database
from shared.errors import DatabaseError
from shared.models import Counter, CounterService, Event
from shared.staff import StaffInfo
from shared.tickets import issue_ticket
from tests.counter.conftest import sign_in
from tests.counter.test_actions import press, wait_for_list


def reasons(window: CounterWindow) -> dict[str, str]:
    return {k: b.toolTip() for k, b in window.work.buttons.items() if not b.isEnabled()}


def test_disabled_states_say_why(qtbot: QtBot, console: CounterWindow, db: Database) -> None:
    idle = reasons(console)
    assert idle["call_next"] == "Tidak ada antrean menunggu"
    assert idle["recall"] == idle["no_show"] == idle["done"] == idle["transfer"]
    assert idle["recall"] == "Belum ada nomor yang sedang dilayani"
    assert idle["call_this"] == "Pilih satu nomor di daftar antrean"
    assert "pause" not in idle
    issue_ticket(db, service="DPMPTSP")
    wait_for_list(qtbot, console, 1)
    qtbot.waitUntil(lambda: console.work.buttons["call_next"].isEnabled())
    press(qtbot, console, "call_next", "shortcut")
    serving = reasons(console)
    assert serving == {
        "pause": "Selesaikan nomor yang sedang dilayani dulu",
        "call_this": "Pilih satu nomor di daftar antrean",
        "undo": "Tidak ada yang bisa dibatalkan sekarang",  # hidden too: no offer
    }


def test_buttons_are_disabled_while_an_action_is_in_flight(
    qtbot: QtBot, console: CounterWindow, db: Database
) -> None:
    issue_ticket(db, service="DPMPTSP")
    wait_for_list(qtbot, console, 1)
    with qtbot.waitSignal(console.console.action_done):
        console.work.buttons["call_next"].click()
        assert console.console.busy
        assert set(reasons(console)) == set(console.work.buttons)
        assert reasons(console)["pause"] == "Tunggu: aksi sebelumnya sedang diproses"
        console.work.buttons["call_next"].click()  # a second press does nothing
    with db.read() as session:
        calls = session.scalars(select(Event).where(Event.kind == "call")).all()
    assert len(calls) == 1


def test_stale_screen_gets_a_plain_message_and_a_refresh(
    qtbot: QtBot, console: CounterWindow, db: Database
) -> None:
    issue_ticket(db, service="DPMPTSP")
    wait_for_list(qtbot, console, 1)
    press(qtbot, console, "call_next", "shortcut")
    console.watcher.stop()  # keep the screen stale on purpose
    calling.finish(db, counter=1)  # e.g. the CLI finished it meanwhile
    press(qtbot, console, "done", "button")
    assert "Layar diperbarui" in console.work.message.text()
    qtbot.waitUntil(lambda: console.work.panel.number.text() == "Belum ada nomor")


def test_taken_by_another_counter(qtbot: QtBot, console: CounterWindow, db: Database) -> None:
    issue_ticket(db, service="DPMPTSP")
    issue_ticket(db, service="DPMPTSP")
    wait_for_list(qtbot, console, 2)
    console.watcher.stop()
    console.work.table.selectRow(0)
    calling.call_ticket(db, counter=2, number="A001")
    press(qtbot, console, "call_this", "button")
    assert console.work.message.text() == (
        "Nomor itu sudah dipanggil loket lain. Layar diperbarui."
    )
    qtbot.waitUntil(lambda: console.work.model.numbers() == ["A002"])


@pytest.mark.parametrize("committed", [True, False])
def test_database_going_away_mid_action(
    qtbot: QtBot,
    console: CounterWindow,
    db: Database,
    monkeypatch: pytest.MonkeyPatch,
    committed: bool,
) -> None:
    issue_ticket(db, service="DPMPTSP")
    wait_for_list(qtbot, console, 1)
    press(qtbot, console, "call_next", "shortcut")
    real_finish = calling.finish

    def flaky_finish(*args: object, **kwargs: object) -> object:
        if committed:
            real_finish(*args, **kwargs)  # type: ignore[arg-type]
        raise DatabaseError("error.db_unreachable", where="db.lan", detail="timeout")

    monkeypatch.setattr(calling, "finish", flaky_finish)
    monkeypatch.setattr(console.console, "refresh", lambda: None)  # "offline" until told
    with qtbot.waitSignal(console.console.action_done):
        qtbot.mouseClick(console.work.buttons["done"], Qt.MouseButton.LeftButton)
    assert console.work.message.text() == "Database tidak terhubung. Menunggu koneksi…"
    assert not console.work.buttons["call_next"].isEnabled()
    monkeypatch.undo()
    with qtbot.waitSignal(console.console.state_shown):
        console.console.set_online(True)
    expected = "tercatat." if committed else "tidak tercatat, silakan ulangi."
    assert console.work.message.text().endswith(expected)
    assert console.work.panel.number.text() == ("Belum ada nomor" if committed else "A001")


def test_counter_with_no_agencies(
    qtbot: QtBot, make_window: object, db: Database, clerk: StaffInfo
) -> None:
    with db.write() as session:
        counter = session.scalars(select(Counter).where(Counter.number == 5)).one()
        session.execute(delete(CounterService).where(CounterService.counter_id == counter.id))
    window = make_window(5)  # type: ignore[operator]
    sign_in(qtbot, window)
    assert "tidak melayani instansi apa pun" in window.work.message.text()
    assert all(not b.isEnabled() for b in window.work.buttons.values())


@pytest.mark.usefixtures("quiet_main")
def test_unknown_counter_exits_with_status_2(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert app_main.main(["--db", db.url, "--counter", "42"]) == 2
    assert "unknown counter 42" in capsys.readouterr().err


@pytest.mark.usefixtures("quiet_main")
def test_no_counter_given_exits_with_status_2(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert app_main.main(["--db", db.url]) == 2
    assert "--counter" in capsys.readouterr().err
