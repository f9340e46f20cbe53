"""Runs day maintenance (expiry at closing / on a new day) at start and every minute,
off the GUI thread; any app that runs all day can own one."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer

from shared import dayops
from shared.db import Database
from shared.qt.worker import run_task

log = logging.getLogger("antre.dayops")


class DayKeeper(QObject):
    def __init__(self, db: Database, *, interval_ms: int = 60_000, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._busy = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.run_now)

    def start(self) -> None:
        self.run_now()
        self._timer.start()

    def run_now(self) -> None:
        if self._busy:
            return
        self._busy = True
        run_task(lambda: dayops.maintain(self._db), on_success=self._done,
                 on_failure=self._failed, context=self)

    def _done(self, expired: int) -> None:
        self._busy = False
        if expired:
            log.info("%d waiting tickets expired (closing time or a new day)", expired)

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        log.warning("day maintenance skipped: %s", error)
