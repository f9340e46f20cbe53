"""Fixtures for the hall display: a window on its own Database, fed by the live feed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from display.live import LiveFeed
from display.window import DisplayWindow
from shared.db import Database
from shared.qt.theme import load_fonts


class RecordingAnnouncer:
    """Stands in for shared.qt.announcer.Announcer: remembers what it was asked to say."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, int]] = []
        self.withdrawn: list[tuple[str, int]] = []

    def announce(self, number: str, counter: int, *, at: datetime | None = None) -> None:
        from shared.voice.announcement import check_counter, parse_ticket_number

        parse_ticket_number(number)  # the real announcer refuses these the same way
        check_counter(counter)
        self.calls.append((number, counter))

    def withdraw(self, number: str, counter: int) -> None:
        self.withdrawn.append((number, counter))


@dataclass
class Display:
    window: DisplayWindow
    feed: LiveFeed
    db: Database
    announcer: RecordingAnnouncer
    stops: list[Callable[[], None]] = field(default_factory=list)

    def loaded(self) -> bool:
        return self.window.state.day is not None


@pytest.fixture
def fonts(qapp: QApplication) -> None:
    load_fonts()


@pytest.fixture
def make_display(qtbot: QtBot, fonts: None, db_url: str) -> Iterator[Callable[..., Display]]:
    made: list[Display] = []

    def make(
        *, url: str | None = None, size: tuple[int, int] = (1280, 720), wait: bool = True
    ) -> Display:
        database = Database(url or db_url)
        announcer = RecordingAnnouncer()
        window = DisplayWindow(announcer=announcer)
        qtbot.addWidget(window)
        window.resize(*size)
        feed = LiveFeed(database, interval_ms=30, parent=window)
        feed.updated.connect(window.apply_update)
        feed.online.connect(window.set_online)
        window.show()
        display = Display(window, feed, database, announcer)
        made.append(display)
        feed.start()
        if wait:
            qtbot.waitUntil(display.loaded, timeout=10000)
        return display

    yield make
    for display in made:
        display.feed.stop()
        display.db.dispose()
