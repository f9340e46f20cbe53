"""antre-web after its database is replaced (a restore, a new `antre init`): the phone pages
stay live. A replaced database has fewer events than the hub took; the hub waited for ids
above those, so the pages of new tickets stayed on "waiting"."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx

from shared import calling, tickets
from shared.db import Database
from tests.web.conftest import Stream, start_server, wait_until


def _restored_database_keeps_pages_live(db: Database, replace: Callable[[], None]) -> None:
    for _ in range(3):
        tickets.issue_ticket(db, service="DUKCAPIL")
    server = start_server(db, poll_interval=0.02)
    hub = server.app.state.hub  # type: ignore[attr-defined]
    try:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            for _ in range(3):
                calling.call_next(db, counter=3)
            client.get("/").raise_for_status()
            wait_until(lambda: (hub.newest_seen or 0) >= 6)
            seen = hub.newest_seen
            replace()
            visitor = tickets.issue_ticket(db, service="DUKCAPIL")
            stream = Stream(client, f"/t/{visitor.qr_payload.rsplit('/', 1)[1]}/events")
            try:
                stream.next_event()
                calling.call_next(db, counter=3)
                stream.wait_for("Silakan menuju", seconds=15)
                assert (hub.newest_seen or 0) < seen
            finally:
                stream.close()
    finally:
        server.stop()


def test_a_restored_database_keeps_the_phone_pages_live(
        web_db: Database, tmp_path: Path) -> None:
    """`antre restore` of an older backup while antre-web runs: the database now has fewer
    events than the hub took, and the hub used to wait for ids above those, so the phone
    pages of the new day's tickets stayed on 'waiting'. It starts counting again."""
    from shared.backup import backup
    from shared.restore import restore

    saved = backup(web_db, tmp_path / "older.db")
    _restored_database_keeps_pages_live(web_db, lambda: restore(web_db, saved))


def test_a_recreated_postgres_database_keeps_the_phone_pages_live(pg_web_db: Database) -> None:
    """The same on PostgreSQL, the events emptied as a restore of an older dump does."""
    from sqlalchemy import text

    def empty() -> None:
        with pg_web_db.write() as session:
            session.execute(text("TRUNCATE events, tickets RESTART IDENTITY CASCADE"))

    _restored_database_keeps_pages_live(pg_web_db, empty)
