"""Undo of a no-show and of "finish and call next": a new event, the tickets as they were,
only the counter's newest action, only within the window; reports stay right."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from shared import calling, reports, tickets
from shared.counter_queue import counter_state
from shared.db import Database
from shared.errors import QueueError
from shared.models import Counter, Event, Ticket
from shared.undo import UNDO_SECONDS, UndoKind, undo_last

WIB = ZoneInfo("Asia/Jakarta")
MONDAY_9 = datetime(2026, 11, 23, 9, 0, tzinfo=WIB)


def at(seconds: float) -> datetime:
    return MONDAY_9 + timedelta(seconds=seconds)


def issue(db: Database, seconds: float, priority: str | None = None) -> str:
    return tickets.issue_ticket(
        db, service="DPMPTSP", priority=priority, now=at(seconds)
    ).ticket.number


def ticket(db: Database, number: str) -> Ticket:
    with db.read() as session:
        row = session.scalars(select(Ticket).where(Ticket.number == number)).one()
        session.expunge(row)
        return row


def trail(db: Database) -> list[tuple[str, str | None, str]]:
    """(kind, ticket number, detail) of every counter event, oldest first."""
    with db.read() as session:
        rows = session.execute(
            select(Event.kind, Ticket.number, Event.detail)
            .outerjoin(Ticket, Ticket.id == Event.ticket_id)
            .where(Event.counter_id.is_not(None))
            .order_by(Event.id)
        )
        return [(k, n, "" if k == "call" else d) for k, n, d in rows]


def test_undo_of_a_no_show_serves_the_ticket_again_and_keeps_both_events(
    any_db: Database,
) -> None:
    issue(any_db, 0)
    calling.call_next(any_db, counter=1, staff_id=None, now=at(60))
    calling.no_show(any_db, counter=1, now=at(120))
    undone = undo_last(any_db, counter=1, expected="A001", now=at(126))
    assert (undone.kind, undone.restored.number, undone.returned) == (
        UndoKind.NO_SHOW, "A001", None)
    row = ticket(any_db, "A001")
    assert (row.status, row.finished_at, row.called_at) == ("called", None, at(60).replace(
        tzinfo=None) - timedelta(hours=7))
    state = counter_state(any_db, counter=1, now=at(127))
    assert state.current is not None and state.current.number == "A001"
    assert trail(any_db) == [("call", "A001", ""), ("no_show", "A001", ""),
                             ("undo", "A001", "no_show")]
    # Served after all: the report counts it served once, no no-show, service from the call.
    calling.finish(any_db, counter=1, now=at(360))
    report = reports.build_report(any_db, date_from=MONDAY_9.date())
    assert (report.total.served, report.total.no_show) == (1, 0)
    assert ticket(any_db, "A001").service_seconds == 300


def test_undo_of_finish_and_call_next_puts_both_tickets_back(any_db: Database) -> None:
    for second in (0, 10, 20):
        issue(any_db, second)
    calling.call_next(any_db, counter=1, now=at(60))  # A001
    calling.call_next(any_db, counter=1, now=at(180))  # A001 done, A002 called
    undone = undo_last(any_db, counter=1, expected="A001", now=at(185))
    assert undone.kind == UndoKind.FINISH
    assert undone.returned is not None and undone.returned.number == "A002"
    first, second = ticket(any_db, "A001"), ticket(any_db, "A002")
    assert (first.status, first.finished_at, first.service_seconds) == ("called", None, None)
    assert (second.status, second.counter_id, second.called_at, second.wait_seconds) == (
        "waiting", None, None, None)
    state = counter_state(any_db, counter=1, now=at(186))
    assert state.current is not None and state.current.number == "A001"
    assert [t.number for t in state.waiting] == ["A002", "A003"]  # at its old place
    assert trail(any_db)[-4:] == [("finish", "A001", ""), ("call", "A002", ""),
                                  ("undo", "A002", "call"), ("undo", "A001", "finish")]
    # Later: A001 done, A002 called again: its wait runs from its issue to the real call.
    calling.call_next(any_db, counter=1, now=at(300))
    assert ticket(any_db, "A001").service_seconds == 240
    assert ticket(any_db, "A002").wait_seconds == 290
    report = reports.build_report(any_db, date_from=MONDAY_9.date())
    assert (report.total.served, report.total.called) == (1, 2)


def streak(db: Database) -> int:
    with db.read() as session:
        return session.scalars(select(Counter.priority_streak).where(Counter.number == 1)).one()


def test_undo_puts_the_priority_streak_back(db: Database) -> None:
    issue(db, 0)  # A001, regular
    for second in (1, 2, 3):
        issue(db, second, priority="lansia")  # A002..A004
    for second in (10, 20, 30):
        calling.call_next(db, counter=1, now=at(second))  # the three priority tickets
    assert streak(db) == 3
    called = calling.call_next(db, counter=1, now=at(40))  # then one regular: streak 0
    assert called.ticket is not None and called.ticket.number == "A001" and streak(db) == 0
    undo_last(db, counter=1, expected="A004", now=at(42))
    assert streak(db) == 3
    again = calling.call_next(db, counter=1, now=at(50))
    assert again.ticket is not None and again.ticket.number == "A001"


def test_a_transferred_ticket_sent_back_keeps_its_first_call(db: Database) -> None:
    tickets.issue_ticket(db, service="DUKCAPIL", now=at(0))
    issue(db, 5)
    calling.call_next(db, counter=3, now=at(30))  # B001 at Dukcapil's counter
    calling.transfer(db, counter=3, service="DPMPTSP", now=at(60))
    before = ticket(db, "B001")
    issue(db, 70)
    calling.call_next(db, counter=1, now=at(100))  # B001 (a transfer goes first)
    calling.call_next(db, counter=1, now=at(200))  # B001 done, A001 called
    undo_last(db, counter=1, expected="B001", now=at(201))
    calling.call_next(db, counter=1, now=at(300))  # B001 done, A001 again
    calling.recall(db, counter=1, now=at(301))
    calling.call_next(db, counter=1, now=at(400))  # A001 done, A002 called
    undo_last(db, counter=1, expected="A001", now=at(402))
    after = ticket(db, "A002")
    assert (after.status, after.called_at) == ("waiting", None)
    assert before.wait_seconds == 30 and ticket(db, "B001").wait_seconds == 30


def test_only_the_newest_action_within_the_window(any_db: Database) -> None:
    for second in (0, 1):
        issue(any_db, second)
    with pytest.raises(QueueError) as nothing:
        undo_last(any_db, counter=1, expected="A001", now=at(5))
    assert nothing.value.reason == "undo_none"
    calling.call_next(any_db, counter=1, now=at(10))
    calling.no_show(any_db, counter=1, now=at(20))
    with pytest.raises(QueueError) as late:
        undo_last(any_db, counter=1, expected="A001", now=at(20 + UNDO_SECONDS + 6))
    assert late.value.reason == "undo_late"
    calling.call_next(any_db, counter=1, now=at(40))  # a plain call: nothing ended with it
    with pytest.raises(QueueError) as moved:
        undo_last(any_db, counter=1, expected="A001", now=at(41))
    assert moved.value.reason == "undo_none"
    calling.no_show(any_db, counter=1, now=at(50))
    with pytest.raises(QueueError) as other:
        undo_last(any_db, counter=1, expected="A001", now=at(51))  # A002 ended, not A001
    assert other.value.reason == "undo_none"
    undo_last(any_db, counter=1, expected="A002", now=at(52))
    with pytest.raises(QueueError) as twice:
        undo_last(any_db, counter=1, expected="A002", now=at(53))
    assert twice.value.reason == "undo_none"
