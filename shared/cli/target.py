"""Which system `antre` administers: the database (and where that choice came from), the
station file, the data, log and asset folders. The apps choose their database the same way:
--db, else the station file's `[station] db`, else $ANTRE_DB, else antre.db in the data folder.

Only the standard library is imported here; SQLAlchemy comes in when a database is opened.
"""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from shared.errors import DatabaseError

if TYPE_CHECKING:
    from shared.db import Database

_opened: list[Database] = []


@dataclass(frozen=True)
class DatabaseChoice:
    url: str
    source: str  # where the choice came from, for `antre where` and messages


def station_file(args: argparse.Namespace) -> tuple[Path, bool]:
    """The station file in use and whether it was named with --station."""
    from shared.station import default_station_file

    given = getattr(args, "station", None)
    return (Path(given), True) if given else (default_station_file(), False)


def choose_database(args: argparse.Namespace) -> DatabaseChoice:
    """--db, then the station file (--station or the default one), $ANTRE_DB, the default file."""
    from shared.db import database_url
    from shared.station import load_station

    given = getattr(args, "db", None)
    if given is not None:
        if not given.strip():
            raise DatabaseError("error.db_flag_empty")
        return DatabaseChoice(database_url(given), "--db")
    path, explicit = station_file(args)
    settings = load_station(path if explicit else None)
    if settings.db is not None:  # an empty one was refused when the file was read
        return DatabaseChoice(database_url(settings.db), f"station file {path}")
    if os.environ.get("ANTRE_DB"):
        return DatabaseChoice(database_url(os.environ["ANTRE_DB"]), "$ANTRE_DB")
    from shared.paths import default_db_url

    return DatabaseChoice(default_db_url(), "default")


def open_db(args: argparse.Namespace, *, must_exist: bool = True) -> Database:
    """The chosen database; refuses one that is missing or not set up (run `antre init`).

    Every database opened here is disposed by `close_databases()` when the command ends.
    """
    from shared.db import Database

    choice = choose_database(args)
    db = Database(choice.url)
    _opened.append(db)
    from shared.words import Said

    named = "" if choice.source in ("--db", "default") else Said("error.named_by",
                                                                 {"source": choice.source})
    if must_exist and db.path is not None and not db.path.exists():
        raise DatabaseError("error.db_missing", path=str(db.path), named=named)
    if must_exist and not is_set_up(db):
        raise DatabaseError("error.db_setup_missing", where=db.describe(), named=named)
    return db


def is_set_up(db: Database) -> bool:
    """True once `antre init` has created the schema (Alembic's version row exists)."""
    from sqlalchemy import inspect, text

    with db.translate_errors(), db.read_engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return False
        return connection.execute(text("SELECT version_num FROM alembic_version")).first() is not None


def close_databases() -> None:
    """Disposes every engine the command opened (no unclosed connection left to the GC)."""
    while _opened:
        _opened.pop().dispose()
