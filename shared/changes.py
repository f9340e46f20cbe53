"""How a screen learns cheaply that another process committed something.

SQLite: `PRAGMA data_version` on one private read-only connection costs microseconds and
changes whenever another connection commits; only then is the newest event id read.
PostgreSQL: the newest event id through the pool (an index-only lookup).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from shared import feed
from shared.db import Database
from shared.errors import DatabaseError


class ChangeProbe:
    """`newest_event_id()` raises DatabaseError while the database cannot be read."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._conn: sqlite3.Connection | None = None
        self._inode = 0
        self._version: int | None = None
        self._newest = 0

    def newest_event_id(self) -> int:
        if self._db.path is None:
            return feed.latest_event_id(self._db)
        return self._sqlite(self._db.path)

    def _sqlite(self, path: Path) -> int:
        try:
            inode = path.stat().st_ino
        except OSError:
            self.close()
            self._db.dispose()  # pooled connections would keep reading a moved file
            raise DatabaseError("error.db_file_missing", path=str(path)) from None
        try:
            if self._conn is None or inode != self._inode:
                self.close()
                self._conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True,
                                             isolation_level=None, check_same_thread=False)
                self._inode = inode
            version = self._conn.execute("PRAGMA data_version").fetchone()[0]
            if version != self._version:
                row = self._conn.execute("SELECT max(id) FROM events").fetchone()
                self._version, self._newest = version, int(row[0] or 0)
        except sqlite3.Error as error:
            self.close()
            raise DatabaseError(
                "error.db_file_unreadable", path=str(path), detail=str(error)
            ) from None
        return self._newest

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
            self._version = None
