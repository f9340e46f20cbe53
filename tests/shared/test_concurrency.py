"""Several processes on one database at once: unique, gap-free numbers; no ticket called
twice; nothing lost; no "database is locked" reaching a caller."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter as Tally

from sqlalchemy import func, select

from shared.db import Database
from shared.models import Event, Ticket
from tests.shared.load_worker import last_json

ISSUERS = [("DPMPTSP", 120), ("DPMPTSP", 120), ("DUKCAPIL", 120), ("BPJSKES", 120)]
CALLERS = [(1, 100), (2, 100), (3, 100), (4, 100)]


def start(mode: str, url: str, target: object, count: int, *flags: str
          ) -> subprocess.Popen[str]:
    """A tests/shared/load_worker.py process; its stdin is a pipe (--go, watch's stop)."""
    return subprocess.Popen(
        [sys.executable, "-m", "tests.shared.load_worker", mode, url, str(target), str(count),
         *flags],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "ANTRE_NOW": "2026-11-23T09:00:00+07:00"},
    )


def run_all(url: str) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    issuers = [start("issue", url, code, n) for code, n in ISSUERS]
    callers = [start("call", url, counter, n) for counter, n in CALLERS]
    results = []
    for process in issuers + callers:
        out, err = process.communicate(timeout=240)
        assert process.returncode == 0, err
        assert "locked" not in err.lower(), err
        results.append(last_json(out))
    return results[: len(issuers)], results[len(issuers):]


def check_invariants(any_db: Database) -> None:
    issued, called = run_all(any_db.url)
    assert all(not r["errors"] for r in issued + called), [r["errors"] for r in issued + called]
    got = [n for r in issued for n in r["numbers"]]  # type: ignore[attr-defined]
    assert len(got) == sum(n for _, n in ISSUERS) and len(set(got)) == len(got)
    for prefix, expected in (("A", 240), ("B", 120), ("C", 120)):
        seqs = sorted(int(n[1:]) for n in got if n.startswith(prefix))
        assert seqs == list(range(1, expected + 1))  # unique and gap-free
    calls = [n for r in called for n in r["numbers"]]  # type: ignore[attr-defined]
    assert len(calls) == len(set(calls)), "a ticket was called by two counters"
    with any_db.read() as session:
        assert session.scalar(select(func.count()).select_from(Ticket)) == len(got)
        per_ticket = Tally(session.scalars(select(Event.ticket_id).where(Event.kind == "call")))
        assert max(per_ticket.values()) == 1
        statuses = Tally(session.scalars(select(Ticket.status)))
    assert statuses["waiting"] + statuses["called"] + statuses["done"] == len(got)
    assert statuses["called"] + statuses["done"] == len(calls)


def test_four_issuers_and_four_callers_on_sqlite(db: Database) -> None:
    check_invariants(db)


def test_four_issuers_and_four_callers_on_postgresql(pg_server, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from shared.setup import init_database
    from tests.conftest import DEMO_SITE

    database = Database(pg_server.create_database())
    init_database(database, DEMO_SITE)
    check_invariants(database)
    database.dispose()
