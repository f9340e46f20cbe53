"""The change watcher: learns of commits by other processes with a cheap poll of the
newest event id, on its own thread, so a slow or vanished database never blocks a screen.
On PostgreSQL it also LISTENs: the trigger's NOTIFY wakes it at the commit, not at the next poll.

It also notices a database that was replaced (recreated by `antre init`, rolled back by
`antre restore`, a file moved into place): the identity changed, or the newest event id went
down. Then it emits `replaced` before `changed`, and the views load everything again.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, Signal

from shared.changes import ChangeProbe, ChangeWaiter
from shared.db import Database
from shared.errors import AntreError

log = logging.getLogger("antre.watcher")


class ChangeWatcher(QObject):
    """Emits `changed(newest_event_id)` after any commit, `replaced()` when the database is
    another one than before, and `online(bool)` on transitions."""

    changed = Signal(int)
    replaced = Signal()
    online = Signal(bool)

    def __init__(
        self, db: Database, *, interval_ms: int = 100, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._probe = ChangeProbe(db)
        self._interval = interval_ms / 1000
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.last_id = -1
        self.identity: str | None = None
        self.is_online = True

    def start(self) -> None:
        if self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="antre-watcher", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None
        self._probe.close()

    def _run(self) -> None:
        # On PostgreSQL a NOTIFY from the committing process ends the wait at once; the poll
        # stays as the fallback (SQLite, or no LISTEN connection).
        waiter = ChangeWaiter(self._db, self._stop)
        try:
            while not self._stop.is_set():
                self._poll_once()
                if self.is_online:
                    waiter.wait(self._interval)
                else:  # back off while offline: one reconnect attempt a second is plenty
                    self._stop.wait(1.0)
        finally:
            waiter.close()

    def _poll_once(self) -> None:
        try:
            mark = self._probe.poll()
        except Exception as error:  # AntreError when unreachable; anything else is logged too
            if self.is_online:
                log.warning(
                    "database unreachable: %s", error, exc_info=not isinstance(error, AntreError)
                )
                self.is_online = False
                self.online.emit(False)
            return
        if not self.is_online:
            log.info("database reachable again")
            self.is_online = True
            self.online.emit(True)
        seen, self.identity = self.identity, mark.identity
        if seen is not None and (mark.identity != seen or mark.newest < self.last_id):
            log.warning("the database was replaced (restored or created again): reloading")
            self.last_id = mark.newest
            self.replaced.emit()
            self.changed.emit(mark.newest)
        elif mark.newest != self.last_id:
            self.last_id = mark.newest
            self.changed.emit(mark.newest)
