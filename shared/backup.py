"""`antre backup`: a consistent copy while the apps keep running.

Backups hold the staff PIN hashes: they are written 0600. pg_dump gets the password in its
environment (PGPASSWORD), never on its command line, where `ps` would show it to every user.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

from shared.db import Database
from shared.errors import AntreError
from shared.files import create_private


def backup(db: Database, target: Path) -> Path:
    """SQLite: the online backup API (pages copied under a read snapshot); PostgreSQL: pg_dump."""
    target = target.expanduser()
    if target.is_dir():
        raise AntreError("error.backup_is_folder", path=str(target))
    if not target.parent.exists():
        raise AntreError("error.backup_no_folder", folder=str(target.parent))
    if db.path is not None:
        return _sqlite_backup(db.path, target)
    return _pg_dump(db, target)


def sqlite_uri(path: Path, mode: str) -> str:
    """An SQLite URI for `path` ("ro", "rw" or "rwc"): any file name, spaces and "?" too."""
    return f"{path.absolute().as_uri()}?mode={mode}"


def sqlite_copy(source: str, target: str, *, busy_seconds: float = 30) -> None:
    """Copies the database at URI `source` into the one at URI `target` with SQLite's online
    backup API, in one step: a consistent snapshot of the source, and the target's write lock
    held throughout, so readers of the target see all of it or none. sqlite3.Error passes
    through for the caller to put into words. (antre backup, and antre restore twice.)"""
    src = sqlite3.connect(source, uri=True, timeout=busy_seconds)
    try:
        dst = sqlite3.connect(target, uri=True, timeout=busy_seconds)
        try:
            src.backup(dst, pages=-1)
        finally:
            dst.close()
    finally:
        src.close()


def _sqlite_backup(source: Path, target: Path) -> Path:
    partial = target.with_name(target.name + ".partial")
    try:
        os.close(create_private(partial))
        sqlite_copy(sqlite_uri(source, "ro"), sqlite_uri(partial, "rw"))
        partial.replace(target)
    except (sqlite3.Error, OSError) as exc:
        partial.unlink(missing_ok=True)
        raise AntreError("error.backup_write", path=str(target), detail=str(exc)) from None
    return target


def _pg_dump(db: Database, target: Path) -> Path:
    tool = shutil.which("pg_dump")
    if tool is None:
        raise AntreError("error.pg_dump_missing")
    url = make_url(db.url).set(drivername="postgresql")
    env = {**os.environ}
    if url.password is not None:
        env["PGPASSWORD"] = str(url.password)
    # The URL on the command line carries no password (URL.set() cannot remove one).
    visible = url._replace(password=None).render_as_string(hide_password=False)
    try:
        with os.fdopen(create_private(target), "wb") as out:
            subprocess.run(
                [tool, "--format=custom", "--no-password", f"--dbname={visible}"],
                stdout=out,
                stderr=subprocess.PIPE,
                env=env,
                check=True,
                timeout=600,
            )
    except OSError as exc:
        raise AntreError("error.backup_write", path=str(target), detail=exc.strerror) from None
    except subprocess.CalledProcessError as exc:
        target.unlink(missing_ok=True)
        raise AntreError(
            "error.pg_dump_failed", detail=exc.stderr.decode(errors="replace").strip()
        ) from None
    return target
