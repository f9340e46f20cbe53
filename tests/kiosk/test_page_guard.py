"""The kiosk never issues a ticket nobody meant: taps every 50 ms around every page change,
a visible countdown, a back button that never lies over an agency."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from kiosk.window import KioskWindow
from shared.db import Database
from tests.kiosk.conftest import MakeWindow
from tests.kiosk.test_window import tap, tickets

log = logging.getLogger("tests.kiosk.guard")
TAP_AGAIN = "Layar baru saja berganti. Silakan sentuh lagi."


def tap_at(window: KioskWindow, point: QPoint) -> None:
    """A finger at `point` (window coordinates): whatever is under it now gets the tap."""
    target = window.childAt(point) or window
    QTest.mouseClick(target, Qt.MouseButton.LeftButton, pos=target.mapFrom(window, point))


def centre_of(window: KioskWindow, widget: QPushButton) -> QPoint:
    return widget.mapTo(window, widget.rect().center())


class TapTrain:
    """Taps `point()` every 50 ms while `keep_going()` says so."""

    def __init__(self, window: KioskWindow, point: Callable[[], QPoint],
                 keep_going: Callable[[], bool] = lambda: True) -> None:
        self.window, self.point, self.keep_going = window, point, keep_going
        self.taps = 0
        self.timer = QTimer(window)
        self.timer.setInterval(50)
        self.timer.timeout.connect(self._tap)
        self.timer.start()

    def _tap(self) -> None:
        if self.keep_going():
            self.taps += 1
            tap_at(self.window, self.point())

    def stop(self) -> None:
        self.timer.stop()


def test_taps_on_the_back_button_around_the_return_issue_nothing(
    qtbot: QtBot, db: Database, make_window: MakeWindow
) -> None:
    window = make_window(db)
    window.page_guard_ms, window.confirm_ms = 800, 1500
    with qtbot.waitSignal(window.ticket_issued, timeout=15_000):
        tap(qtbot, window, "DPMPTSP")
    shown = time.monotonic()
    back = centre_of(window, window.confirmation.back)  # the button stays put
    train = TapTrain(window, lambda: back)
    # The first taps come inside the guard (refused); one after it goes back; the rest land
    # on the start page's title. However late or early each tap comes, none is a ticket.
    qtbot.waitUntil(lambda: window.on_start_page, timeout=10000)
    log.info("confirmation -> start by a tap on back: %.2f s", time.monotonic() - shown)
    returned = train.taps
    qtbot.waitUntil(lambda: train.taps >= returned + 30, timeout=20000)  # 1.5 s more taps
    train.stop()
    assert tickets(db) == [("A001", None, "printed")]
    assert window.on_start_page and not window.start_page.priority.chosen


def test_taps_on_an_agency_around_the_auto_return_are_refused_visibly(
    qtbot: QtBot, db: Database, make_window: MakeWindow
) -> None:
    window = make_window(db)
    # A long guard, so that the train surely taps inside it even on a busy machine.
    window.page_guard_ms, window.confirm_ms = 2500, 600
    def tile() -> QPoint:  # where the finger aims: the BPJS Kesehatan tile as laid out now
        return centre_of(window, window.start_page.grid.buttons["BPJSKES"])

    with qtbot.waitSignal(window.ticket_issued, timeout=15_000):
        tap(qtbot, window, "DPMPTSP")
    # A train on the tile's spot from the confirmation until just before the guard after
    # the automatic return ends (never a tap the guard is not meant to stop).
    returned: list[float] = []
    window.start_page.grid.buttons["BPJSKES"].clicked.connect(lambda: returned.append(-1))
    train = TapTrain(window, tile, lambda: window._guard_until - time.monotonic() > 0.1
                     or not window.on_start_page)
    qtbot.waitUntil(lambda: window.on_start_page, timeout=10000)
    qtbot.waitUntil(lambda: window.start_page.tap_again.isVisible(), timeout=15_000)
    assert window.start_page.tap_again.text() == TAP_AGAIN
    qtbot.waitUntil(lambda: time.monotonic() > window._guard_until, timeout=15_000)
    train.stop()
    assert train.taps >= 5
    assert returned == [] and tickets(db) == [("A001", None, "printed")]
    # After the guard the same spot is a working agency again.
    with qtbot.waitSignal(window.ticket_issued, timeout=15_000):
        tap_at(window, tile())
    assert [t[0] for t in tickets(db)] == ["A001", "C001"]


def test_a_priority_choice_during_the_guard_is_refused_visibly_not_lost(
    qtbot: QtBot, db: Database, make_window: MakeWindow
) -> None:
    window = make_window(db)
    window.page_guard_ms = 60_000
    with qtbot.waitSignal(window.ticket_issued, timeout=15_000):
        tap(qtbot, window, "DPMPTSP")
    window.return_to_start()
    disabilitas = window.start_page.priority.buttons["disabilitas"]
    qtbot.mouseClick(disabilitas, Qt.MouseButton.LeftButton)
    assert not disabilitas.isChecked()  # refused...
    assert window.start_page.tap_again.isVisible()  # ...and the visitor is told
    assert window.start_page.tap_again.text() == TAP_AGAIN
    window._guard_until = 0.0  # the guard time is over
    qtbot.mouseClick(disabilitas, Qt.MouseButton.LeftButton)
    assert disabilitas.isChecked()
    with qtbot.waitSignal(window.ticket_issued, timeout=15_000):
        tap(qtbot, window, "DUKCAPIL")
    assert tickets(db)[-1][:2] == ("B001", "disabilitas")


def test_confirmation_counts_down_to_the_return(
    qtbot: QtBot, db: Database, make_window: MakeWindow
) -> None:
    window = make_window(db)
    window.confirm_ms = 2000
    with qtbot.waitSignal(window.ticket_issued, timeout=15_000):
        tap(qtbot, window, "DPMPTSP")
    shown = time.monotonic()
    assert window.confirmation.countdown.text() == "Kembali ke awal dalam 2 detik"
    assert window.confirmation.countdown.isVisible()
    qtbot.waitUntil(
        lambda: window.confirmation.countdown.text() == "Kembali ke awal dalam 1 detik",
        timeout=15_000,
    )
    qtbot.waitUntil(lambda: window.on_start_page, timeout=10000)
    log.info("confirmation -> start by itself (2 s set): %.3f s", time.monotonic() - shown)


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920), (3840, 2160), (1280, 1024)])
def test_the_back_button_never_lies_over_anything_tappable(
    qtbot: QtBot, db: Database, make_window: MakeWindow, size: tuple[int, int]
) -> None:
    window = make_window(db, size=size)
    with qtbot.waitSignal(window.ticket_issued, timeout=15_000):
        tap(qtbot, window, "DPMPTSP")
    back = QRect(window.confirmation.back.mapTo(window, QPoint(0, 0)),
                 window.confirmation.back.size())
    assert back.height() >= 40 * window._scale and window.confirmation.back.isVisible()
    page = window.start_page
    tappable = [*page.grid.buttons.values(), *page.priority.buttons.values(),
                page.header.language, page.header.site]
    for widget in tappable:
        rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        assert not rect.intersects(back), widget.objectName()
    # Nothing on the confirmation hides under the button either.
    card = QRect(window.confirmation.card.mapTo(window, QPoint(0, 0)),
                 window.confirmation.card.size())
    assert not card.intersects(back)
