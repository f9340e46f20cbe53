"""How a screen learns cheaply that another process committed something, or that the
database itself was replaced.

SQLite: `PRAGMA data_version` on one private read-only connection costs microseconds and
changes whenever another connection commits; only then are the newest event id and the
database identity read. The file's inode is part of the identity: a file moved into place
(or deleted and created again) is a different database even before its token is read. A file
deleted and created again between two polls may get the old inode number back while the
private connection still reads the deleted file, so once a second the token is also read
through a fresh connection (a few hundred microseconds).
PostgreSQL: the newest event id and the identity token in one round trip through the pool;
between two reads the web service's watcher sleeps in a `ChangeWaiter` on LISTEN antre_events
(every new event row sends a NOTIFY, migration 0008), so a commit wakes it at once.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import text

from shared.db import Database
from shared.errors import DatabaseError

log = logging.getLogger("antre.changes")
CHANNEL = "antre_events"

_NEWEST = "SELECT max(id) FROM events"
_TOKEN = "SELECT token FROM database_identity WHERE id = 1"
VERIFY_SECONDS = 1.0
STOP_CHECK_SECONDS = 0.2  # how soon a LISTEN wait sees `stop`


@dataclass(frozen=True)
class Mark:
    """Where the database stands: which database it is, and its newest event."""

    identity: str
    newest: int


class ChangeProbe:
    """`poll()` raises DatabaseError while the database cannot be read."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._conn: sqlite3.Connection | None = None
        self._inode = 0
        self._version: int | None = None
        self._mark = Mark("", 0)
        self._verified = 0.0

    def poll(self) -> Mark:
        if self._db.path is None:
            return self._server()
        return self._sqlite(self._db.path)

    def newest_event_id(self) -> int:
        return self.poll().newest

    def _server(self) -> Mark:
        with self._db.read() as session:
            newest = session.execute(text(_NEWEST)).scalar()
        try:
            with self._db.read() as session:
                token = session.execute(text(_TOKEN)).scalar() or ""
        except DatabaseError:  # a database from before the identity existed
            token = ""
        return Mark(token, int(newest or 0))

    def _sqlite(self, path: Path) -> Mark:
        try:
            inode = path.stat().st_ino
        except OSError:
            self.close()
            self._db.reset_connections()  # pooled connections would keep reading a moved file
            raise DatabaseError("error.db_file_missing", path=str(path)) from None
        try:
            if self._conn is not None and time.monotonic() - self._verified > VERIFY_SECONDS:
                self._verified = time.monotonic()
                if self._fresh_token(path) != self._mark.identity.partition(":")[2]:
                    self._inode = 0  # another file under the same inode number
            if self._conn is None or inode != self._inode:
                if self._conn is not None:
                    self._db.reset_connections()  # a new file: pooled connections hold the old one
                self.close()
                self._conn = sqlite3.connect(f"{self._uri(path)}?mode=ro", uri=True,
                                             isolation_level=None, check_same_thread=False)
                self._inode = inode
                self._verified = time.monotonic()
            version = self._conn.execute("PRAGMA data_version").fetchone()[0]
            if version != self._version:
                self._conn.execute("BEGIN")  # both reads from one snapshot
                try:
                    newest = self._conn.execute(_NEWEST).fetchone()[0]
                    token = self._token(self._conn)
                finally:
                    self._conn.execute("COMMIT")
                self._version = version
                self._mark = Mark(f"{inode}:{token}", int(newest or 0))
        except sqlite3.Error as error:
            self.close()
            raise DatabaseError(
                "error.db_file_unreadable", path=str(path), detail=str(error)
            ) from None
        return self._mark

    def _fresh_token(self, path: Path) -> str:
        conn = sqlite3.connect(f"{self._uri(path)}?mode=ro", uri=True, isolation_level=None)
        try:
            return self._token(conn)
        finally:
            conn.close()

    @staticmethod
    def _uri(path: Path) -> str:
        return path.absolute().as_uri()

    @staticmethod
    def _token(conn: sqlite3.Connection) -> str:
        try:
            row = conn.execute(_TOKEN).fetchone()
        except sqlite3.OperationalError:  # no such table: a database from before 0004
            return ""
        return str(row[0]) if row else ""

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
            self._version = None


class ChangeWaiter:
    """`wait(seconds)` returns early when another process commits an event (PostgreSQL
    LISTEN/NOTIFY), or when `stop` is set; otherwise after `seconds` (the poll's pace).

    On SQLite, or while the server cannot be reached, it is a plain timed wait.
    """

    def __init__(self, db: Database, stop: threading.Event) -> None:
        self._db = db
        self._stop = stop
        self._conn: Any = None
        self._failed = False

    @property
    def listening(self) -> bool:
        """A LISTEN connection is open: a commit ends the wait, so a caller may poll
        seldom (only to notice a lost server) instead of at the poll's pace."""
        return self._conn is not None

    def wait(self, seconds: float) -> bool:
        """True when a NOTIFY ended the wait (an event was committed)."""
        if self._db.is_sqlite or self._stop.is_set():
            self._stop.wait(seconds)
            return False
        notified = False
        deadline = time.monotonic() + seconds
        try:
            conn = self._listen()
            # In slices, so that `stop` ends the wait soon even with a long poll interval.
            while not notified and not self._stop.is_set():
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                for _ in conn.notifies(timeout=min(left, STOP_CHECK_SECONDS), stop_after=1):
                    notified = True
            # Several commits may have queued up: one wake-up covers them all.
            for _ in conn.notifies(timeout=0):
                pass
            self._failed = False
        except Exception as error:  # psycopg.Error, OSError: fall back to the timed poll
            if not self._failed:
                log.info("no LISTEN/NOTIFY (%s); polling", error)
                self._failed = True
            self.close()
            self._stop.wait(seconds)
            return False
        return notified

    def _listen(self) -> Any:
        if self._conn is None:
            import psycopg

            url = self._db.engine.url.set(drivername="postgresql")
            self._conn = psycopg.connect(url.render_as_string(hide_password=False),
                                         autocommit=True, connect_timeout=5)
            self._conn.execute(f"LISTEN {CHANNEL}")
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(Exception):  # already broken
                self._conn.close()
            self._conn = None
