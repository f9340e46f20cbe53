"""The console speaks its station's language, core refusals included (no English core text
on the Indonesian console, no Indonesian on the English one)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from counter import strings
from counter.window import CounterWindow
from shared import calling
from shared.db import Database
from shared.staff import StaffInfo
from shared.tickets import issue_ticket
from tests.counter.conftest import sign_in
from tests.words_check import indonesian_in, visible_texts


@pytest.fixture
def language() -> Iterator[Callable[[str], None]]:
    yield strings.set_language
    strings.set_language("id")


def finish_elsewhere_then_press_done(qtbot: QtBot, window: CounterWindow, db: Database) -> str:
    """Counter 1 serves A001; another process finishes it; the clerk presses F4 on the stale
    screen: the core refuses ("idle") and the console says so."""
    issue_ticket(db, service="DPMPTSP")
    qtbot.waitUntil(lambda: window.work.model.rowCount() == 1)
    with qtbot.waitSignal(window.console.action_done, timeout=15_000):
        qtbot.keyClick(window.work.table, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: not window.console.reader.running)
    assert window.work.panel.agency.text() == "DPMPTSP (Perizinan)"  # once, in one form
    window.watcher.stop()  # the screen does not learn of the other process's change
    calling.finish(db, counter=1)
    with qtbot.waitSignal(window.console.action_done, timeout=15_000):
        qtbot.keyClick(window.work.table, Qt.Key.Key_F4)
    return window.work.message.text()


@pytest.mark.usefixtures("clerk")
def test_refusal_on_the_indonesian_console_is_indonesian(
    qtbot: QtBot, make_window: Callable[..., CounterWindow], db: Database,
    language: Callable[[str], None],
) -> None:
    language("id")
    window = make_window(1)
    sign_in(qtbot, window)
    shown = finish_elsewhere_then_press_done(qtbot, window, db)
    assert shown == "Tidak bisa: Loket 1 belum melayani nomor apa pun. Layar diperbarui."


def test_english_console_shows_no_indonesian(
    qtbot: QtBot, make_window: Callable[..., CounterWindow], db: Database, clerk: StaffInfo,
    language: Callable[[str], None],
) -> None:
    language("en")
    window = make_window(1)
    assert indonesian_in(visible_texts(window)) == []  # the sign-in screen
    sign_in(qtbot, window)
    shown = finish_elsewhere_then_press_done(qtbot, window, db)
    assert shown == "Not possible: Counter 1 is not serving any number. Screen refreshed."
    assert indonesian_in(visible_texts(window)) == []


def test_english_console_with_a_transfer_and_an_undo_shows_no_indonesian(
    qtbot: QtBot, make_window: Callable[..., CounterWindow], db: Database, clerk: StaffInfo,
    language: Callable[[str], None],
) -> None:
    language("en")
    issue_ticket(db, service="DUKCAPIL")
    calling.call_next(db, counter=3)
    calling.transfer(db, counter=3, service="DPMPTSP", note="bawa KTP asli")
    for _ in range(2):
        issue_ticket(db, service="DPMPTSP", priority="lansia")
    window = make_window(1)
    sign_in(qtbot, window)
    qtbot.waitUntil(lambda: window.work.model.rowCount() == 3)
    texts = visible_texts(window)
    assert "↩ from Dukcapil" in texts  # the list cell, in English
    assert indonesian_in(texts) == []
    with qtbot.waitSignal(window.console.action_done, timeout=15_000):
        qtbot.keyClick(window.work.table, Qt.Key.Key_F1)  # B001, the transfer, first
    qtbot.waitUntil(lambda: window.work.panel.source.text() == "Transferred from Dukcapil")
    with qtbot.waitSignal(window.console.action_done, timeout=15_000):
        qtbot.keyClick(window.work.table, Qt.Key.Key_F3)  # no-show: the undo offer shows
    assert window.work.buttons["undo"].isVisible()
    texts = visible_texts(window)
    assert any(t.startswith("Undo B001: ") for t in texts)
    assert indonesian_in(texts) == []
    with qtbot.waitSignal(window.console.action_done, timeout=15_000):
        qtbot.keyClick(window.work.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.work.message.text() == "Undone: B001 is served again"
    assert window.work.panel.note.text() == "Note: bawa KTP asli"  # the staff's own words
    assert indonesian_in(visible_texts(window)) == []
