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


def _sqlite_backup(source: Path, target: Path) -> Path:
    partial = target.with_name(target.name + ".partial")
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
        try:
            os.close(create_private(partial))
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
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
