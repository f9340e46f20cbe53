"""SQLite writers take turns through the write gate: first come, first served, woken at once,
and a writer killed while it holds its turn does not block the others."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import select

from shared.db import Database
from shared.models import Event

WRITER = """
import sys
from datetime import datetime
from shared.db import Database
from shared.models import Event
db = Database(sys.argv[1])
with db.write() as session:
    print("holding", flush=True)
    if sys.argv[3] == "hold":
        sys.stdin.readline()
    session.add(Event(at=datetime(2026, 1, 1), kind="site", detail=sys.argv[2]))
db.dispose()
"""


def writer(url: str, name: str, hold: bool = False) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, url, name, "hold" if hold else "go"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def tickets_taken(db: Database) -> int:
    """The gate's ticket counter: how many writers have queued so far."""
    assert db.gate is not None
    raw = db.gate.path.read_bytes()[:8]
    return int.from_bytes(raw, "little") if len(raw) == 8 else 0


def wait_for(condition, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + 60
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.01)


def written(db: Database) -> list[str]:
    with db.read() as session:
        return list(session.scalars(select(Event.detail).where(Event.kind == "site",
                                                               Event.detail != "")
                                    .order_by(Event.id)))


def test_writers_go_in_the_order_they_arrived(db: Database) -> None:
    holder = writer(db.url, "holder", hold=True)
    assert holder.stdout is not None and holder.stdout.readline() == "holding\n"
    base = tickets_taken(db)
    waiters = []
    for i in range(3):
        waiters.append(writer(db.url, f"w{i}"))
        wait_for(lambda i=i: tickets_taken(db) == base + i + 1, f"writer w{i} to queue")
    assert holder.stdin is not None
    holder.stdin.write("done\n")
    holder.stdin.flush()
    for process in [holder, *waiters]:
        _, err = process.communicate(timeout=60)
        assert process.returncode == 0, err
    assert written(db)[-4:] == ["holder", "w0", "w1", "w2"]


def test_a_writer_killed_in_its_turn_does_not_block_the_queue(db: Database) -> None:
    holder = writer(db.url, "holder", hold=True)
    assert holder.stdout is not None and holder.stdout.readline() == "holding\n"
    base = tickets_taken(db)
    waiter = writer(db.url, "after")
    wait_for(lambda: tickets_taken(db) == base + 1, "the writer to queue")
    holder.kill()
    holder.communicate(timeout=60)
    _, err = waiter.communicate(timeout=60)
    assert waiter.returncode == 0, err
    assert written(db)[-1:] == ["after"]
    assert "holder" not in written(db)  # its transaction died with it


def test_the_gate_file_is_private_and_beside_the_database(db: Database) -> None:
    from shared import tickets

    tickets.issue_ticket(db, service="DUKCAPIL")
    assert db.gate is not None and db.path is not None
    assert db.gate.path == Path(f"{db.path}-lock")
    assert db.gate.path.stat().st_mode & 0o777 == 0o600
    assert os.path.getsize(db.gate.path) == 8
