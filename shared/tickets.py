"""Issuing tickets at the kiosk: open-state checks, numbering, people ahead and estimates."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, or_, select
from sqlalchemy.orm import Session

from shared import clock, lookups
from shared.db import Database
from shared.errors import AntreError, QueueError
from shared.models import (
    PRIORITY_KINDS,
    Counter,
    CounterService,
    Event,
    EventKind,
    PrintStatus,
    Service,
    Site,
    Ticket,
    TicketStatus,
)
from shared.numbering import format_number, take_next_seq
from shared.schedule import availability
from shared.views import IssuedTicket, TicketView

RECENT_SERVICE_SAMPLE = 30
RECENT_SERVICE_DAYS = 14


def ticket_view(ticket: Ticket, counter_number: int | None = None) -> TicketView:
    return TicketView(
        id=ticket.id,
        number=ticket.number,
        agency_code=ticket.service.code,
        agency_name=ticket.service.name,
        status=ticket.status,
        priority=ticket.priority,
        counter=counter_number,
        issued_at=clock.from_utc_naive(ticket.issued_at),
        called_at=clock.from_utc_naive(ticket.called_at) if ticket.called_at else None,
        print_status=ticket.print_status,
        recalls=ticket.recalls,
        transferred=ticket.transfers > 0,
    )


def issue_ticket(
    db: Database, *, service: str, priority: str | None = None, now: datetime | None = None
) -> IssuedTicket:
    """Takes the next number for `service` (an agency code), or refuses with a reason."""
    if priority is not None and priority not in PRIORITY_KINDS:
        raise AntreError(f"unknown priority {priority!r} (use {', '.join(PRIORITY_KINDS)})")
    moment = now or clock.now()
    # Site and agency are read before the write lock; only numbering and inserts hold it.
    with db.read() as session:
        site = lookups.site(session)
        agency = lookups.service_by_code(session, service)
        plan = _Plan(agency.id, agency.name, agency.prefix, agency.daily_quota, agency.active,
                     agency.schedule, clock.local(moment, site.timezone))
    ticket_id = db.run_write(lambda s: _issue(s, plan, priority, moment))
    # People ahead and the estimate are read after the commit, outside the write lock.
    with db.read() as session:
        return _describe(session, session.get_one(Ticket, ticket_id), moment)


@dataclass(frozen=True)
class _Plan:
    service_id: int
    name: str
    prefix: str
    quota: int | None
    active: bool
    schedule: dict[str, Any]
    local: datetime


def _issue(session: Session, plan: _Plan, priority: str | None, moment: datetime) -> int:
    day = plan.local.date()
    seq = take_next_seq(session, service_id=plan.service_id, day=day)
    state = availability(plan.schedule, plan.local, issued_today=seq - 1, quota=plan.quota,
                         active=plan.active)
    if not state.open:
        # Raising rolls the whole transaction back, the taken number included.
        raise QueueError(f"{plan.name}: {state.message}", reason=state.reason or "closed")
    stored = clock.to_utc_naive(moment)
    ticket_id = session.execute(_INSERT_TICKET, {
        "issued_service_id": plan.service_id, "service_id": plan.service_id, "day": day,
        "seq": seq, "number": format_number(plan.prefix, seq), "priority": priority,
        "status": TicketStatus.WAITING.value, "front": 1, "issued_at": stored,
        "queued_at": stored, "recalls": 0, "transfers": 0,
        "print_status": PrintStatus.PENDING.value,
    }).scalar_one()
    session.execute(_INSERT_EVENT, {"at": stored, "kind": EventKind.ISSUE.value,
                                    "ticket_id": ticket_id, "service_id": plan.service_id,
                                    "detail": priority or ""})
    return int(ticket_id)


# Built once, compiled once: issuing is the hottest write path.
_INSERT_TICKET = insert(Ticket).returning(Ticket.id)
_INSERT_EVENT = insert(Event)


def _describe(session: Session, ticket: Ticket, moment: datetime) -> IssuedTicket:
    site = lookups.site(session)
    ahead = people_ahead(session, ticket) if ticket.status == TicketStatus.WAITING else 0
    counter = session.get(Counter, ticket.counter_id) if ticket.counter_id else None
    return IssuedTicket(
        ticket=ticket_view(ticket, counter.number if counter else None),
        site_name=site.name,
        people_ahead=ahead,
        estimated_wait_minutes=estimate_wait_minutes(session, ticket.service, ahead, moment),
        issued_local=clock.local(ticket.issued_at, site.timezone),
        qr_payload=qr_payload(site, ticket),
        footer=site.ticket_footer,
    )


def qr_payload(site: Site, ticket: Ticket) -> str:
    """The site's status URL for this ticket when configured, else a compact ticket id."""
    if site.status_url:
        return site.status_url.format(
            number=ticket.number, id=ticket.id, day=ticket.day.isoformat()
        )
    return f"ANTRE:{ticket.day.isoformat()}:{ticket.number}:{ticket.id}"


