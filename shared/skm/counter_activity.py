"""What a survey tablet at a counter needs to know: the counter's newest finish and newest
call (event ids and times), read in one short transaction through ix_events_counter_kind.

The tablet invites the visitor of the newest finish unless a later call has come since:
"finish and call next" (one key on the console) writes the finish and the next call in one
transaction at the same moment, and that call must not swallow the invitation, since the
visitor just served is the one standing at the tablet. A newer call ends a survey. A recall
does not: it brings nobody new to the counter. A finish taken back at the console (undo, a
few seconds later) withdraws its invitation: that visitor is being served again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from shared import lookups
from shared.db import Database
from shared.models import Event, EventKind, Ticket


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
    last_finish_at: datetime | None = None
    last_call_at: datetime | None = None
    last_undo_id: int = 0  # the newest undo of a finish here (0: none)
    last_undo_ticket_id: int | None = None

    @property
    def invite(self) -> FinishedHere | None:
        """The finish to invite for: the newest one, if no call came after it other than the
        call made with it ("finish and call next": the same transaction, the same moment)."""
        if self.last_finish is None or self.last_undo_id > self.last_finish.event_id:
            return None
        if self.last_finish.event_id > self.last_call_id:
            return self.last_finish
        if self.last_call_at is not None and self.last_call_at == self.last_finish_at:
            return self.last_finish
        return None


def counter_activity(db: Database, *, counter: int) -> CounterActivity:
    """Raises NotFoundError when the counter is unknown or retired from the site."""
    with db.read() as session:
        row = lookups.counter_by_number(session, counter)
        finish = session.execute(
            select(Event.id, Ticket.id, Ticket.number, Event.at)
            .join(Ticket, Ticket.id == Event.ticket_id)
            .where(Event.counter_id == row.id, Event.kind == EventKind.FINISH)
            .order_by(Event.id.desc())
            .limit(1)
        ).first()
        last_call = session.execute(
            select(Event.id, Event.at)
            .where(Event.counter_id == row.id, Event.kind == EventKind.CALL)
            .order_by(Event.id.desc())
            .limit(1)
        ).first()
        undo = session.execute(
            select(Event.id, Event.ticket_id)
            .where(Event.counter_id == row.id, Event.kind == EventKind.UNDO,
                   Event.detail == EventKind.FINISH)
            .order_by(Event.id.desc())
            .limit(1)
        ).first()
        finished, finished_at = None, None
        if finish is not None:
            event_id, ticket_id, number, finished_at = finish
            ticket = session.get(Ticket, ticket_id)
            assert ticket is not None
            finished = FinishedHere(event_id, ticket_id, number, ticket.service.name)
        call_id, call_at = last_call if last_call is not None else (0, None)
        undo_id, undo_ticket = undo if undo is not None else (0, None)
        return CounterActivity(counter, row.name, finished, int(call_id), finished_at, call_at,
                               int(undo_id), undo_ticket)
