"""Initialised databases for tests, built once per site and copied for each test.

`init_database` (every Alembic migration, then the site file) costs about 0.2 s a database on
SQLite and more on PostgreSQL. The first test that needs a site gets it built for real, with
`init_database`, into a template; every test then gets its own copy of that template:
- SQLite: the bytes of the checkpointed, closed template file, written to the test's own file
  (created 0600, or 0660 in a group-shared folder, as `antre init` creates it; the WAL mode
  is in the copied file header);
- PostgreSQL: `CREATE DATABASE ... TEMPLATE ...` (the template has no open connection).

A copy is then made its own, as a new `antre init` would make it: a fresh database identity
(shared/identity.py), a fresh link secret, and the "site loaded" event at the current
`clock.now()` (so a test's ANTRE_NOW set before the fixture still counts).
Tests of init itself call `init_database` directly.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import update

from shared import clock, identity, weblinks
from shared.db import Database
from shared.files import private_mode
from shared.models import Event, EventKind, Site
from shared.setup import init_database
from shared.site_config import load_site

if TYPE_CHECKING:
    from tests.pgserver import PostgresServer


def _make_own(database: Database) -> None:
    """What differs between two real inits of the same site file (see the module text)."""
    with database.write() as session:
        identity.renew(session)
        site = session.get(Site, 1)
        assert site is not None
        site.link_secret = weblinks.new_secret()
        session.execute(update(Event).where(Event.kind == EventKind.SITE)
                        .values(at=clock.to_utc_naive(clock.now())))
    database.sync()


class Templates:
    """Template databases by backend and site (the loaded site, so two files with the same
    settings share one), in `folder` for SQLite and on `server` for PostgreSQL."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._sqlite: dict[str, bytes] = {}
        self._postgres: dict[tuple[int, str], str] = {}

    def sqlite(self, path: Path, site_file: Path) -> Database:
        """A new SQLite file at `path` (which must not exist) with `site_file` loaded."""
        image = self._sqlite_image(site_file)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, private_mode(path.parent))
        with os.fdopen(fd, "wb") as handle:
            handle.write(image)
        database = Database(f"sqlite:///{path}")
        _make_own(database)
        return database

    def postgres(self, server: PostgresServer, site_file: Path) -> Database:
        """A new database on `server` with `site_file` loaded."""
        import psycopg

        template = self._postgres_template(server, site_file)
        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(f"host=127.0.0.1 port={server.port} user={server.user} "
                             "dbname=postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        database = Database(server.url(name))
        _make_own(database)
        return database

    def _sqlite_image(self, site_file: Path) -> bytes:
        key = repr(load_site(site_file))
        if key not in self._sqlite:
            path = self._folder / f"template-{len(self._sqlite)}.db"
            database = Database(f"sqlite:///{path}")
            init_database(database, site_file)
            database.dispose()
            # Everything into the main file: the last connection to close removes the -wal.
            with sqlite3.connect(path) as conn:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.close()
            assert not path.with_name(path.name + "-wal").exists()
            self._sqlite[key] = path.read_bytes()
        return self._sqlite[key]

    def _postgres_template(self, server: PostgresServer, site_file: Path) -> str:
        key = (id(server), repr(load_site(site_file)))
        if key not in self._postgres:
            url = server.create_database()
            database = Database(url)
            init_database(database, site_file)
            database.dispose()  # a template must have no open connection while it is copied
            self._postgres[key] = url.rsplit("/", 1)[1]
        return self._postgres[key]
