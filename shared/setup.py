"""Creating or upgrading a database and loading a site into it (`antre init`)."""

from __future__ import annotations

from pathlib import Path

from shared import migrate
from shared.db import Database
from shared.errors import DatabaseError
from shared.site_config import load_site
from shared.site_sync import SyncSummary, apply_site


def init_database(db: Database, site_file: Path) -> SyncSummary:
    """Validates the site file first, so a bad file writes nothing; then migrates and loads."""
    config = load_site(site_file)
    if db.path is not None:
        folder = db.path.parent
        if not folder.exists():
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseError(
                    "error.make_folder", folder=str(folder), detail=exc.strerror
                ) from None
    migrate.upgrade(db)
    with db.write() as session:
        return apply_site(session, config)
