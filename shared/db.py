"""One engine factory for SQLite (the embedded default) and PostgreSQL (a LAN of PCs).

SQLite: WAL, a long busy_timeout, and write transactions that start with BEGIN IMMEDIATE so
two writers queue up instead of failing with "database is locked" half-way. Reads use a plain
deferred BEGIN. A committed write is on disk when `write()` returns (a printed ticket survives
a power cut): synchronous=NORMAL commits without fsync under the write lock, and the -wal file
is fsynced after the lock is given back (shared/walsync.py). Were WAL refused, FULL is kept.
The file is opened read-write, never created: only `antre init` / `antre restore` / the demo
create a database (`create_file`), so an app never starts an empty one by itself after the
file was deleted or moved.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, exc
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from shared.errors import DatabaseError
from shared.files import private_mode, tighten
from shared.walsync import WalSync
from shared.writegate import WriteGate

log = logging.getLogger("antre.db")
T = TypeVar("T")
BUSY_TIMEOUT_MS = 30_000
_RETRY_SQLSTATES = {"40001", "40P01"}  # serialization failure, deadlock (PostgreSQL)


class Database:
    """Engines and sessions for one database URL; safe to share within a process."""

    def __init__(self, url: str) -> None:
        url = database_url(url)
        self.url = url
        try:
            parsed = make_url(url)
        except exc.ArgumentError:
            raise DatabaseError("error.db_url", url=url) from None
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        self.path: Path | None = None
        self.gate: WriteGate | None = None
        self._wal_sync: WalSync | None = None
        if self.is_sqlite:
            if not parsed.database or parsed.database == ":memory:":
                raise DatabaseError("error.sqlite_path")
            self.path = Path(parsed.database)
            self.gate = WriteGate(self.path)
            self._wal_sync = WalSync(self.path)
            self.engine = _sqlite_engine(url, self.path)
        elif parsed.get_backend_name() == "postgresql":
            if parsed.drivername == "postgresql":
                parsed = parsed.set(drivername="postgresql+psycopg")
            self.engine = create_engine(
                parsed, pool_pre_ping=True, connect_args={"connect_timeout": 5}
            )
        else:
            raise DatabaseError("error.db_backend", backend=parsed.get_backend_name())
        # A Database dropped without dispose() (or used by a late task after it) still closes
        # its connections when it goes, never leaving them to the garbage collector.
        weakref.finalize(self, self.engine.dispose)
        self._pool_generation = _close_stale_connections(self.engine)
        self.read_engine = self.engine.execution_options(antre_read=True)
        self._writer = sessionmaker(self.engine, expire_on_commit=False)
        # A read block sees one moment of the database on both backends: SQLite's deferred
        # BEGIN does so by itself; PostgreSQL's default (READ COMMITTED) lets each statement
        # see the writes committed since the one before it.
        reader = self.read_engine if self.is_sqlite else self.read_engine.execution_options(
            isolation_level="REPEATABLE READ")
        self._reader = sessionmaker(reader, expire_on_commit=False)
        self._rows_reader = reader

    def create_file(self) -> None:
        """Creates an empty SQLite file if there is none (for `antre init` and restore)."""
        if self.path is not None and not self.path.exists():
            try:
                # 0600 (0660 in a group-shared folder): SQLite gives WAL/SHM the same mode.
                os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT,
                                 private_mode(self.path.parent)))
                sqlite3.connect(self.path).close()
            except (sqlite3.Error, OSError) as error:
                raise DatabaseError(
                    "error.db_file_unreadable", path=str(self.path), detail=str(error)
                ) from None

    def describe(self) -> str:
        """The URL without its password, for messages and logs."""
        return make_url(self.url).render_as_string(hide_password=True)

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """A write transaction: committed when the block ends, rolled back on error.

        On SQLite the writers of the file take turns through the write gate first, and the
        commit is fsynced after the gate is given back, before this returns (not on error).
        """
        with self.translate_errors():
            # The connection is taken from the pool before the turn and given back after
            # it: the turn holds the file for the transaction alone.
            with (self.engine.connect() as connection,
                  self._writer(bind=connection) as session, self.write_turn(), session.begin()):
                yield session
            self.sync()

    def sync(self) -> None:
        """Makes what this process committed durable (SQLite: fsyncs the -wal file). For
        writes made outside `write()` (migrations); nothing to do on PostgreSQL."""
        if self._wal_sync is not None:
            self._wal_sync()

    @contextlib.contextmanager
    def write_turn(self) -> Iterator[None]:
        """This process's turn to write the SQLite file (nothing to wait for on PostgreSQL)."""
        if self.gate is None:
            yield
        else:
            with self.gate.hold():
                yield

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """A read transaction: every statement in it sees the same moment of the database."""
        with self.translate_errors(), self._reader.begin() as session:
            yield session

    @contextlib.contextmanager
    def read_rows(self) -> Iterator[Connection]:
        """A read transaction on a plain connection, for Core statements: the same moment as
        `read()` without the ORM session's bookkeeping (a kiosk tap's reads, outside the lock)."""
        with self.translate_errors(), self._rows_reader.begin() as connection:
            yield connection

    def run_write(self, work: Callable[[Session], T], *, attempts: int = 5) -> T:
        """Runs `work` in a write transaction, retrying PostgreSQL serialization failures."""
        for attempt in range(attempts):
            try:
                with self.write() as session:
                    return work(session)
            except _Retry:
                log.info("write transaction conflicted; retrying (%d)", attempt + 1)
        raise DatabaseError("error.db_busy")

    @contextlib.contextmanager
    def translate_errors(self) -> Iterator[None]:
        """Turns driver errors into DatabaseError with a plain message."""
        try:
            yield
        except exc.DBAPIError as error:
            if _sqlstate(error) in _RETRY_SQLSTATES:
                raise _Retry() from error
            raise self._explain(error) from error

    def _explain(self, error: exc.DBAPIError) -> DatabaseError:
        text = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        where = str(self.path) if self.path else self.describe()
        if "unable to open database file" in text and self.path and not self.path.exists():
            return DatabaseError("error.db_file_missing", path=where)
        if "unable to open database file" in text:
            return DatabaseError("error.db_cannot_open", where=where)
        if "file is not a database" in text or "malformed" in text:
            return DatabaseError("error.db_damaged", where=where)
        if "no such table" in text or ("does not exist" in text and "relation" in text):
            return DatabaseError("error.db_not_set_up", where=where)
        if "no such column" in text or ("does not exist" in text and "column" in text):
            return DatabaseError("error.db_older", where=where)  # a migration is due
        if "readonly" in text or "read-only" in text:
            return DatabaseError("error.db_read_only", where=where)
        if "disk" in text and "full" in text:
            return DatabaseError("error.db_disk_full", where=where)
        if "locked" in text:
            return DatabaseError("error.db_busy_at", where=where)
        if isinstance(error, exc.OperationalError) and not self.is_sqlite:
            return DatabaseError("error.db_unreachable", where=where, detail=text)
        return DatabaseError("error.db_other", where=where, detail=text)

    def reset_connections(self) -> None:
        """Drops the pooled connections (a moved or replaced file): the next use opens the path
        afresh. A connection a thread still holds is closed when it comes back."""
        self._pool_generation[0] += 1
        self.engine.dispose()

    def dispose(self) -> None:
        self.reset_connections()
        if self.gate is not None:
            self.gate.close()


