"""Alembic: upgrade from empty; downgrade and upgrade again with data in it; the models
and the migrations agree."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from shared import calling, migrate, presence, staff, tickets
from shared.db import Database
from shared.models import Base
from shared.setup import init_database
from tests.conftest import DEMO_SITE
from tests.rawsql import raw_sqlite


def test_upgrade_from_empty_matches_the_models(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'm.db'}")
    assert migrate.current_revision(db) is None
    migrate.upgrade(db)
    assert migrate.current_revision(db) == migrate.head_revision()
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
    db.dispose()


def test_downgrade_one_step_keeps_the_data(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    db = Database(f"sqlite:///{path}")
    init_database(db, DEMO_SITE)
    tickets.issue_ticket(db, service="DUKCAPIL")
    migrate.downgrade(db, "0001")
    assert migrate.current_revision(db) == "0001"
    with contextlib.closing(sqlite3.connect(path)) as conn, conn:
        indexes = {r[0] for r in conn.execute("select name from sqlite_master where type='index'")}
        assert "ix_tickets_done_recent" not in indexes
        assert conn.execute("select number from tickets").fetchall() == [("B001",)]
    migrate.upgrade(db)
    assert migrate.current_revision(db) == migrate.head_revision()
    assert tickets.issue_ticket(db, service="DUKCAPIL").ticket.number == "B002"
    db.dispose()


def test_presence_migration_goes_down_and_up_with_the_data(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    db = Database(f"sqlite:///{path}")
    init_database(db, DEMO_SITE)
    calling.pause(db, counter=2)
    migrate.downgrade(db, "0005")
    with raw_sqlite(path) as conn:
        tables = {r[0] for r in conn.execute("select name from sqlite_master where type='table'")}
        columns = {r[1] for r in conn.execute("pragma table_info(counters)")}
        assert conn.execute("select number, paused from counters where number = 2").fetchall() \
            == [(2, 1)]
    assert "counter_presence" not in tables and "paused_at" not in columns
    migrate.upgrade(db)
    who = staff.add_staff(db, name="Rina", pin="1234")
    assert presence.sign_in(db, counter=2, staff_id=who.id, console="x").counter == 2  # type: ignore[union-attr]
    db.dispose()


def test_downgrade_to_empty_and_upgrade_again(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    db = Database(f"sqlite:///{path}")
    init_database(db, DEMO_SITE)
    tickets.issue_ticket(db, service="DUKCAPIL")
    migrate.downgrade(db, "base")
    with contextlib.closing(sqlite3.connect(path)) as conn, conn:
        names = {r[0] for r in conn.execute("select name from sqlite_master where type='table'")}
    assert names <= {"alembic_version"}
    init_database(db, DEMO_SITE)
    assert tickets.issue_ticket(db, service="DUKCAPIL").ticket.number == "B001"
    # Upgrading an up-to-date database again is a no-op that keeps the data.
    migrate.upgrade(db)
    assert tickets.issue_ticket(db, service="DUKCAPIL").ticket.number == "B002"
    db.dispose()


def test_migrations_on_postgresql(pg_server) -> None:  # type: ignore[no-untyped-def]
    db = Database(pg_server.create_database())
    init_database(db, DEMO_SITE)
    tickets.issue_ticket(db, service="DUKCAPIL")
    with db.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    migrate.downgrade(db, "base")
    init_database(db, DEMO_SITE)
    assert tickets.issue_ticket(db, service="DUKCAPIL").ticket.number == "B001"
    db.dispose()


def test_transfer_text_moves_into_columns(tmp_path: Path) -> None:
    """Before 0005 a transfer was "SRC->DST" text in events.detail; the migration moves it
    into source/target columns (an unknown code stays as text), and back on downgrade."""
    path = tmp_path / "m.db"
    db = Database(f"sqlite:///{path}")
    init_database(db, DEMO_SITE)
    tickets.issue_ticket(db, service="DUKCAPIL")
    migrate.downgrade(db, "0004")
    with raw_sqlite(path) as conn:
        conn.executemany(
            "insert into events (at, kind, ticket_id, service_id, detail) "
            "values ('2026-11-27 02:00:00', 'transfer', 1, 3, ?)",
            [("DUKCAPIL->BPJSKES",), ("GONE->BPJSKES",)],
        )
    migrate.upgrade(db)
    with raw_sqlite(path) as conn:
        ids = dict(conn.execute("select code, id from services"))
        rows = conn.execute(
            "select source_service_id, target_service_id, detail from events "
            "where kind = 'transfer' order by id"
        ).fetchall()
    assert rows == [(ids["DUKCAPIL"], ids["BPJSKES"], ""), (None, None, "GONE->BPJSKES")]
    migrate.downgrade(db, "0004")
    with raw_sqlite(path) as conn:
        details = conn.execute("select detail from events where kind = 'transfer'").fetchall()
    assert details == [("DUKCAPIL->BPJSKES",), ("GONE->BPJSKES",)]
    db.dispose()
