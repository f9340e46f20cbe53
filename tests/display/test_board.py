"""The call moment: the big panel shows the newest call still being called or served, a
recall updates its row ("×2"), and clocks and days follow the site's time zone."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import event, update

from display.live import load_after
from display.state import DisplayState
from shared import calling
from shared.db import Database
from shared.models import Site
from shared.setup import init_database
from shared.tickets import issue_ticket
from shared.undo import undo_last
from tests.between import write_after_first_select
from tests.conftest import DEMO_SITE, Staffing, _dispose
from tests.display.conftest import Display
from tests.display.test_live import cli


def board(display: Display) -> tuple[str, str, list[str]]:
    """(big number, the line under it, the history rows as "number counter")."""
    window = display.window
    rows = [f"{r.number.text()} {r.counter.text()}" for r in window.history if r.isVisible()]
    return window.now.number.text(), window.now.counter.text(), rows


def test_the_big_panel_leaves_a_ticket_that_ended(
    qtbot: QtBot, db: Database, db_url: str, make_display, staffing: Staffing
) -> None:  # type: ignore[no-untyped-def]
    for counter in (1, 3):
        staffing.sign_in(counter)
    for code in ("DPMPTSP", "DPMPTSP", "DUKCAPIL", "DUKCAPIL"):
        issue_ticket(db, service=code)
    display = make_display()
    calling.call_next(db, counter=1)
    calling.call_next(db, counter=3)
    qtbot.waitUntil(lambda: board(display)[:2] == ("B001", "LOKET 3"), timeout=15_000)
    calling.finish(db, counter=3)  # F4: B001 is done, A001 is still being served
    qtbot.waitUntil(lambda: board(display)[:2] == ("A001", "LOKET 1"), timeout=15_000)
    assert board(display)[2] == ["B001 Loket 3"]
    calling.no_show(db, counter=1)
    qtbot.waitUntil(lambda: board(display)[0] == "—", timeout=15_000)
    assert board(display)[1] == "Mohon menunggu panggilan"  # calm, nothing stale
    assert board(display)[2] == ["B001 Loket 3", "A001 Loket 1"]  # newest first
    calling.call_next(db, counter=3)
    qtbot.waitUntil(lambda: board(display)[0] == "B002", timeout=15_000)
    calling.transfer(db, counter=3, service="DPMPTSP")
    qtbot.waitUntil(lambda: board(display)[0] == "—", timeout=15_000)
    calling.call_next(db, counter=1)  # the transferred B002 comes first at loket 1
    qtbot.waitUntil(lambda: board(display)[:2] == ("B002", "LOKET 1"), timeout=15_000)
    assert board(display)[2] == ["B001 Loket 3", "A001 Loket 1"]  # B002 once, not twice
    cli(db_url, "done", "1")  # from another process
    qtbot.waitUntil(lambda: board(display)[0] == "—", timeout=15_000)


def test_a_recall_updates_its_row_and_never_duplicates_it(
    qtbot: QtBot, db: Database, make_display, staffing: Staffing
) -> None:  # type: ignore[no-untyped-def]
    staffing.sign_in(1)
    for _ in range(2):
        issue_ticket(db, service="DPMPTSP")
    display = make_display()
    calling.call_next(db, counter=1)
    calling.call_next(db, counter=1)  # A001 done, A002 called
    qtbot.waitUntil(lambda: board(display)[0] == "A002", timeout=15_000)
    calling.recall(db, counter=1)
    qtbot.waitUntil(lambda: display.window.now.title.text() == "PANGGILAN ULANG", timeout=15_000)
    calling.recall(db, counter=1)
    qtbot.waitUntil(lambda: [c.times for c in display.window.state.history] == [1, 3],
                    timeout=15_000)
    assert board(display) == ("A002", "LOKET 1", ["A001 Loket 1"])
    calling.finish(db, counter=1)
    qtbot.waitUntil(lambda: board(display)[0] == "—", timeout=15_000)
    assert board(display)[2] == ["A002 Loket 1  ×3", "A001 Loket 1"]
    assert display.announcer.calls == [("A001", 1), ("A002", 1), ("A002", 1), ("A002", 1)]


def test_an_undone_call_leaves_the_board_and_the_served_ticket_comes_back(
    qtbot: QtBot, db: Database, make_display, staffing: Staffing
) -> None:  # type: ignore[no-untyped-def]
    staffing.sign_in(1)
    for _ in range(3):
        issue_ticket(db, service="DPMPTSP")
    display = make_display()
    calling.call_next(db, counter=1)
    calling.call_next(db, counter=1)  # "finish and call next": A001 done, A002 called
    qtbot.waitUntil(lambda: board(display)[0] == "A002", timeout=15_000)
    assert board(display)[2] == ["A001 Loket 1"]
    undo_last(db, counter=1, expected="A001")  # A001 served again, A002 waits again
    qtbot.waitUntil(lambda: board(display)[:2] == ("A001", "LOKET 1"), timeout=15_000)
    assert board(display)[2] == []  # no A002 row: nobody should walk to loket 1 for it
    assert display.announcer.calls == [("A001", 1), ("A002", 1)]  # nothing spoken for it
    assert display.announcer.withdrawn == [("A002", 1)]  # and not at all if still queued
    restarted = make_display()  # a display started now rebuilds the same board
    qtbot.waitUntil(lambda: board(restarted)[:2] == ("A001", "LOKET 1"), timeout=15_000)
    assert board(restarted)[2] == []
    calling.call_next(db, counter=1)  # A002 is called again, first, and announced again
    qtbot.waitUntil(lambda: board(display)[0] == "A002", timeout=15_000)
    assert display.announcer.calls[-1] == ("A002", 1)


def test_an_undo_landing_between_a_fetchs_reads_never_mixes_the_board(any_db: Database) -> None:
    """The race behind a board that kept "A002 Loket 1" under the ticket served again: the
    undo committed after the fetch read its calls, before it read the counters."""
    for _ in range(3):
        issue_ticket(any_db, service="DPMPTSP")
    calling.call_next(any_db, counter=1)
    calling.call_next(any_db, counter=1)  # "finish and call next": A001 done, A002 called
    state = DisplayState()

    def seen() -> tuple[str | None, list[str]]:
        shown = state.now_calling
        return (shown.number if shown else None), [c.number for c in state.earlier(6)]

    def undo(other: Database) -> None:
        undo_last(other, counter=1, expected="A001")

    with write_after_first_select(any_db, undo):
        update = load_after(any_db, 0)
    state.apply_calls(update.calls)
    state.apply_snapshot(update.snapshot)
    assert seen() == ("A002", ["A001"])  # the moment before the undo, whole
    update = load_after(any_db, state.last_event_id)
    state.apply_calls(update.calls)
    state.apply_snapshot(update.snapshot)
    assert seen() == ("A001", [])  # and the one after it
    assert state.undone == [("A002", 1)]


@pytest.fixture
def pg_url(pg_server: Any) -> Iterator[str]:
    url = pg_server.create_database()
    database = Database(url)
    init_database(database, DEMO_SITE)
    _dispose(database)
    yield url


def test_a_call_that_commits_after_a_newer_one_still_reaches_the_board(
    qtbot: QtBot, make_display, pg_url: str
) -> None:  # type: ignore[no-untyped-def]
    """PostgreSQL gives an event its id when it is written, not when it commits: a recall at
    loket 1 committed after a call at loket 3 that the display had already shown, and the
    display, reading "after" that call, never saw the recall (nor an undo, the same way)."""
    db, recaller = Database(pg_url), Database(pg_url)
    for code in ("DPMPTSP", "DUKCAPIL", "DUKCAPIL"):
        issue_ticket(db, service=code)
    calling.call_next(db, counter=1)  # A001
    calling.call_next(db, counter=3)  # B001
    display = make_display(url=pg_url)
    qtbot.waitUntil(lambda: board(display)[0] == "B001", timeout=15_000)
    held: list[bool] = []

    def newer_call_first(conn: Any) -> None:  # the recall's COMMIT waits for this
        if held or conn.get_execution_options().get("antre_read"):
            return
        held.append(True)
        calling.call_next(db, counter=3)  # B002: a newer event id, committed first
        qtbot.waitUntil(lambda: board(display)[0] == "B002", timeout=15_000)

    event.listen(recaller.engine, "commit", newer_call_first)
    try:
        calling.recall(recaller, counter=1)
        assert held
        qtbot.waitUntil(lambda: display.window.now.title.text() == "PANGGILAN ULANG",
                        timeout=15_000)
        assert board(display)[:2] == ("A001", "LOKET 1")
        assert display.announcer.calls[-1] == ("A001", 1)
    finally:
        event.remove(recaller.engine, "commit", newer_call_first)
        _dispose(recaller)
        _dispose(db)


@pytest.mark.parametrize(("zone", "clock_text", "day_text"), [
    ("Asia/Jakarta", "22:30", "Senin, 23 November 2026"),
    ("Asia/Makassar", "23:30", "Senin, 23 November 2026"),
    ("Asia/Jayapura", "00:30", "Selasa, 24 November 2026"),
])  # fmt: skip
def test_clock_and_day_follow_the_site_time_zone(
    db: Database, make_display, monkeypatch: pytest.MonkeyPatch,
    zone: str, clock_text: str, day_text: str,
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ANTRE_NOW", "2026-11-23T15:30:00+00:00")
    with db.write() as session:
        session.execute(update(Site).values(timezone=zone))
    display = make_display()
    header = display.window.header
    header.tick()
    assert header.timezone == zone
    assert header.clock.text().startswith(clock_text)
    assert header.date.text() == day_text
    assert display.window.state.day is not None
    assert display.window.state.day.day == int(day_text.split(" ")[1])
