"""Coalesced background reads, as every screen refreshes: one read at a time, and the asks
made while it runs fold into one more read after it (a burst of changes costs two reads, not
one per change)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool

from shared.qt.worker import run_task


class Refresher(QObject):
    """`request()` runs `make_work()`'s function on the pool unless a read is already running.

    `make_work` is called on the GUI thread and returns the function for the pool thread, so it
    captures plain values (ids, a clock reading), never widgets or ORM objects.
    """

    def __init__(
        self,
        make_work: Callable[[], Callable[[], Any]],
        *,
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
        parent: QObject,
        pool: QThreadPool | None = None,
    ) -> None:
        super().__init__(parent)
        self._make_work = make_work
        self._on_success = on_success
        self._on_failure = on_failure
        self._pool = pool
        self.running = False
        self._again = False

    def request(self) -> None:
        if self.running:
            self._again = True
            return
        self.running = True
        run_task(self._make_work(), on_success=self._done, on_failure=self._failed,
                 context=self, pool=self._pool)

    def _done(self, result: Any) -> None:
        self.running = False
        again, self._again = self._again, False
        try:
            self._on_success(result)
        finally:
            if again:
                self.request()

    def _failed(self, error: BaseException) -> None:
        self.running = False
        self._again = False  # the next change or reconnect asks again
        self._on_failure(error)
