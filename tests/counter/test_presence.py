"""A console holds its counter while signed in: sign-out and exit close it, one person is at
one counter (moving asks first), and a database outage does not sign anyone out."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from counter.move_dialog import MoveDialog
from counter.window import CounterWindow
from shared import presence, status
from shared.db import Database
from shared.paths import ASSETS_DIR
from shared.setup import init_database
from shared.staff import StaffInfo, add_staff
from tests.counter.conftest import sign_in, type_pin


def counter_at(db: Database, number: int) -> tuple[str, str | None]:
    snap = status.snapshot(db, with_tickets=False)
    loket = next(c for c in snap.counters if c.number == number)
    return loket.state, loket.staff


def test_signing_in_opens_the_counter_and_signing_out_closes_it(
    qtbot: QtBot, make_window: Callable[..., CounterWindow], clerk: StaffInfo, db: Database
) -> None:
    window = make_window(1)
    assert counter_at(db, 1) == ("closed", None)  # the PIN screen holds nothing
    sign_in(qtbot, window)
    assert counter_at(db, 1) == ("idle", "Siti Aminah")
    qtbot.mouseClick(window.work.sign_out, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: counter_at(db, 1) == ("closed", None), timeout=15_000)


def test_closing_the_app_closes_the_counter(
    qtbot: QtBot, make_window: Callable[..., CounterWindow], clerk: StaffInfo, db: Database
) -> None:
    window = make_window(2)
    sign_in(qtbot, window)
    assert counter_at(db, 2) == ("idle", "Siti Aminah")
    window.close()
    assert counter_at(db, 2) == ("closed", None)


def test_signing_in_at_a_second_counter_asks_to_move(
    qtbot: QtBot,
    make_window: Callable[..., CounterWindow],
    clerk: StaffInfo,
    db: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = make_window(1, heartbeat_ms=100)
    sign_in(qtbot, first)
    second = make_window(3, heartbeat_ms=100)
    asked: list[tuple[str, int, int]] = []
    answer = [False]

    def ask(_parent: object, *, name: str, there: int, here: int) -> bool:
        asked.append((name, there, here))
        return answer[0]

    monkeypatch.setattr(MoveDialog, "ask", ask)
    type_pin(qtbot, second, "1234")
    qtbot.waitUntil(lambda: "tetap di loket 1" in second.signin.message.text())
    assert asked == [("Siti Aminah", 1, 3)]
    assert second.staff is None and second.stack.currentWidget() is second.signin
    assert counter_at(db, 1) == ("idle", "Siti Aminah")
    answer[0] = True
    sign_in(qtbot, second)
    assert counter_at(db, 3) == ("idle", "Siti Aminah")
    assert counter_at(db, 1) == ("closed", None)
    # The first console learns at its next heartbeat and goes back to the PIN screen.
    qtbot.waitUntil(lambda: first.staff is None, timeout=15_000)
    assert first.stack.currentWidget() is first.signin
    assert "tidak lagi masuk" in first.signin.message.text()


def test_the_move_dialog_asks_in_plain_words(qtbot: QtBot) -> None:
    dialog = MoveDialog(None, name="Siti Aminah", there=1, here=3)
    qtbot.addWidget(dialog)
    assert dialog.text() == "Siti Aminah masih masuk di loket 1. Pindah ke loket 3?"
    assert dialog.move_button.text() == "Pindah ke loket 3"
    assert dialog.defaultButton() is dialog.stay_button  # Enter does not move by accident


def test_database_gone_while_signed_in_keeps_the_staff_signed_in(
    qtbot: QtBot, tmp_path: Path
) -> None:
    folder = tmp_path / "site"
    folder.mkdir()
    url = f"sqlite:///{folder / 'antre.db'}"
    setup = Database(url)
    init_database(setup, ASSETS_DIR / "sites" / "demo.toml")
    add_staff(setup, name="Rina", pin="1234")
    setup.dispose()
    db = Database(url)
    window = CounterWindow(db, 1, watch_interval_ms=50, heartbeat_ms=100)
    qtbot.addWidget(window)
    window.show()
    window.start()
    try:
        sign_in(qtbot, window)
        away = tmp_path / "away"
        folder.rename(away)
        db.reset_connections()
        qtbot.waitUntil(lambda: not window.console.online, timeout=15_000)
        assert "Database tidak terhubung" in window.work.message.text()
        assert window.staff is not None  # still signed in: nothing is lost
        away.rename(folder)
        qtbot.waitUntil(lambda: window.console.online, timeout=15_000)
        beat = presence.read_presences(db)[1].beat
        qtbot.waitUntil(lambda: presence.read_presences(db)[1].beat > beat, timeout=15_000)
        assert counter_at(db, 1) == ("idle", "Rina")
    finally:
        window.shutdown()
        db.dispose()
