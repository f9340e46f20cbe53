"""`antre restore BACKUP`: puts a backup back, safe while the apps keep running.

SQLite: the backup is checked (integrity, an Antre schema this version knows), copied to a
staging file beside the database, upgraded to the current schema and given a new identity
token; then the SQLite online backup API copies the staging file INTO the live file in one
write transaction. The live file keeps its inode, its WAL and its locks, so the apps' open
connections stay valid: readers finish on their snapshot, writers queue on the write lock and
then see the restored data, and the change watchers see the new identity and reload
everything. (Copying a file over the live one by hand mixes it with the old WAL: corruption.)

PostgreSQL: `pg_restore --clean --single-transaction` of a `antre backup` archive (pg_dump
custom format) of the same schema version, then a new identity token; the apps' change
watchers notice and reload.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from shared import identity, migrate
from shared.backup import sqlite_copy, sqlite_uri
from shared.db import Database
from shared.errors import AntreError


@dataclass(frozen=True)
class Restored:
    source: Path
    revision: str
    seconds: float


def restore(db: Database, source: Path) -> Restored:
    source = source.expanduser()
    if not source.is_file():
        raise AntreError("error.restore_no_file", path=str(source))
    started = time.monotonic()
    revision = _sqlite_restore(db, source) if db.path is not None else _pg_restore(db, source)
    return Restored(source, revision, time.monotonic() - started)


# -- SQLite ----------------------------------------------------------------------------------


def _backup_uri(path: Path) -> str:
    """Read-only; a backup nobody writes is opened immutable, so no -wal/-shm appear beside it."""
    if Path(f"{path}-wal").exists():
        return sqlite_uri(path, "ro")
    return f"{sqlite_uri(path, 'ro')}&immutable=1"


def _check_backup(source: Path) -> str:
    """The backup's schema revision; AntreError if it is damaged or not an Antre database."""
    try:
        conn = sqlite3.connect(_backup_uri(source), uri=True)
        try:
            check = conn.execute("PRAGMA integrity_check").fetchone()[0]
            if check != "ok":
                raise AntreError("error.restore_damaged", path=str(source), detail=check)
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise AntreError("error.restore_not_antre", path=str(source), detail=str(error)) from None
    return _known_revision(str(row[0]) if row else "", source)


def _known_revision(revision: str, source: Path) -> str:
    known = migrate.known_revisions()
    if revision not in known:
        raise AntreError("error.restore_unknown_revision", path=str(source),
                         revision=revision or "-", known=", ".join(known))
    return revision


def _sqlite_restore(db: Database, source: Path) -> str:
    assert db.path is not None
    live = db.path
    if source.resolve() == live.resolve():
        raise AntreError("error.restore_is_live", path=str(source))
    if not live.parent.is_dir():
        raise AntreError("error.backup_no_folder", folder=str(live.parent))
    revision = _check_backup(source)
    with _staging(live) as staging:
        _copy(source, staging)
        staged = Database(f"sqlite:///{staging}")
        try:
            migrate.upgrade(staged)  # a backup from an older version gets today's schema
            with staged.write() as session:
                identity.renew(session)
        finally:
            staged.dispose()
        if live.exists():
            with db.write_turn():  # the apps' writers wait in the queue, not on busy sleeps
                _copy_into_live(staging, live)
            _check_live(live)
        else:
            _put_in_place(staging, live)
    return revision


@contextlib.contextmanager
def _staging(live: Path) -> Iterator[Path]:
    """A private file beside the database (same disk; removed afterwards)."""
    fd, name = tempfile.mkstemp(prefix=f".{live.name}.restore-", dir=live.parent)
    os.close(fd)
    path = Path(name)
    try:
        yield path
    finally:
        for suffix in ("", "-wal", "-shm", "-journal", "-lock"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


def _copy(source: Path, target: Path) -> None:
    try:
        sqlite_copy(_backup_uri(source), sqlite_uri(target, "rw"))
    except sqlite3.Error as error:
        raise AntreError("error.restore_copy", path=str(source), detail=str(error)) from None


def _copy_into_live(staging: Path, live: Path) -> None:
    """One write transaction on the live file: all of the backup or, on failure, nothing."""
    try:
        sqlite_copy(sqlite_uri(staging, "ro"), sqlite_uri(live, "rw"), busy_seconds=60)
    except sqlite3.Error as error:
        raise AntreError("error.restore_into", path=str(live), detail=str(error)) from None


def _check_live(live: Path) -> None:
    """After the writers' turn is given back: the restored file reads back whole."""
    conn = sqlite3.connect(sqlite_uri(live, "ro"), uri=True)
    try:
        check = conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()
    if check != "ok":  # never seen; said plainly if it ever happens
        raise AntreError("error.restore_check", path=str(live), detail=check)


def _put_in_place(staging: Path, live: Path) -> None:
    """No live file: a leftover WAL of a deleted database must not be applied to this one."""
    conn = sqlite3.connect(staging)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")  # everything in the main file
    finally:
        conn.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{live}{suffix}").unlink(missing_ok=True)
    staging.replace(live)


# -- PostgreSQL ------------------------------------------------------------------------------


def _pg_tool(name: str) -> str:
    tool = shutil.which(name)
    if tool is None:
        raise AntreError("error.restore_tool_missing", tool=name)
    return tool


def _pg_env_and_target(db: Database) -> tuple[dict[str, str], str]:
    """The connection without its password (argv is visible in `ps`), the password in env."""
    url = make_url(db.url).set(drivername="postgresql")
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return env, url.set(password=None).render_as_string(hide_password=False)


def _archive_revision(tool: str, source: Path) -> str:
    done = subprocess.run(
        [tool, "--data-only", "--table=alembic_version", "--file=-", str(source)],
        capture_output=True, timeout=600, check=False,
    )
    if done.returncode != 0:
        message = done.stderr.decode(errors="replace").strip().splitlines()
        raise AntreError("error.restore_not_archive", path=str(source),
                         detail=message[-1] if message else "?")
    match = re.search(r"^COPY [^\n]*alembic_version[^\n]*\n([0-9A-Za-z_]+)\n",
                      done.stdout.decode(errors="replace"), re.MULTILINE)
    return _known_revision(match.group(1) if match else "", source)


def _pg_restore(db: Database, source: Path) -> str:
    tool = _pg_tool("pg_restore")
    revision = _archive_revision(tool, source)
    current = migrate.current_revision(db)
    if current is not None and current != revision:
        raise AntreError("error.restore_pg_revision", path=str(source), revision=revision,
                         current=current)
    env, target = _pg_env_and_target(db)
    done = subprocess.run(
        [tool, "--clean", "--if-exists", "--no-owner", "--no-privileges",
         "--single-transaction", "--exit-on-error", f"--dbname={target}", str(source)],
        capture_output=True, env=env, timeout=3600, check=False,
    )
    if done.returncode != 0:
        message = done.stderr.decode(errors="replace").strip()
        raise AntreError("error.restore_pg_failed", detail=message)
    migrate.upgrade(db)
    with db.write() as session:
        identity.renew(session)
    return revision
