"""Taking back a counter's last no-show or "finish and call next" a few seconds after it.

An undo is a new event (kind "undo", detail: the kind it takes back), never a rewrite of
history: the audit trail keeps the action and its undo, and the tickets go back to the state
they had. Only the counter's newest action can be undone, and only for `UNDO_SECONDS` (plus
`GRACE_SECONDS` for a slow write or a console whose clock lags a little).

A ticket called by "finish and call next" goes back to waiting at its old place (`queued_at`
and `front` were never changed by the call), even if the hall display already announced it:
the undo window (10 s) is about as long as the announcement itself, so refusing an undo once
announced would make it useless. The display drops the undone call from its board and the
big panel shows the ticket being served again; nothing is spoken, and a call still queued
in the announcer is withdrawn. Because the ticket keeps its place, it is normally the next
one called anywhere, and is announced again then.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from shared import clock, lookups
from shared.db import Database
from shared.errors import QueueError
from shared.models import Counter, Event, EventKind, Ticket, TicketStatus
from shared.tickets import ticket_view
from shared.views import TicketView

UNDO_SECONDS = 10
GRACE_SECONDS = 5
_STREAK = re.compile(r"prior_streak=(\d+)")


class UndoKind(enum.StrEnum):
    NO_SHOW = "no_show"  # the no-show ticket is served again
    FINISH = "finish"  # the finished ticket is served again (the call after it taken back)


@dataclass(frozen=True)
class Undone:
    """What an undo did: `restored` is served again; `returned` (the ticket that "finish and
    call next" called) waits again at its place."""

    kind: UndoKind
    counter: int
    restored: TicketView
    returned: TicketView | None


def prior_streak_detail(streak: int) -> str:
    """The call event's detail that lets an undo put the counter's priority streak back."""
    return f"prior_streak={streak}"


def undo_last(
    db: Database,
    *,
    counter: int,
    expected: str,
    staff_id: int | None = None,
    now: datetime | None = None,
) -> Undone:
    """Undoes the counter's newest action if it is the no-show or the finish of `expected`
    (with the call that came with it). Refusals: QueueError "undo_none" (nothing of the kind
    is the newest action here) or "undo_late" (older than the undo window)."""
    at = clock.to_utc_naive(now or clock.now())

    def work(session: Session) -> Undone:
        row = lookups.counter_by_number(session, counter, for_update=True)
        newest = _newest_events(session, row)
        call = newest[0] if newest and newest[0].kind == EventKind.CALL else None
        ending = newest[1] if call is not None and len(newest) > 1 else (
            newest[0] if newest else None)
        if (ending is None or ending.kind not in (EventKind.NO_SHOW, EventKind.FINISH)
                or (call is not None and (ending.kind != EventKind.FINISH or ending.at != call.at))):
            raise QueueError("undo_none", code="refusal.undo_none", counter=row.number)
        ticket = session.get(Ticket, ending.ticket_id)
        ended = (TicketStatus.NO_SHOW, TicketStatus.DONE)
        if ticket is None or ticket.number != expected.upper() or ticket.status not in ended:
            raise QueueError("undo_none", code="refusal.undo_none", counter=row.number)
        if (at - ending.at).total_seconds() > UNDO_SECONDS + GRACE_SECONDS:
            raise QueueError("undo_late", number=ticket.number, seconds=UNDO_SECONDS)
        returned = _return_to_waiting(session, row, call, at, staff_id) if call else None
        kind = UndoKind(str(ending.kind))
        ticket.status = TicketStatus.CALLED
        ticket.finished_at = None
        ticket.service_seconds = None
        row.current_ticket_id = ticket.id
        _undo_event(session, row, ticket, at, staff_id, kind)
        return Undone(kind, row.number, ticket_view(ticket, row.number),
                      ticket_view(returned) if returned else None)

    return db.run_write(work)


def _newest_events(session: Session, row: Counter) -> list[Event]:
    """The counter's two newest events, newest first."""
    return list(
        session.scalars(
            select(Event).where(Event.counter_id == row.id).order_by(Event.id.desc()).limit(2)
        )
    )


def _return_to_waiting(
    session: Session, row: Counter, call: Event, at: datetime, staff_id: int | None
) -> Ticket:
    """The called ticket waits again as it did before the call: its place in the queue was
    never changed; its first-call time, wait and staff come back from its earlier call, if
    any (a transferred ticket), else they are cleared; so is the counter's priority streak."""
    ticket = session.get(Ticket, call.ticket_id)
    assert ticket is not None and ticket.status == TicketStatus.CALLED
    earlier = session.scalars(
        select(Event)
        .where(Event.ticket_id == ticket.id, Event.kind == EventKind.CALL, Event.id < call.id)
        .order_by(Event.id.desc())
        .limit(1)
    ).first()
    ticket.status = TicketStatus.WAITING
    ticket.counter_id = None
    if earlier is None:
        ticket.called_at = None
        ticket.wait_seconds = None
        ticket.staff_id = None
    else:
        ticket.called_at = earlier.at
        ticket.staff_id = earlier.staff_id
    streak = _STREAK.fullmatch(call.detail or "")
    if streak is not None:
        row.priority_streak = int(streak.group(1))
    _undo_event(session, row, ticket, at, staff_id, EventKind.CALL)
    return ticket


def _undo_event(
    session: Session, row: Counter, ticket: Ticket, at: datetime, staff_id: int | None,
    undone: str,
) -> None:
    session.add(Event(at=at, kind=EventKind.UNDO, counter_id=row.id, staff_id=staff_id,
                      ticket_id=ticket.id, service_id=ticket.service_id, detail=str(undone)))
