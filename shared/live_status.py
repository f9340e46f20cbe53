"""Where tickets stand now, many at once: what a status page shows.

The web service recomputes the state of every ticket that has a page open after each
change, in a handful of queries whatever the number of pages: the tickets, the waiting
queue of their agencies, and each agency's pace. People ahead follow the same rule as
`tickets.people_ahead` (transfers first, then priority, then arrival order).
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shared.models import IS_WAITING, Counter, Event, EventKind, Service, Ticket, TicketStatus
from shared.tickets import service_pace, wait_minutes


@dataclass(frozen=True)
class TicketState:
    """One ticket as its visitor sees it. `status` is a TicketStatus value."""

    id: int
    service_id: int
    number: str
    day: date
    status: str
    agency_code: str
    agency_name: str
    issued_agency_name: str
    transferred: bool
    priority: str | None
    counter: int | None  # where it was called (called, done, no_show)
    recalls: int
    people_ahead: int
    wait_minutes: int

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("id")
        data.pop("service_id")
        data["day"] = self.day.isoformat()
        return data


@dataclass(frozen=True)
class _Row:
    id: int
    number: str
    service_id: int
    issued_service_id: int
    day: date
    status: str
    front: int
    priority: str | None
    queued_at: datetime
    counter_id: int | None
    recalls: int
    transfers: int


_COLUMNS = (Ticket.id, Ticket.number, Ticket.service_id, Ticket.issued_service_id, Ticket.day,
            Ticket.status, Ticket.front, Ticket.priority, Ticket.queued_at, Ticket.counter_id,
            Ticket.recalls, Ticket.transfers)


class _Queue:
    """One agency's waiting tickets of one day, split as the calling order sees them."""

    def __init__(self, rows: list[tuple[int, str | None, datetime]]) -> None:
        self.transfers = sorted(q for front, _, q in rows if front == 0)
        self.priority = sorted(q for front, p, q in rows if front != 0 and p is not None)
        self.regular = sorted(q for front, p, q in rows if front != 0 and p is None)

    def ahead(self, row: _Row) -> int:
        """Waiting tickets called before `row` (itself waiting, so counted once: minus 1)."""
        if row.front == 0:
            return bisect.bisect_right(self.transfers, row.queued_at) - 1
        if row.priority is not None:
            return len(self.transfers) + bisect.bisect_right(self.priority, row.queued_at) - 1
        return (len(self.transfers) + len(self.priority)
                + bisect.bisect_right(self.regular, row.queued_at) - 1)


def ticket_states(session: Session, ids: list[int], moment: datetime) -> dict[int, TicketState]:
    """The state of each ticket in `ids` that exists (unknown ids are left out)."""
    if not ids:
        return {}
    result = session.execute(select(*_COLUMNS).where(Ticket.id.in_(ids)))
    rows = [_Row(*row) for row in result]  # type: ignore[call-arg]
    services = {sid: (code, name, minutes) for sid, code, name, minutes in session.execute(
        select(Service.id, Service.code, Service.name, Service.service_minutes))}
    counters = {i: n for i, n in session.execute(select(Counter.id, Counter.number))}
    waiting = [r for r in rows if r.status == TicketStatus.WAITING]
    queues = _queues(session, {(r.service_id, r.day) for r in waiting})
    paces = {sid: service_pace(session, service_id=sid, service_minutes=services[sid][2],
                               moment=moment)
             for sid in {r.service_id for r in waiting}}
    states = {}
    for r in rows:
        ahead = minutes = 0
        if r.status == TicketStatus.WAITING:
            ahead = max(0, queues[(r.service_id, r.day)].ahead(r))
            minutes = wait_minutes(ahead, *paces[r.service_id])
        code, name, _ = services[r.service_id]
        states[r.id] = TicketState(
            id=r.id, service_id=r.service_id, number=r.number, day=r.day, status=r.status, agency_code=code,
            agency_name=name, issued_agency_name=services[r.issued_service_id][1],
            transferred=r.transfers > 0, priority=r.priority,
            counter=counters.get(r.counter_id) if r.counter_id else None,
            recalls=r.recalls, people_ahead=ahead, wait_minutes=minutes,
        )
    return states


def _queues(session: Session, keys: set[tuple[int, date]]) -> dict[tuple[int, date], _Queue]:
    grouped: dict[tuple[int, date], list[tuple[int, str | None, datetime]]] = defaultdict(list)
    for service_id, day in keys:
        for front, priority, queued_at in session.execute(
            select(Ticket.front, Ticket.priority, Ticket.queued_at)
            .where(Ticket.service_id == service_id, IS_WAITING, Ticket.day == day)
        ):
            grouped[(service_id, day)].append((front, priority, queued_at))
    return {key: _Queue(grouped[key]) for key in keys}


def recent_ticket_ids(session: Session, days: list[date]) -> list[tuple[int, date]]:
    """Ids and days of the tickets of `days` (to index their link tokens)."""
    return [(i, d) for i, d in session.execute(
        select(Ticket.id, Ticket.day).where(Ticket.day.in_(days)).order_by(Ticket.id))]


#: Events that may change any ticket's figures (queues of several agencies, open counters,
#: the site, expiry): after one of them every watched ticket is recomputed.
_WIDE = {EventKind.TRANSFER, EventKind.PAUSE, EventKind.RESUME, EventKind.EXPIRE, EventKind.SITE}
_MAX_EVENTS = 500


@dataclass(frozen=True)
class Changes:
    """What committed since an event id: the agencies and tickets touched, or everything
    (`services` None) when an event's reach is wider than its agency; `ids` the events read."""

    services: frozenset[int] | None
    tickets: frozenset[int]
    ids: frozenset[int]

    def touches(self, state: TicketState) -> bool:
        return (self.services is None or state.service_id in self.services
                or state.id in self.tickets)


def changes_since(session: Session, event_id: int,
                  known: frozenset[int] = frozenset()) -> Changes:
    """The events after `event_id`, leaving out the `known` ones (shared.event_cursor)."""
    query = select(Event.id, Event.kind, Event.service_id, Event.ticket_id).where(
        Event.id > event_id)
    if known:
        query = query.where(Event.id.not_in(known))
    rows = session.execute(query.order_by(Event.id).limit(_MAX_EVENTS + 1)).all()
    ids = frozenset(r[0] for r in rows)
    if len(rows) > _MAX_EVENTS or any(k in _WIDE or s is None for _, k, s, _ in rows):
        return Changes(None, frozenset(), ids)
    return Changes(frozenset(s for _, _, s, _ in rows if s is not None),
                   frozenset(t for _, _, _, t in rows if t is not None), ids)


def newest_event_id(session: Session) -> int:
    return int(session.scalar(select(func.max(Event.id))) or 0)