def people_ahead(session: Session, ticket: Ticket) -> int:
    """Waiting tickets of the same agency that will be called before this one."""
    query = (
        select(func.count())
        .select_from(Ticket)
        .where(
            Ticket.service_id == ticket.service_id,
            Ticket.status == TicketStatus.WAITING,
            Ticket.day == ticket.day,
            Ticket.id != ticket.id,
        )
    )
    if ticket.priority is not None:
        # Priority visitors wait only behind transfers and earlier priority visitors.
        query = query.where(
            or_(Ticket.front == 0, Ticket.priority.is_not(None)),
            or_(Ticket.front == 0, Ticket.queued_at <= ticket.queued_at),
        )
    else:
        query = query.where(
            or_(
                Ticket.front == 0,
                Ticket.priority.is_not(None),
                Ticket.queued_at <= ticket.queued_at,
            )
        )
    return int(session.scalar(query) or 0)


def estimate_wait_minutes(session: Session, service: Service, ahead: int, moment: datetime) -> int:
    """People ahead x recent median service time / counters open for this agency."""
    since = clock.to_utc_naive(moment - timedelta(days=RECENT_SERVICE_DAYS))
    recent: list[int] = list(
        session.scalars(
            select(Ticket.service_seconds)
            .where(
                Ticket.service_id == service.id,
                Ticket.day >= since.date(),
                Ticket.status == TicketStatus.DONE,
                Ticket.service_seconds.is_not(None),
            )
            .order_by(Ticket.finished_at.desc())
            .limit(RECENT_SERVICE_SAMPLE)
        )
    )
    if recent:
        recent.sort()
        per_person = recent[len(recent) // 2] / 60
    else:
        per_person = float(service.service_minutes)
    counters = (
        session.scalar(
            select(func.count())
            .select_from(CounterService)
            .join(Counter, Counter.id == CounterService.counter_id)
            .where(
                CounterService.service_id == service.id,
                Counter.active.is_(True),
                Counter.paused.is_(False),
            )
        )
        or 1
    )
    return math.ceil(ahead * per_person / counters)


def mark_printed(db: Database, *, ticket_id: int, printed: bool, detail: str = "",
                 status: PrintStatus | None = None) -> None:
    """Records whether the kiosk's printer produced the ticket (staff see failures).

    `status` overrides printed/failed, e.g. NOT_PRINTED for a kiosk without a printer.
    """

    def work(session: Session) -> None:
        ticket = session.get(Ticket, ticket_id)
        if ticket is None:
            raise AntreError(f"unknown ticket #{ticket_id}")
        ticket.print_status = status or (PrintStatus.PRINTED if printed else PrintStatus.FAILED)
        session.add(
            Event(
                at=clock.to_utc_naive(clock.now()),
                kind=EventKind.PRINT,
                ticket_id=ticket.id,
                service_id=ticket.service_id,
                detail=("ok" if printed else "no printer" if status == PrintStatus.NOT_PRINTED
                        else f"failed: {detail}")[:200],
            )
        )

    db.run_write(work)


def find_ticket(db: Database, *, number: str, now: datetime | None = None) -> IssuedTicket:
    """Today's ticket by number, with fresh people-ahead figures (for reprints)."""
    moment = now or clock.now()
    with db.read() as session:
        day = clock.service_day(moment, lookups.site(session).timezone)
        return _describe(session, lookups.ticket_by_number(session, number, day), moment)
