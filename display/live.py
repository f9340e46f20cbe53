"""Keeps the display in step with the database: a full load at start, then increments.

The change watcher polls the newest event id; on a change one background task fetches the
calls after the last one seen (on PostgreSQL a few before it too: shared.event_cursor) plus a fresh
snapshot (counters, waiting counts), in one read transaction. Only one fetch
runs at a time; changes during a fetch are caught by one more fetch afterwards, so a burst of
calls is never dropped. All database work runs on the worker pool, never on the GUI thread.
When the watcher reports a replaced database (restored, created again), the cursor is
forgotten and the next fetch is a full load: a cursor from the old database would make every
call of the new one look old (event ids start again from 1).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import date, datetime

from PySide6.QtCore import QObject, QTimer, Signal

from shared import clock, feed, lookups
from shared.db import Database
from shared.errors import AntreError
from shared.event_cursor import Cursor
from shared.feed import CallEvent
from shared.qt.watcher import ChangeWatcher
from shared.qt.worker import run_task
from shared.status import Snapshot, build_snapshot

log = logging.getLogger("antre.display")
RETRY_MS = 1000
RECENT = 10
PRESENCE_MS = 1000  # how often the counters' heartbeats are looked at (they make no event)


@dataclass(frozen=True)
class Update:
    """What one fetch brings: new calls (oldest first) and the state of counters and queues."""

    calls: list[CallEvent]
    snapshot: Snapshot
    logo: str = ""
    initial: bool = False
    newest_id: int = 0  # the newest event at a full load: later calls come after it
    # After a replaced database: when the old one was last read. Calls of the new database
    # made after that are news to the hall and are announced; older ones (a restored backup's)
    # are history.
    news_since: datetime | None = None


def load_initial(db: Database) -> Update:
    """The whole state at start (or after a reconnect): today's last calls and a snapshot,
    read in one transaction (see `load_after`)."""
    with db.read() as session:
        newest = feed.read_latest_event_id(session)
        snap = build_snapshot(session, clock.now(), with_tickets=False)
        site = lookups.site(session)
        logo, tz = site.logo, site.timezone
        recent = feed.read_recent_calls(session, count=RECENT)
    recent = [c for c in recent if _local_day(c, tz) == snap.date]
    return Update(recent, snap, logo, initial=True, newest_id=newest)


def load_after(db: Database, after_id: int) -> Update:
    """The calls after `after_id` and a fresh snapshot (one round trip per change).

    Both come from one read transaction, one moment of the database. Read apart, a console's
    write landing between them (an undo: the served ticket back, the called one waiting
    again) gave calls from before it with counters from after it: the board showed the
    undone call's row under the ticket served again until the next fetch.
    """
    with db.read() as session:
        calls = feed.read_calls_after(session, after_id)
        snap = build_snapshot(session, clock.now(), with_tickets=False)
    return Update(calls, snap)


def _local_day(call: CallEvent, tz: str) -> date:
    return clock.local(call.at, tz).date()


class LiveFeed(QObject):
    """Emits `updated(Update)` on the GUI thread and `online(bool)` on transitions."""

    updated = Signal(object)
    online = Signal(bool)

    def __init__(
        self,
        db: Database,
        *,
        interval_ms: int = 100,
        presence_ms: int = PRESENCE_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        # A console that dies writes nothing: its counter closes when the display sees its
        # beats stop, so the snapshot is re-read on a timer too (a few ms each).
        self._presence = QTimer(self)
        self._presence.setInterval(presence_ms)
        self._presence.timeout.connect(self._request)
        self._watcher = ChangeWatcher(db, interval_ms=interval_ms, parent=self)
        self._watcher.changed.connect(self._on_changed)
        self._watcher.replaced.connect(self._on_replaced)
        self._watcher.online.connect(self._on_online)
        self._generation = 0  # bumped on a replaced database: older fetches are stale
        self._loaded = False
        self._busy = False
        self._dirty = False
        self._failing = False
        self._read_at: datetime | None = None  # when the last fetch that succeeded began
        self._news_since: datetime | None = None
        self.cursor = Cursor.for_database(db.is_sqlite)

    def start(self) -> None:
        self._fetch()
        self._watcher.start()
        self._presence.start()

    def stop(self) -> None:
        self._presence.stop()
        self._watcher.stop()

    def _on_changed(self, _newest: int) -> None:
        self._request()

    def _on_replaced(self) -> None:
        log.warning("the database was replaced: loading the display again from scratch")
        self._generation += 1
        self._loaded = False
        self.cursor = Cursor(self.cursor.lookback)
        self._news_since = self._read_at
        self._request()

    def _on_online(self, up: bool) -> None:
        self.online.emit(up)
        if up:
            self._request()

    def _request(self) -> None:
        if self._busy:
            self._dirty = True
        else:
            self._fetch()

    def _fetch(self) -> None:
        self._busy, self._dirty = True, False
        db, after, generation = self._db, self.cursor.after(), self._generation
        work = (lambda: load_after(db, after)) if self._loaded else (lambda: load_initial(db))
        began = clock.now()
        run_task(
            work,
            on_success=lambda update: self._on_success(update, generation, began),
            on_failure=self._on_failure,
            context=self,
        )

    def _on_success(
        self, update: Update, generation: int | None = None, began: datetime | None = None
    ) -> None:
        self._busy = False
        if self._failing:
            log.info("display data loaded again")
            self._failing = False
            self.online.emit(True)
        if generation is not None and generation != self._generation:
            self._fetch()  # loaded from the database before it was replaced: load again
            return
        self._loaded = True
        self._read_at = began
        if update.initial:
            self.cursor.restart(update.newest_id, update.calls)
            if self._news_since is not None:
                update = replace(update, news_since=self._news_since)
                self._news_since = None
        else:
            update = replace(update, calls=self.cursor.take(update.calls))
        self.updated.emit(update)
        if self._dirty:
            self._fetch()

    def _on_failure(self, error: BaseException) -> None:
        self._busy = False
        if not self._failing:
            self._failing = True
            log.warning(
                "cannot load the display data: %s; retrying",
                error,
                exc_info=not isinstance(error, AntreError),
            )
            self.online.emit(False)
        QTimer.singleShot(RETRY_MS, self, self._request)
