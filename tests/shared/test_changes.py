"""The change probe sees commits by other connections, a vanished file, and its return."""

from __future__ import annotations

import pytest

from shared import tickets
from shared.changes import ChangeProbe
from shared.db import Database
from shared.errors import DatabaseError


def test_probe_follows_commits_and_a_vanishing_file(db: Database) -> None:
    probe = ChangeProbe(db)
    first = probe.newest_event_id()
    assert probe.newest_event_id() == first  # nothing changed
    tickets.issue_ticket(db, service="DUKCAPIL")
    assert probe.newest_event_id() == first + 1
    assert db.path is not None
    moved = db.path.with_name("away.db")
    db.path.rename(moved)
    with pytest.raises(DatabaseError, match="missing"):
        probe.newest_event_id()
    moved.rename(db.path)
    tickets.issue_ticket(db, service="DUKCAPIL")
    assert probe.newest_event_id() == first + 2
    probe.close()


def test_probe_on_postgresql(pg_server) -> None:  # type: ignore[no-untyped-def]
    from shared.setup import init_database
    from tests.conftest import DEMO_SITE

    db = Database(pg_server.create_database())
    init_database(db, DEMO_SITE)
    probe = ChangeProbe(db)
    before = probe.newest_event_id()
    tickets.issue_ticket(db, service="DUKCAPIL")
    assert probe.newest_event_id() == before + 1
    db.dispose()


def test_waiter_wakes_on_a_commit_on_postgresql(pg_server) -> None:  # type: ignore[no-untyped-def]
    """LISTEN/NOTIFY: a commit by another connection ends a long wait at once."""
    import threading
    import time

    from shared.changes import ChangeWaiter
    from shared.setup import init_database
    from tests.conftest import DEMO_SITE

    db = Database(pg_server.create_database())
    init_database(db, DEMO_SITE)
    waiter = ChangeWaiter(db, threading.Event())
    waiter.wait(0.01)  # connects and listens
    issuer = threading.Timer(0.2, lambda: tickets.issue_ticket(db, service="DUKCAPIL"))
    start = time.monotonic()
    issuer.start()
    waiter.wait(120)
    assert time.monotonic() - start < 60  # woken by the NOTIFY, not the 120 s timeout
    issuer.join()
    waiter.close()
    db.dispose()


def test_stop_ends_a_long_wait_on_postgresql(any_db: Database) -> None:
    """`stop` ends a LISTEN wait soon, not after its timeout: an app (or the web service)
    that stops its watcher does not leave a thread waiting out the poll interval."""
    import threading

    from shared.changes import ChangeWaiter

    stop = threading.Event()
    waiter = ChangeWaiter(any_db, stop)
    waiter.wait(0.01)  # connects and listens (PostgreSQL)
    thread = threading.Thread(target=waiter.wait, args=(120,), daemon=True)
    thread.start()
    threading.Timer(0.2, stop.set).start()
    thread.join(timeout=30)  # the stop is seen within a slice of the wait
    assert not thread.is_alive()
    waiter.close()


def test_waiter_is_a_plain_wait_on_sqlite(db: Database) -> None:
    import threading

    from shared.changes import ChangeWaiter

    stop = threading.Event()
    stop.set()
    ChangeWaiter(db, stop).wait(120)  # returns at once: stop is set
