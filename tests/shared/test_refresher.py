"""shared/qt background reads: the Refresher (one read at a time, a burst of asks folds into one
more read) and run_task when the window it reports to is gone."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QThreadPool
from pytestqt.qtbot import QtBot

from shared.qt.refresh import Refresher
from shared.qt.worker import run_task


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


def test_a_result_after_its_window_closed_is_dropped_quietly(
        qtbot: QtBot, capfd: pytest.CaptureFixture[str]) -> None:
    """A task that ends after its window was deleted (app exit under load) has nowhere to
    report: no "Signal source has been deleted" traceback from the pool thread."""
    window = QObject()
    release = threading.Event()
    delivered: list[int] = []
    run_task(lambda: release.wait(30) and 1, on_success=delivered.append, context=window)
    # Not the window's child: deleting the window must never delete the object the pool
    # thread emits on (a crash when the two happen at once, seen on a fresh Debian 12).
    assert window.children() == []
    shiboken6.delete(window)
    release.set()
    assert QThreadPool.globalInstance().waitForDone(30_000)
    QCoreApplication.processEvents()  # deliver anything queued (there must be nothing)
    assert delivered == []
    assert "Traceback" not in capfd.readouterr().err
