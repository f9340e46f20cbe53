"""`antre restore` puts a backup back while issuers, callers and a watcher keep running."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter as Tally
from pathlib import Path

import pytest
from sqlalchemy import func, select

from shared import calling, identity, tickets
from shared.backup import backup
from shared.db import Database
from shared.errors import AntreError
from shared.models import Event, Ticket
from shared.restore import restore
from tests.rawsql import raw_sqlite
from tests.shared.load_worker import last_json
from tests.shared.test_concurrency import start


def antre(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "shared.cli.main", "--db", url, *args],
        capture_output=True, text=True, timeout=120, check=False,
    )


def ticket_count(path: Path) -> int:
    with raw_sqlite(f"file:{path}?mode=ro", uri=True) as conn:
        return int(conn.execute("select count(*) from tickets").fetchone()[0])


def test_restore_while_processes_issue_call_and_watch(db: Database, tmp_path: Path) -> None:
    assert db.path is not None
    for _ in range(30):
        tickets.issue_ticket(db, service="DUKCAPIL")
    for counter in (3, 3, 3):
        calling.call_next(db, counter=counter)
    saved = backup(db, tmp_path / "saved.db")
    with db.read() as session:
        old_identity = identity.read_token(session)
    issuers = [start("issue", db.url, code, 80, "--progress", "14")
               for code in ("DPMPTSP", "DUKCAPIL", "KPP")]
    workers = [*issuers, *(start("call", db.url, counter, 50) for counter in (1, 3))]
    watcher = start("watch", db.url, "-", 0)
    for issuer in issuers:  # each has issued 14 tickets: the restore lands mid-work
        assert issuer.stdout is not None and issuer.stdout.readline() == "progress\n"
    assert ticket_count(db.path) >= 30 + 3 * 14
    done = antre(db.url, "restore", str(saved))
    assert done.returncode == 0, done.stderr
    assert "Restored" in done.stdout
    results = []
    for process in workers:
        out, err = process.communicate(timeout=240)
        assert process.returncode == 0, err
        results.append(last_json(out))
    out, err = watcher.communicate("stop\n", timeout=60)
    watched = last_json(out)
    assert all(not r["errors"] for r in results), [r["errors"] for r in results]
    assert watched["identities"] >= 2, watched  # the watcher saw the database replaced
    assert not watched["errors"], watched
    with raw_sqlite(db.path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with db.read() as session:
        assert identity.read_token(session) not in ("", old_identity)
        per_ticket = Tally(session.scalars(select(Event.ticket_id).where(Event.kind == "call")))
        assert max(per_ticket.values()) == 1  # no ticket called twice
        numbers = [(day, number) for day, number in session.execute(
            select(Ticket.day, Ticket.number))]
        assert len(numbers) == len(set(numbers))
        # The backup's tickets (today's B001..B030) are back.
        assert {f"B{i:03d}" for i in range(1, 31)} <= {n for _, n in numbers}
        total = session.scalar(select(func.count()).select_from(Ticket))
    assert total == len(numbers)


def test_restore_puts_the_saved_state_back_and_renews_the_identity(
    db: Database, tmp_path: Path
) -> None:
    tickets.issue_ticket(db, service="DUKCAPIL")
    saved = backup(db, tmp_path / "saved.db")
    tickets.issue_ticket(db, service="DUKCAPIL")
    with db.read() as session:
        before = identity.read_token(session)
    restore(db, saved)
    with db.read() as session:
        assert identity.read_token(session) != before
    assert tickets.issue_ticket(db, service="DUKCAPIL").ticket.number == "B002"
    assert not Path(f"{saved}-wal").exists() and not Path(f"{saved}-shm").exists()
    assert [p.name for p in tmp_path.iterdir() if ".restore-" in p.name] == []


def test_restore_creates_a_missing_database_without_an_old_wal(
    db: Database, tmp_path: Path
) -> None:
    assert db.path is not None
    tickets.issue_ticket(db, service="DUKCAPIL")
    saved = backup(db, tmp_path / "saved.db")
    tickets.issue_ticket(db, service="DUKCAPIL")
    # A crashed writer's WAL is left beside the deleted file: it must not override the backup.
    with raw_sqlite(db.path) as conn:
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        conn.execute("insert into events (at, kind, detail) values ('2026-01-01', 'site', 'x')")
        wal = Path(f"{db.path}-wal").read_bytes()
    db.dispose()
    db.path.unlink()
    Path(f"{db.path}-wal").write_bytes(wal)
    done = antre(db.url, "restore", str(saved))
    assert done.returncode == 0, done.stderr
    with raw_sqlite(db.path) as conn:
        assert [n for n in ("B001",)] == sorted(
            r[0] for r in conn.execute("select number from tickets"))


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"not a database at all" * 100, "not an Antre backup"), (None, "no backup file")],
)
def test_a_bad_backup_is_refused_in_one_line(
    db: Database, tmp_path: Path, content: bytes | None, message: str
) -> None:
    source = tmp_path / "bad.db"
    if content is not None:
        source.write_bytes(content)
    tickets.issue_ticket(db, service="DUKCAPIL")
    done = antre(db.url, "restore", str(source))
    assert done.returncode == 2
    assert message in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert tickets.issue_ticket(db, service="DUKCAPIL").ticket.number == "B002"  # untouched


def test_a_backup_of_another_program_is_refused(db: Database, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with raw_sqlite(other) as conn:
        conn.execute("create table notes (x)")
    with pytest.raises(AntreError, match="not an Antre backup"):
        restore(db, other)


def test_restore_on_postgresql(pg_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from shared.setup import init_database
    from tests.conftest import DEMO_SITE

    database = Database(pg_server.create_database())
    init_database(database, DEMO_SITE)
    tickets.issue_ticket(database, service="DUKCAPIL")
    calling.call_next(database, counter=3)
    archive = backup(database, tmp_path / "antre.dump")
    for _ in range(3):
        tickets.issue_ticket(database, service="DUKCAPIL")
    with database.read() as session:
        before = identity.read_token(session)
    done = antre(database.url, "restore", str(archive))
    assert done.returncode == 0, done.stderr
    with database.read() as session:
        assert list(session.scalars(select(Ticket.number))) == ["B001"]
        assert identity.read_token(session) not in ("", before)
    assert tickets.issue_ticket(database, service="DUKCAPIL").ticket.number == "B002"
    bad = tmp_path / "bad.dump"
    bad.write_bytes(b"nonsense")
    refused = antre(database.url, "restore", str(bad))
    assert refused.returncode == 2 and "not a PostgreSQL backup archive" in refused.stderr
    database.dispose()
