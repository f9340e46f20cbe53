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
    """Lives on the GUI thread; the pool thread emits, the queued slots deliver.

    It has no parent and is kept in `_PENDING` until it has delivered: were it the context's
    child, deleting the context (a window closed) could delete it while the pool thread is
    inside `emit` on it, which crashes the process. When the context goes first, the result is
    dropped on delivery instead.
    """

    done = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None] | None,
        context: QObject,
    ) -> None:
        super().__init__()
        self._on_success = on_success
        self._on_failure = on_failure
        self._context_alive = True
        context.destroyed.connect(self._context_gone)
        self.done.connect(self._deliver_done, Qt.ConnectionType.QueuedConnection)
        self.failed.connect(self._deliver_failed, Qt.ConnectionType.QueuedConnection)
        _PENDING.add(self)

    @Slot()
    def _context_gone(self) -> None:
        self._context_alive = False

    @Slot(object)
    def _deliver_done(self, result: Any) -> None:
        try:
            if self._context_alive:
                self._on_success(result)
            else:
                log.debug("a background result came after its window had closed; dropped")
        finally:
            self._finish()

    @Slot(object)
    def _deliver_failed(self, error: BaseException) -> None:
        try:
            if not self._context_alive:
                log.debug("a background error came after its window had closed; dropped",
                          exc_info=error)
            elif self._on_failure is not None:
                self._on_failure(error)
            else:
                log.error("background task failed", exc_info=error)
        finally:
            self._finish()

    def _finish(self) -> None:
        _PENDING.discard(self)
        self.deleteLater()


_PENDING: set[_Relay] = set()  # relays whose task has not delivered yet


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
        except RuntimeError:  # "Signal source has been deleted": the app is being torn down
            log.debug("a background result came after the app had ended; dropped")


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
