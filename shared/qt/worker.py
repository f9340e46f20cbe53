"""One way to do background work: run a blocking function on the thread pool and deliver
its result or its error back on the GUI thread (after Anki's QueryOp / Picard's run_task).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

log = logging.getLogger("antre.worker")


class _Relay(QObject):
    """Lives on the GUI thread; the pool thread emits, the queued slots deliver."""

    done = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None] | None,
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self._on_success = on_success
        self._on_failure = on_failure
        self.done.connect(self._deliver_done, Qt.ConnectionType.QueuedConnection)
        self.failed.connect(self._deliver_failed, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _deliver_done(self, result: Any) -> None:
        try:
            self._on_success(result)
        finally:
            self.deleteLater()

    @Slot(object)
    def _deliver_failed(self, error: BaseException) -> None:
        try:
            if self._on_failure is not None:
                self._on_failure(error)
            else:
                log.error("background task failed", exc_info=error)
        finally:
            self.deleteLater()


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as error:  # delivered to on_failure, never lost
            self._deliver(self._relay.failed, error)
        else:
            self._deliver(self._relay.done, result)

    @staticmethod
    def _deliver(signal: Any, value: object) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # "Signal source has been deleted": its window closed meanwhile
            log.debug("a background result came after its window had closed; dropped")


def run_task(
    work: Callable[[], Any],
    *,
    on_success: Callable[[Any], None],
    on_failure: Callable[[BaseException], None] | None = None,
    context: QObject,
    pool: QThreadPool | None = None,
) -> None:
    """Runs `work()` off the GUI thread; calls back on the GUI thread while `context` lives.

    Hand `work` plain values (ids, frozen dataclasses), never ORM objects or widgets.
    """
    relay = _Relay(on_success, on_failure, context)
    (pool or QThreadPool.globalInstance()).start(_Task(work, relay))
