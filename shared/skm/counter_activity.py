"""What a survey tablet at a counter needs to know: the counter's newest finish and newest
call (event ids), read in one short transaction through ix_events_counter_kind. The tablet invites the visitor of a finish
that no call has followed, and ends a survey when a newer call comes."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from shared import lookups
from shared.db import Database
from shared.models import Event, EventKind, Ticket

_CALLS = (EventKind.CALL, EventKind.RECALL)


@dataclass(frozen=True)
class FinishedHere:
    event_id: int
    ticket_id: int
    number: str
    agency_name: str


@dataclass(frozen=True)
class CounterActivity:
    counter: int
    name: str
    last_finish: FinishedHere | None
    last_call_id: int  # 0: no call yet

    @property
    def invite(self) -> FinishedHere | None:
        """The finish to invite for: the newest one, if no call came after it."""
        if self.last_finish is None or self.last_finish.event_id < self.last_call_id:
            return None
        return self.last_finish


def counter_activity(db: Database, *, counter: int) -> CounterActivity:
    """Raises NotFoundError when the counter is unknown or retired from the site."""
    with db.read() as session:
        row = lookups.counter_by_number(session, counter)
        finish = session.execute(
            select(Event.id, Ticket.id, Ticket.number, Ticket.service_id)
            .join(Ticket, Ticket.id == Event.ticket_id)
            .where(Event.counter_id == row.id, Event.kind == EventKind.FINISH)
            .order_by(Event.id.desc())
            .limit(1)
        ).first()
        last_call = session.scalar(
            select(Event.id)
            .where(Event.counter_id == row.id, Event.kind.in_(_CALLS))
            .order_by(Event.id.desc())
            .limit(1)
        )
        finished = None
        if finish is not None:
            event_id, ticket_id, number, _service_id = finish
            ticket = session.get(Ticket, ticket_id)
            assert ticket is not None
            finished = FinishedHere(event_id, ticket_id, number, ticket.service.name)
        return CounterActivity(counter, row.name, finished, int(last_call or 0))
