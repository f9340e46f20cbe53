"""Follows one counter through the change watcher: a finish no call has followed invites its
visitor; a newer call ends a survey; a counter that vanished from the site is reported."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from shared.db import Database
from shared.errors import AntreError, NotFoundError
from shared.qt.watcher import ChangeWatcher
from shared.qt.worker import run_task
from shared.skm.counter_activity import CounterActivity, FinishedHere, counter_activity

log = logging.getLogger("antre.survey")


class CounterTracker(QObject):
    """`finished(FinishedHere)`, `called()`, `undone(int ticket_id)` (a finish taken back at
    the console), `missing(str)`, `present(str name)`, `online(bool)`; the first look only
    sets the baseline (no invitation for the past)."""

    finished = Signal(object)
    undone = Signal(int)
    called = Signal()
    missing = Signal(str)
    present = Signal(str)
    online = Signal(bool)

    def __init__(self, db: Database, counter: int, *, interval_ms: int = 100,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.counter = counter
        self.watcher = ChangeWatcher(db, interval_ms=interval_ms, parent=self)
        self.watcher.changed.connect(self.refresh)
        self.watcher.online.connect(self._online)
        self._seen_finish: int | None = None  # None until the baseline is read
        self._seen_call = 0
        self._seen_undo = 0
        self._busy = False
        self._again = False
        self._missing = False

    def start(self) -> None:
        self.watcher.start()
        self.refresh()

    def stop(self) -> None:
        self.watcher.stop()

    def refresh(self, _newest: int = 0) -> None:
        if self._busy:
            self._again = True
            return
        self._busy = True
        counter = self.counter
        run_task(lambda: counter_activity(self.db, counter=counter), on_success=self._seen,
                 on_failure=self._failed, context=self)

    def _done(self) -> None:
        self._busy = False
        if self._again:
            self._again = False
            self.refresh()

    def _seen(self, activity: CounterActivity) -> None:
        try:
            if self._missing:
                self._missing = False
            self.present.emit(activity.name)
            last_finish = activity.last_finish.event_id if activity.last_finish else 0
            if self._seen_finish is None:  # the baseline
                self._seen_finish, self._seen_call = last_finish, activity.last_call_id
                self._seen_undo = activity.last_undo_id
                return
            if activity.last_undo_id > self._seen_undo:
                self._seen_undo = activity.last_undo_id
                if activity.last_undo_ticket_id is not None:
                    self.undone.emit(activity.last_undo_ticket_id)
            if activity.last_call_id > self._seen_call:
                self._seen_call = activity.last_call_id
                self.called.emit()
            invite: FinishedHere | None = activity.invite
            if invite is not None and invite.event_id > self._seen_finish:
                self.finished.emit(invite)
            self._seen_finish = max(self._seen_finish, last_finish)
        finally:
            self._done()

    def _failed(self, error: BaseException) -> None:
        try:
            if isinstance(error, NotFoundError):
                self._missing = True
                self.missing.emit(str(error))
            elif isinstance(error, AntreError):
                log.warning("counter %d: %s", self.counter, error)
                self.online.emit(False)
            else:
                log.error("reading counter %d failed", self.counter, exc_info=error)
        finally:
            self._done()

    def _online(self, up: bool) -> None:
        self.online.emit(up)
        if up:
            self.refresh()
