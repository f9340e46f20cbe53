"""The live feed: the newest event id (a cheap poll) and the calls after a given event.

Each reader has a form that takes an open read `Session`, so a screen can read its calls and
the state of counters and queues in one transaction: one moment of the database, never calls
from before a change with counters from after it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session

from shared import clock
from shared.db import Database
from shared.models import Counter, Event, EventKind, Service, Ticket

CALL_KINDS = (EventKind.CALL, EventKind.RECALL)
UNDONE_CALL = "undo"  # CallEvent.kind of a call taken back (shared/undo.py): off the board


@dataclass(frozen=True)
class CallEvent:
    id: int
    kind: str  # call | recall | undo (the ticket's call at this counter was taken back)
    number: str
    counter: int
    agency_code: str
    agency_name: str
    at: datetime  # aware UTC


def latest_event_id(db: Database) -> int:
    with db.read() as session:
        return read_latest_event_id(session)


def read_latest_event_id(session: Session) -> int:
    return int(session.scalar(select(func.max(Event.id))) or 0)


def _calls() -> Select[int, str, str, int, str, str, datetime]:
    """Calls, recalls and undone calls with their ticket, counter and agency."""
    return (
        select(Event.id, Event.kind, Ticket.number, Counter.number, Service.code, Service.name,
               Event.at)
        .join(Ticket, Ticket.id == Event.ticket_id)
        .join(Counter, Counter.id == Event.counter_id)
        .join(Service, Service.id == Event.service_id)
        .where(
            or_(
                Event.kind.in_(CALL_KINDS),
                and_(Event.kind == EventKind.UNDO, Event.detail == EventKind.CALL),
            )
        )
    )


def _fetch(
    session: Session, query: Select[int, str, str, int, str, str, datetime]
) -> list[CallEvent]:
    return [
        CallEvent(i, k, n, c, code, name, clock.from_utc_naive(at))
        for i, k, n, c, code, name, at in session.execute(query)
    ]


def calls_after(db: Database, after_id: int, *, limit: int = 200) -> list[CallEvent]:
    """Calls, recalls and undone calls with an id above `after_id`, oldest first."""
    with db.read() as session:
        return read_calls_after(session, after_id, limit=limit)


def read_calls_after(session: Session, after_id: int, *, limit: int = 200) -> list[CallEvent]:
    """`calls_after` inside an open read transaction."""
    return _fetch(session, _calls().where(Event.id > after_id).order_by(Event.id).limit(limit))


def recent_calls(db: Database, *, count: int = 10) -> list[CallEvent]:
    """The last `count` calls of today and before, newest last (to rebuild a display); a
    call that was taken back is left out."""
    with db.read() as session:
        return read_recent_calls(session, count=count)


def read_recent_calls(session: Session, *, count: int = 10) -> list[CallEvent]:
    """`recent_calls` inside an open read transaction."""
    fetched = reversed(_fetch(session, _calls().order_by(Event.id.desc()).limit(count * 2)))
    calls: list[CallEvent] = []
    for event in fetched:
        if event.kind == UNDONE_CALL:
            calls = drop_undone(calls, event)
        else:
            calls.append(event)
    return calls[-count:]


def drop_undone(calls: list[CallEvent], undo: CallEvent) -> list[CallEvent]:
    """`calls` without the newest call of the undone ticket at its counter."""
    for index in range(len(calls) - 1, -1, -1):
        call = calls[index]
        if (call.number, call.counter) == (undo.number, undo.counter) and call.id < undo.id:
            return calls[:index] + calls[index + 1:]
    return calls
