"""The test databases copied from a per-site template (tests/dbcopy.py) are what a real
`antre init` of the same site file gives: same content, but each its own identity, link
secret and "site loaded" time; a private WAL file on SQLite."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from sqlalchemy import select, text

from shared import identity
from shared.db import Database
from shared.models import CounterService, Event, EventKind, Service, Site
from shared.setup import init_database
from tests.conftest import DEMO_SITE, JOMBANG_SITE
from tests.dbcopy import Templates


def _content(database: Database) -> tuple[object, ...]:
    with database.read() as session:
        site = session.get(Site, 1)
        assert site is not None
        services = [(s.id, s.code, s.prefix, s.schedule, s.booking, s.daily_quota)
                     for s in session.scalars(select(Service).order_by(Service.id))]
        links = sorted((c.counter_id, c.service_id, c.position)
                       for c in session.scalars(select(CounterService)))
        events = [(e.id, e.kind, e.detail) for e in session.scalars(select(Event))]
        revision = session.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
        return (site.name, site.timezone, site.booking, services, links, events, revision)


def _own(database: Database) -> tuple[str, str, object]:
    with database.read() as session:
        site = session.get(Site, 1)
        assert site is not None
        at = session.scalar(select(Event.at).where(Event.kind == EventKind.SITE))
        return identity.read_token(session), site.link_secret, at


@pytest.mark.parametrize("site_file", [DEMO_SITE, JOMBANG_SITE], ids=["demo", "jombang"])
def test_copies_match_a_real_init_and_each_is_its_own(
        site_file: Path, tmp_path: Path, db_templates: Templates,
        monkeypatch: pytest.MonkeyPatch) -> None:
    real = Database(f"sqlite:///{tmp_path / 'real.db'}")
    init_database(real, site_file)
    monkeypatch.setenv("ANTRE_NOW", "2031-05-06T07:08:09+07:00")
    first = db_templates.sqlite(tmp_path / "first.db", site_file)
    second = db_templates.sqlite(tmp_path / "second.db", site_file)
    try:
        assert _content(first) == _content(second) == _content(real)
        tokens, secrets, times = zip(_own(real), _own(first), _own(second), strict=True)
        assert len(set(tokens)) == 3 and all(len(token) == 32 for token in tokens)
        assert len(set(secrets)) == 3 and all(len(secret) == 64 for secret in secrets)
        assert str(times[1]) == str(times[2]) == "2031-05-06 00:08:09"
        for copy in (first, second):
            assert copy.path is not None
            assert stat.S_IMODE(copy.path.stat().st_mode) == 0o600
            with copy.read() as session:
                assert session.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
    finally:
        for database in (real, first, second):
            database.dispose()


def test_postgres_copies_are_each_their_own(pg_server: object, db_templates: Templates) -> None:
    first = db_templates.postgres(pg_server, DEMO_SITE)  # type: ignore[arg-type]
    second = db_templates.postgres(pg_server, DEMO_SITE)  # type: ignore[arg-type]
    try:
        assert first.describe() != second.describe()
        assert _content(first) == _content(second)
        assert _own(first)[:2] != _own(second)[:2]
    finally:
        first.dispose()
        second.dispose()
