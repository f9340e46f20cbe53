"""What one counter's console needs in one read: the counter, the ticket it serves, the waiting
list of the agencies it serves with counts, today's served count and median service time.

The waiting list query filters on `status = 'waiting'` written as a literal (not a bound
parameter), so SQLite's planner can prove the partial index `ix_tickets_waiting` applies;
with 500+ waiting tickets the read stays a few milliseconds.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from shared import clock, lookups
from shared.booking_rules import show_phone
from shared.db import Database
from shared.models import (
    IS_WAITING,
    Booking,
    Counter,
    Event,
    Service,
    Ticket,
    TicketStatus,
    waiting_day,
)
from shared.tickets import last_transfers, ticket_view
from shared.views import TicketView


@dataclass(frozen=True)
class Agency:
    code: str
    name: str
    prefix: str
    colour: str


@dataclass(frozen=True)
class WaitingTicket:
    number: str
    agency_code: str
    priority: str | None
    issued_at: datetime  # aware UTC
    queued_at: datetime  # aware UTC
    transferred: bool
    print_status: str
    transferred_from: str | None = None  # the agency it came from (display name)
    transfer_note: str = ""  # what the sending counter wrote
    online: bool = False  # issued by an online booking's check-in


@dataclass(frozen=True)
class LastEvent:
    """The newest event written for this counter: tells whether an action got recorded."""

    id: int
    kind: str
    staff_id: int | None
    ticket_number: str | None


@dataclass(frozen=True)
class CounterState:
    number: int
    name: str
    day: date
    paused: bool
    agencies: list[Agency]  # served by this counter, in order
    other_agencies: list[Agency]  # transfer targets
    current: TicketView | None
    current_wait_seconds: int | None
    waiting: list[WaitingTicket] = field(default_factory=list)
    waiting_counts: dict[str, int] = field(default_factory=dict)
    served_today: int = 0
    median_service_seconds: float | None = None
    last_event: LastEvent | None = None
    # The current ticket's online booking: (name, phone) for staff; None for a walk-in.
    current_booked_by: tuple[str, str] | None = None


def _agency(service: Service) -> Agency:
    return Agency(service.code, service.name, service.prefix, service.colour)


def counter_state(db: Database, *, counter: int, now: datetime | None = None) -> CounterState:
    """Everything a console shows, in one read transaction. Unknown counter: NotFoundError."""
    moment = now or clock.now()
    with db.read() as session:
        return build_counter_state(session, counter, moment)


def build_counter_state(session: Session, number: int, moment: datetime) -> CounterState:
    site = lookups.site(session)
    day = clock.service_day(moment, site.timezone)
    row = lookups.counter_by_number(session, number)
    served = [link.service for link in row.links if link.service.active]
    served_ids = [s.id for s in served]
    others = session.scalars(
        select(Service)
        .where(Service.active.is_(True), Service.id.not_in(served_ids or [-1]))
        .order_by(Service.position)
    )
    current, wait = _current(session, row)
    count, median = served_stats(session, row.id, day)
    waiting = waiting_tickets(session, served_ids, day)
    counts = {s.code: 0 for s in served}
    for ticket in waiting:
        counts[ticket.agency_code] = counts.get(ticket.agency_code, 0) + 1
    return CounterState(
        number=row.number,
        name=row.name,
        day=day,
        paused=row.paused,
        agencies=[_agency(s) for s in served],
        other_agencies=[_agency(s) for s in others],
        current=current,
        current_wait_seconds=wait,
        waiting=waiting,
        waiting_counts=counts,
        served_today=count,
        median_service_seconds=median,
        last_event=last_event(session, row.id),
        current_booked_by=booked_by(session, current.id) if current and current.online else None,
    )


def booked_by(session: Session, ticket_id: int) -> tuple[str, str] | None:
    """The name and phone of the booking behind an online ticket (None once forgotten)."""
    row = session.execute(select(Booking.name, Booking.phone)
                          .where(Booking.ticket_id == ticket_id)).first()
    if row is None or row[0] is None:
        return None
    return str(row[0]), show_phone(row[1])


def _current(session: Session, row: Counter) -> tuple[TicketView | None, int | None]:
    if row.current_ticket_id is None:
        return None, None
    ticket = session.get(Ticket, row.current_ticket_id)
    if ticket is None or ticket.status != TicketStatus.CALLED or ticket.counter_id != row.id:
        return None, None
    return ticket_view(ticket, row.number), ticket.wait_seconds


def waiting_tickets(session: Session, service_ids: list[int], day: date) -> list[WaitingTicket]:
    """Waiting tickets of these agencies today, roughly in calling order (transfers,
    priority, then oldest first)."""
    if not service_ids:
        return []
    codes = {sid: code for sid, code in session.execute(select(Service.id, Service.code))}
    sqlite = session.get_bind().dialect.name == "sqlite"
    rows = list(session.execute(waiting_query(service_ids, day, sqlite=sqlite)))
    moved = last_transfers(session, [row[7] for row in rows if row[5] > 0])
    return [
        WaitingTicket(
            number=number,
            agency_code=codes[service_id],
            priority=priority,
            issued_at=clock.from_utc_naive(issued),
            queued_at=clock.from_utc_naive(queued),
            transferred=transfers > 0,
            print_status=printed,
            transferred_from=moved.get(ticket_id, (None, ""))[0],
            transfer_note=moved.get(ticket_id, (None, ""))[1],
            online=bool(online),
        )
        for (number, service_id, priority, issued, queued, transfers, printed, ticket_id,
             online) in rows
    ]


def waiting_query(
    service_ids: list[int], day: date, *, sqlite: bool = True
) -> Select[str, int, str | None, datetime, datetime, int, str, int, bool]:
    day_column = waiting_day("sqlite" if sqlite else "postgresql")
    return (
        select(
            Ticket.number,
            Ticket.service_id,
            Ticket.priority,
            Ticket.issued_at,
            Ticket.queued_at,
            Ticket.transfers,
            Ticket.print_status,
            Ticket.id,
            Ticket.online,
        )
        .where(IS_WAITING, day_column == day, Ticket.service_id.in_(service_ids))
        .order_by(Ticket.front, Ticket.priority.is_(None), Ticket.queued_at, Ticket.id)
    )


def served_stats(session: Session, counter_id: int, day: date) -> tuple[int, float | None]:
    """Today's finished tickets at this counter and their median service time (seconds)."""
    seconds = list(
        session.scalars(
            select(Ticket.service_seconds).where(
                Ticket.day == day,
                Ticket.counter_id == counter_id,
                Ticket.status == TicketStatus.DONE,
            )
        )
    )
    timed = [s for s in seconds if s is not None]
    return len(seconds), (statistics.median(timed) if timed else None)


def last_event(session: Session, counter_id: int) -> LastEvent | None:
    row = session.execute(
        select(Event.id, Event.kind, Event.staff_id, Ticket.number)
        .outerjoin(Ticket, Ticket.id == Event.ticket_id)
        .where(Event.counter_id == counter_id)
        .order_by(Event.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    return LastEvent(id=row[0], kind=row[1], staff_id=row[2], ticket_number=row[3])


def last_event_id(db: Database, *, counter: int) -> int:
    """The id of the newest event of this counter (0: none); read before an action so that,
    if the database goes away mid-action, the console can later tell whether it happened."""
    with db.read() as session:
        row = lookups.counter_by_number(session, counter)
        event = last_event(session, row.id)
        return event.id if event else 0
