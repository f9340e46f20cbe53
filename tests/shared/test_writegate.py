"""SQLite writers take turns through the write gate: first come, first served, woken at once,
and a writer killed while it holds its turn does not block the others."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from shared.db import Database
from shared.models import Event

WRITER = """
import sys
from datetime import datetime
from shared import writegate
from shared.db import Database
from shared.models import Event
enqueue = writegate.WriteGate._enqueue
def announced(fd):
    ticket = enqueue(fd)
    print("queued", flush=True)  # in the queue: the test waits for this line on the pipe
    return ticket
writegate.WriteGate._enqueue = staticmethod(announced)
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


def says(process: subprocess.Popen[str], *lines: str) -> None:
    """Waits on the writer's pipe for `lines`, in order."""
    assert process.stdout is not None
    for line in lines:
        assert process.stdout.readline() == f"{line}\n"


def written(db: Database) -> list[str]:
    with db.read() as session:
        return list(session.scalars(select(Event.detail).where(Event.kind == "site",
                                                               Event.detail != "")
                                    .order_by(Event.id)))


def test_writers_go_in_the_order_they_arrived(db: Database) -> None:
    holder = writer(db.url, "holder", hold=True)
    says(holder, "queued", "holding")
    waiters = []
    for i in range(3):
        waiters.append(writer(db.url, f"w{i}"))
        says(waiters[-1], "queued")  # each arrives after the one before is in the queue
    assert holder.stdin is not None
    holder.stdin.write("done\n")
    holder.stdin.flush()
    for process in [holder, *waiters]:
        _, err = process.communicate(timeout=60)
        assert process.returncode == 0, err
    assert written(db)[-4:] == ["holder", "w0", "w1", "w2"]


def test_a_writer_killed_in_its_turn_does_not_block_the_queue(db: Database) -> None:
    holder = writer(db.url, "holder", hold=True)
    says(holder, "queued", "holding")
    waiter = writer(db.url, "after")
    says(waiter, "queued")
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


def test_two_database_objects_of_one_file_in_one_process_take_turns(db: Database) -> None:
    """POSIX record locks belong to the process: without one in-process lock per file, a
    second Database object's writer would walk past the first one's turn."""
    other = Database(db.url)
    entered = threading.Event()

    def second_writer() -> None:
        with other.write_turn():
            entered.set()

    try:
        with db.write_turn():
            thread = threading.Thread(target=second_writer)
            thread.start()
            # A bounded wait for something that must not happen while this turn lasts.
            assert not entered.wait(timeout=1.0), "the second writer did not wait its turn"
        assert entered.wait(timeout=30)
        thread.join(timeout=30)
    finally:
        other.dispose()


def test_many_threads_on_two_database_objects_never_write_at_once(db: Database) -> None:
    other = Database(db.url)
    inside = 0
    most = 0
    guard = threading.Lock()
    start = threading.Barrier(6)

    def work(database: Database, name: str) -> None:
        nonlocal inside, most
        start.wait()
        for i in range(20):
            with database.write() as session:
                with guard:
                    inside += 1
                    most = max(most, inside)
                session.add(Event(at=datetime(2026, 1, 1), kind="site", detail=f"{name}{i}"))
                session.flush()
                with guard:
                    inside -= 1

    threads = [threading.Thread(target=work, args=(d, f"t{n}-"))
               for n, d in enumerate([db, other] * 3)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    finally:
        other.dispose()
    assert most == 1
    assert len([d for d in written(db) if d.startswith("t")]) == 6 * 20


PROBE = """
import fcntl, os, sys
from shared.writegate import QUEUE_BASE, QUEUE_SLOTS
fd = os.open(sys.argv[1], os.O_RDWR)
taken = int.from_bytes(os.pread(fd, 8, 0), "little")
try:
    fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, QUEUE_BASE + (taken - 1) % QUEUE_SLOTS)
    print("free")
except OSError:
    print("held")
"""


def test_disposing_one_database_object_keeps_the_turn_another_holds(db: Database) -> None:
    """Closing any descriptor of a file drops all of the process's record locks on it: a
    second descriptor of the lock file, closed by dispose(), used to free a held turn."""
    assert db.gate is not None
    other = Database(db.url)
    with other.write_turn():
        pass  # the other object has used the gate (and so opened the lock file)
    with db.write_turn():
        other.dispose()
        probe = subprocess.run([sys.executable, "-c", PROBE, str(db.gate.path)],
                               capture_output=True, text=True, timeout=60, check=True)
        assert probe.stdout.strip() == "held"
    probe = subprocess.run([sys.executable, "-c", PROBE, str(db.gate.path)],
                           capture_output=True, text=True, timeout=60, check=True)
    assert probe.stdout.strip() == "free"
