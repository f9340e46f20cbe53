"""Creating or upgrading a database and loading a site into it (`antre init`)."""

from __future__ import annotations

import os
from pathlib import Path

from shared import migrate
from shared.db import Database
from shared.errors import DatabaseError
from shared.files import make_private_dir, private_mode
from shared.site_config import load_site
from shared.site_sync import SyncSummary, apply_site


def _create_private_file(path: Path) -> None:
    """The database's folder (0700 when created) and file (0600): SQLite gives the WAL and
    SHM files the database file's mode, so they are private too."""
    folder = path.parent
    if not folder.exists():
        try:
            make_private_dir(folder)
        except OSError as exc:
            raise DatabaseError(
                "error.make_folder", folder=str(folder), detail=exc.strerror
            ) from None
    try:
        if not path.exists():
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, private_mode(folder)))
    except OSError as exc:
        raise DatabaseError("error.make_folder", folder=str(folder), detail=exc.strerror) from None


def init_database(db: Database, site_file: Path) -> SyncSummary:
    """Validates the site file first, so a bad file writes nothing; then migrates and loads."""
    config = load_site(site_file)
    if db.path is not None:
        _create_private_file(db.path)
    migrate.upgrade(db)
    with db.write() as session:
        return apply_site(session, config)
