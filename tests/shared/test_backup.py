"""`antre backup` while another process keeps issuing tickets: a consistent copy."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from shared.backup import backup
from shared.db import Database
from shared.feed import latest_event_id


def test_backup_during_writes_is_consistent(db: Database, tmp_path: Path) -> None:
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.shared.load_worker", "issue", db.url, "DUKCAPIL", "200"],
        stdout=subprocess.PIPE, text=True, env={**os.environ})
    copies = []
    while writer.poll() is None or not copies:
        target = tmp_path / f"copy{len(copies)}.db"
        backup(db, target)
        copies.append(target)
    writer.communicate(timeout=120)
    assert writer.returncode == 0
    for copy in copies:
        with contextlib.closing(sqlite3.connect(copy)) as conn, conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            seqs = [r[0] for r in conn.execute("SELECT seq FROM tickets ORDER BY seq")]
            assert seqs == list(range(1, len(seqs) + 1))  # a prefix of the day, no holes
            issued = conn.execute("SELECT last_seq FROM daily_numbers").fetchall()
            assert issued in ([], [(len(seqs),)])  # numbering and tickets agree
    assert latest_event_id(db) >= 200


def test_backup_on_postgresql_is_a_pg_dump_archive(pg_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from shared import tickets
    from shared.setup import init_database
    from tests.conftest import DEMO_SITE

    database = Database(pg_server.create_database())
    init_database(database, DEMO_SITE)
    tickets.issue_ticket(database, service="DUKCAPIL")
    target = backup(database, tmp_path / "antre.dump")
    assert target.read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format, for pg_restore
    listing = subprocess.run(["pg_restore", "--list", str(target)], capture_output=True,
                             text=True, check=True).stdout
    assert "TABLE DATA public tickets" in listing
    database.dispose()
