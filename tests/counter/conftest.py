"""Console fixtures: a staff member, a console window on the demo site, signing in by keyboard."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from counter.window import CounterWindow
from shared import staff
from shared.db import Database
from shared.staff import StaffInfo

PIN = "1234"


class FakeClock:
    """The sign-in's "now": `now` seconds after a fixed moment (tests move it forward)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> datetime:
        return datetime(2026, 11, 23, 2, 0, tzinfo=UTC) + timedelta(seconds=self.now)


@pytest.fixture
def clerk(db: Database) -> StaffInfo:
    return staff.add_staff(db, name="Siti Aminah", pin=PIN)


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_window(
    qtbot: QtBot, db: Database, fake_clock: FakeClock
) -> Iterator[Callable[..., CounterWindow]]:
    made: list[CounterWindow] = []

    def make(counter: int = 1, **options: object) -> CounterWindow:
        options.setdefault("watch_interval_ms", 50)
        window = CounterWindow(db, counter, lockout_clock=fake_clock, **options)  # type: ignore[arg-type]
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        window.start()
        made.append(window)
        return window

    yield make
    for window in made:
        window.shutdown()


def choose_name(qtbot: QtBot, window: CounterWindow, name: str) -> None:
    """Picks a name in the sign-in list with the arrow keys, as a person does."""
    names = window.signin.name
    qtbot.waitUntil(lambda: names.findText(name) >= 0, timeout=10_000)
    names.setFocus()
    for _ in range(names.count()):
        if names.currentText() == name:
            break
        qtbot.keyClick(names, Qt.Key.Key_Down)
    assert names.currentText() == name


def type_pin(qtbot: QtBot, window: CounterWindow, pin: str) -> None:
    window.signin.pin.clear()
    qtbot.keyClicks(window.signin.pin, pin)
    qtbot.keyClick(window.signin.pin, Qt.Key.Key_Return)


def sign_in(qtbot: QtBot, window: CounterWindow, pin: str = PIN) -> None:
    type_pin(qtbot, window, pin)
    qtbot.waitUntil(lambda: window.console.state is not None and window.staff is not None,
                    timeout=20000)  # scrypt and the presence claim on a busy machine
    qtbot.waitUntil(lambda: not window.console.busy)


@pytest.fixture
def console(
    qtbot: QtBot, make_window: Callable[..., CounterWindow], clerk: StaffInfo
) -> CounterWindow:
    """Counter 1 (DPMPTSP), signed in as the clerk."""
    window = make_window(1)
    sign_in(qtbot, window)
    return window
