"""The web service's change watcher on PostgreSQL: LISTEN/NOTIFY, not a 50 ms poll."""

from __future__ import annotations

import threading
import time
from typing import Any

import httpx
import pytest
from sqlalchemy import event

from shared import calling, tickets
from shared.changes import ChangeProbe
from shared.db import Database
from tests.web.conftest import Stream, start_server, wait_until


def test_while_listen_works_the_watcher_does_not_poll_at_the_polls_pace(
        pg_web_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """Polling every 50 ms beside LISTEN cost the pages CPU (and each probe two pool
    checkouts) for nothing: a NOTIFY wakes the watcher, the poll only checks the server."""
    probes: list[float] = []
    probe = ChangeProbe.newest_event_id
    lock = threading.Lock()

    def counted(self: ChangeProbe) -> int:
        with lock:
            probes.append(time.monotonic())
        return probe(self)

    monkeypatch.setattr(ChangeProbe, "newest_event_id", counted)
    issued = tickets.issue_ticket(pg_web_db, service="DUKCAPIL")
    server = start_server(pg_web_db, poll_interval=0.02)
    try:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            stream = Stream(client, f"/t/{issued.qr_payload.rsplit('/', 1)[1]}/events")
            try:
                stream.next_event()
                calling.call_next(pg_web_db, counter=3)
                stream.wait_for("Silakan menuju")  # a NOTIFY woke it
                start = len(probes)
                wait_until(lambda: len(probes) >= start + 3)
                gaps = [b - a for a, b in zip(probes[start:], probes[start + 1:], strict=False)]
                assert min(gaps) >= 0.4, gaps  # web.hub.LISTEN_POLL_S, 0.5 s
            finally:
                stream.close()
    finally:
        server.stop()


def test_a_recall_that_commits_after_a_newer_call_still_reaches_its_page(
        pg_web_db: Database) -> None:
    """PostgreSQL gives an event its id when it is written, not when it commits: a recall at
    loket 1 that committed after a newer call at loket 3 was skipped by the hub, which read
    "after" that call, and the recalled visitor's page never said so."""
    db = pg_web_db
    first = tickets.issue_ticket(db, service="DPMPTSP")
    tickets.issue_ticket(db, service="DUKCAPIL")
    second = tickets.issue_ticket(db, service="DUKCAPIL")
    calling.call_next(db, counter=1)  # A001
    calling.call_next(db, counter=3)  # B001
    recaller = Database(db.url)
    server = start_server(db)
    held: list[bool] = []
    try:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            recalled = Stream(client, f"/t/{first.qr_payload.rsplit('/', 1)[1]}/events")
            newer = Stream(client, f"/t/{second.qr_payload.rsplit('/', 1)[1]}/events")
            try:
                assert 'data-recalls="0"' in str(recalled.next_event()["html"])
                newer.next_event()

                def newer_call_first(conn: Any) -> None:  # the recall's COMMIT waits
                    if held or conn.get_execution_options().get("antre_read"):
                        return
                    held.append(True)
                    calling.call_next(db, counter=3)  # B002: a newer id, committed first
                    newer.wait_for("Silakan menuju")

                event.listen(recaller.engine, "commit", newer_call_first)
                calling.recall(recaller, counter=1)
                assert held
                assert "LOKET 1" in str(recalled.wait_for('data-recalls="1"', seconds=10)["html"])
            finally:
                recalled.close()
                newer.close()
    finally:
        server.stop()
        recaller.dispose()

