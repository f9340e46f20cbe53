"""shared.qt.refresh.Refresher: one read at a time, a burst of asks folds into one more read."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from shared.qt.refresh import Refresher


def test_asks_during_a_read_fold_into_one_more_read(qtbot: QtBot) -> None:
    owner = QObject()
    release = threading.Event()
    reads: list[int] = []
    results: list[int] = []

    def make_work() -> Callable[[], int]:
        number = len(reads) + 1
        reads.append(number)

        def work() -> int:
            release.wait(30)
            return number
        return work

    reader = Refresher(make_work, on_success=results.append,
                       on_failure=lambda error: None, parent=owner)
    for _ in range(5):
        reader.request()
    assert reads == [1]  # the other four asks wait for the first read
    release.set()
    qtbot.waitUntil(lambda: results == [1, 2] and not reader.running)
    assert reads == [1, 2]


def test_a_failed_read_is_reported_and_the_next_ask_reads_again(qtbot: QtBot) -> None:
    owner = QObject()
    errors: list[BaseException] = []
    started = threading.Event()
    release = threading.Event()

    def work() -> int:
        started.set()
        release.wait(30)
        raise OSError("gone")

    reader = Refresher(lambda: work, on_success=lambda result: None,
                       on_failure=errors.append, parent=owner)
    reader.request()
    started.wait(30)
    reader.request()
    release.set()
    qtbot.waitUntil(lambda: len(errors) >= 1 and not reader.running)
    assert isinstance(errors[0], OSError)
    reader.request()  # after a failure the next change or reconnect asks again
    assert reader.running
    qtbot.waitUntil(lambda: not reader.running)