def database_url(text: str) -> str:
    """A database URL from what a person typed: a URL as it is, a plain file path as SQLite.

    `antre.db` or `D:/Petugas MPP/Antre/antré.db` both work; a relative path is taken
    from the current folder and made absolute, so messages and child processes agree on it.
    """
    if not text.strip():
        raise DatabaseError("error.db_empty")
    if "://" in text:
        return text
    from shared.paths import sqlite_url

    return sqlite_url(Path(text).expanduser().absolute())


class _Retry(Exception):
    pass


def _sqlstate(error: exc.DBAPIError) -> str | None:
    return getattr(error.orig, "sqlstate", None)


def _close_stale_connections(engine: Engine) -> list[int]:
    """Connections checked out before a reset are closed when they are checked in, instead of
    going back to the discarded pool, where only the garbage collector would find them."""
    generation = [0]

    @event.listens_for(engine, "checkout")
    def _on_checkout(_dbapi: Any, record: Any, _proxy: Any) -> None:
        record.info["antre_generation"] = generation[0]

    @event.listens_for(engine, "checkin")
    def _on_checkin(dbapi: Any, record: Any) -> None:
        if dbapi is not None and record.info.get("antre_generation") != generation[0]:
            record.invalidate()

    return generation


def _sqlite_engine(url: str, path: Path) -> Engine:
    def connect() -> sqlite3.Connection:
        # mode=rw: a missing file is an error, never a new empty database.
        return sqlite3.connect(
            f"{path.absolute().as_uri()}?mode=rw",
            uri=True,
            timeout=BUSY_TIMEOUT_MS / 1000,
            check_same_thread=False,
        )

    engine = create_engine(url, creator=connect)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event below decide how transactions start.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            mode = cursor.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            # NORMAL only in WAL mode, where Database.sync() fsyncs each commit after the
            # write lock; a rollback journal would need FULL to be safe from a power cut.
            synchronous = "NORMAL" if str(mode).lower() == "wal" else "FULL"
            cursor.execute(f"PRAGMA synchronous = {synchronous}")
            cursor.execute("PRAGMA foreign_keys = ON")
        finally:
            cursor.close()
        for suffix in ("", "-wal", "-shm"):  # made 0644 by older versions: PIN hashes inside
            tighten(path.with_name(path.name + suffix))

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        read_only = conn.get_execution_options().get("antre_read", False)
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine
