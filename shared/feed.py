"""The live feed: the newest event id (a cheap poll) and the calls after a given event."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, func, select

from shared import clock
from shared.db import Database
from shared.models import Counter, Event, EventKind, Service, Ticket

CALL_KINDS = (EventKind.CALL, EventKind.RECALL)


@dataclass(frozen=True)
class CallEvent:
    id: int
    kind: str  # call | recall
    number: str
    counter: int
    agency_code: str
    agency_name: str
    at: datetime  # aware UTC


def latest_event_id(db: Database) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.max(Event.id))) or 0)


def _calls() -> Select[int, str, str, int, str, str, datetime]:
    """Calls and recalls with their ticket, counter and agency."""
    return (
        select(Event.id, Event.kind, Ticket.number, Counter.number, Service.code, Service.name,
               Event.at)
        .join(Ticket, Ticket.id == Event.ticket_id)
        .join(Counter, Counter.id == Event.counter_id)
        .join(Service, Service.id == Event.service_id)
        .where(Event.kind.in_(CALL_KINDS))
    )


def _fetch(db: Database, query: Select[int, str, str, int, str, str, datetime]) -> list[CallEvent]:
    with db.read() as session:
        return [
            CallEvent(i, k, n, c, code, name, clock.from_utc_naive(at))
            for i, k, n, c, code, name, at in session.execute(query)
        ]


def calls_after(db: Database, after_id: int, *, limit: int = 200) -> list[CallEvent]:
    """Calls and recalls with an id above `after_id`, oldest first."""
    return _fetch(db, _calls().where(Event.id > after_id).order_by(Event.id).limit(limit))


def recent_calls(db: Database, *, count: int = 10) -> list[CallEvent]:
    """The last `count` calls of today and before, newest last (to rebuild a display)."""
    return list(reversed(_fetch(db, _calls().order_by(Event.id.desc()).limit(count))))
