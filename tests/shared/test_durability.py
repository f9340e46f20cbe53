"""A SQLite commit is on disk when db.write() returns, though the write lock was given back
before the fsync (synchronous=NORMAL plus our own fsync of the -wal file: group commit)."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from shared import tickets
from shared.db import Database
from shared.models import Event, Ticket


class Synced:
    """Every os.fsync and os.fdatasync of the process: which file, how big it was, what was
    committed then, and whether another writer could take the write gate at that moment."""

    def __init__(self, db: Database) -> None:
        assert db.path is not None
        self.db = db
        self.wal = Path(f"{db.path}-wal")
        self.calls: list[dict[str, object]] = []
        self.other = Database(db.url)

    def record(self, real: Callable[[int], None], fd: int) -> None:
        info = os.fstat(fd)
        if os.path.samestat(info, os.stat(self.wal)):
            self.calls.append({"file": "wal", "size": info.st_size, "tickets": self.count(),
                               "gate_free": self.gate_free()})
        elif os.path.samestat(info, os.stat(self.wal.parent)):
            self.calls.append({"file": "folder"})
        real(fd)

    def count(self) -> int:
        with self.other.read() as session:  # another connection: sees committed data only
            return int(session.scalar(select(func.count()).select_from(Ticket)) or 0)

    def gate_free(self) -> bool:
        """Another thread of this process (another Database object) takes the gate now."""
        entered = threading.Event()

        def take() -> None:
            with self.other.write_turn():
                entered.set()

        thread = threading.Thread(target=take, daemon=True)
        thread.start()
        free = entered.wait(timeout=10)  # a held gate is only given back after we return
        return free


@pytest.fixture
def synced(db: Database, monkeypatch: pytest.MonkeyPatch) -> Iterator[Synced]:
    recorder = Synced(db)
    for name in ("fsync", "fdatasync"):
        if hasattr(os, name):
            monkeypatch.setattr(os, name, _recording(recorder, getattr(os, name)))
    yield recorder
    monkeypatch.undo()
    recorder.other.dispose()


def _recording(recorder: Synced, real: Callable[[int], None]) -> Callable[[int], None]:
    return lambda fd: recorder.record(real, fd)


def wal_syncs(synced: Synced) -> list[dict[str, object]]:
    return [call for call in synced.calls if call["file"] == "wal"]


def test_a_ticket_is_fsynced_in_the_wal_after_the_gate_is_free_before_it_is_returned(
    db: Database, synced: Synced
) -> None:
    before = len(wal_syncs(synced))
    issued = tickets.issue_ticket(db, service="DUKCAPIL")
    after = wal_syncs(synced)[before:]
    assert len(after) == 1, "the commit was not fsynced before issue_ticket returned"
    call = after[0]
    assert call["tickets"] == 1  # committed (visible to another connection) when fsynced
    assert call["gate_free"], "the fsync ran while this writer still held the write gate"
    assert isinstance(call["size"], int) and call["size"] > 0
    assert issued.ticket.number


def test_the_connections_commit_without_fsync_under_the_lock(db: Database) -> None:
    with db.write() as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
        assert session.execute(text("PRAGMA synchronous")).scalar_one() == 1  # NORMAL


def test_a_write_that_rolls_back_is_not_fsynced(db: Database, synced: Synced) -> None:
    with pytest.raises(RuntimeError), db.write() as session:
        session.add(Event(at=datetime(2026, 1, 1), kind="site", detail="never"))
        session.flush()
        raise RuntimeError("refused")
    assert synced.calls == []


def test_the_folder_is_synced_once_per_wal_file(db: Database, synced: Synced) -> None:
    fresh = Database(db.url)  # a new process's view: it has not synced this -wal file yet
    try:
        for detail in ("one", "two"):
            with fresh.write() as session:
                session.add(Event(at=datetime(2026, 1, 1), kind="site", detail=detail))
    finally:
        fresh.dispose()
    assert [call["file"] for call in synced.calls] == ["wal", "folder", "wal"]


def test_no_wal_file_means_nothing_to_sync(db: Database, synced: Synced) -> None:
    """The last connection to close checkpoints the WAL into the (synced) database file and
    removes it: a sync then has nothing left to flush and says nothing."""
    assert db.path is not None
    synced.other.dispose()
    db.reset_connections()
    assert not Path(f"{db.path}-wal").exists()
    db.sync()
    assert synced.calls == []
