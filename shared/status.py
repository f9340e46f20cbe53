"""A snapshot of today: agencies with their queues, counters, and today's tickets."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session, selectinload

from shared import clock, lookups
from shared.booking_slots import pending_bookings
from shared.db import Database
from shared.models import Counter, CounterService, DailyNumber, Service, Ticket, TicketStatus
from shared.presence import Presence, fresh, presences
from shared.schedule import availability
from shared.words import Said


@dataclass(frozen=True)
class AgencyStatus:
    code: str
    name: str
    prefix: str
    colour: str
    waiting: int
    served: int
    issued: int
    open: bool
    state: str  # open | closed | break | last_ticket | quota | inactive
    why: Said | None  # why it takes no tickets now (a refusal code with its data)
    short: Said | None = None  # the same in a few words, for a button


@dataclass(frozen=True)
class CounterStatus:
    number: int
    name: str
    agencies: list[str]
    current: str | None
    current_agency: str | None
    state: str  # serving | idle | paused while someone is signed in there, else closed
    activity: str = "idle"  # serving | idle | paused, whether or not anyone is there
    staff: str | None = None  # who is signed in (while their console is alive)
    presence: Presence | None = None  # the claim as stored, for screens that judge liveness
    paused_since: datetime | None = None  # aware UTC

    @property
    def open(self) -> bool:
        return self.state != "closed"


@dataclass(frozen=True)
class TicketRow:
    number: str
    agency: str
    status: str
    priority: str | None
    counter: int | None
    print_status: str
    issued_at: datetime
    queued_at: datetime
    transferred: bool


@dataclass(frozen=True)
class Snapshot:
    date: date
    site_name: str
    running_text: str
    agencies: list[AgencyStatus]
    counters: list[CounterStatus]
    tickets: list[TicketRow] = field(default_factory=list)
    timezone: str = clock.DEFAULT_TZ  # the site's: clocks and dates on every screen

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "agencies": [
                {
                    "code": a.code,
                    "name": a.name,
                    "prefix": a.prefix,
                    "waiting": a.waiting,
                    "served": a.served,
                    "open": a.open,
                }
                for a in self.agencies
            ],
            "counters": [
                {
                    "number": c.number,
                    "agencies": c.agencies,
                    "current": c.current,
                    "state": c.state,
                    "staff": c.staff,
                    "paused_since": c.paused_since.isoformat() if c.paused_since else None,
                }
                for c in self.counters
            ],
            "tickets": [
                {
                    "number": t.number,
                    "agency": t.agency,
                    "status": t.status,
                    "priority": t.priority,
                    "counter": t.counter,
                }
                for t in self.tickets
            ],
        }


def snapshot(db: Database, *, now: datetime | None = None, with_tickets: bool = True) -> Snapshot:
    moment = now or clock.now()
    with db.read() as session:
        return build_snapshot(session, moment, with_tickets=with_tickets)


def build_snapshot(session: Session, moment: datetime, *, with_tickets: bool) -> Snapshot:
    site = lookups.site(session)
    local = clock.local(moment, site.timezone)
    today = local.date()
    counts = _counts(session, today)
    numbered = _issued(session, today)
    held = pending_bookings(session, today)  # the walk-in quota leaves room for these
    agencies = []
    for service in session.scalars(
        select(Service).where(Service.active.is_(True)).order_by(Service.position)
    ):
        waiting, served, _ = counts.get(service.id, (0, 0, 0))
        issued = numbered.get(service.id, 0)
        state = availability(
            service.schedule,
            local,
            issued_today=issued + held.get(service.id, 0),
            quota=service.daily_quota,
            active=service.active,
        )
        agencies.append(
            AgencyStatus(
                code=service.code,
                name=service.name,
                prefix=service.prefix,
                colour=service.colour,
                waiting=waiting,
                served=served,
                issued=issued,
                open=state.open,
                state=state.reason or "open",
                why=state.why,
                short=state.short,
            )
        )
    # One query each for the counters, their agencies and their current tickets.
    rows = list(
        session.scalars(
            select(Counter)
            .where(Counter.active.is_(True))
            .order_by(Counter.number)
            .options(selectinload(Counter.links).selectinload(CounterService.service))
        )
    )
    current_ids = [c.current_ticket_id for c in rows if c.current_ticket_id is not None]
    current = (
        {
            t.id: t
            for t in session.scalars(
                select(Ticket)
                .where(Ticket.id.in_(current_ids), Ticket.status == TicketStatus.CALLED)
                .options(selectinload(Ticket.service))
            )
        }
        if current_ids
        else {}
    )
    present = presences(session)
    counters = [
        _counter_status(c, current.get(c.current_ticket_id or 0), present.get(c.number), moment)
        for c in rows
    ]
    tickets = _tickets(session, today) if with_tickets else []
    return Snapshot(today, site.name, site.running_text, agencies, counters, tickets,
                    site.timezone)


def _counts(session: Session, day: date) -> dict[int, tuple[int, int, int]]:
    rows = session.execute(
        select(
            Ticket.service_id,
            func.sum(case((Ticket.status == TicketStatus.WAITING, 1), else_=0)),
            func.sum(case((Ticket.status == TicketStatus.DONE, 1), else_=0)),
            func.count(),
        )
        .where(Ticket.day == day)
        .group_by(Ticket.service_id)
    )
    return {sid: (int(w or 0), int(d or 0), int(n)) for sid, w, d, n in rows}


def _issued(session: Session, day: date) -> dict[int, int]:
    """Numbers taken today per agency (what the quota counts)."""
    rows = session.execute(
        select(DailyNumber.service_id, DailyNumber.last_seq).where(DailyNumber.day == day)
    )
    return {service_id: seq for service_id, seq in rows}


def _counter_status(
    counter: Counter, current: Ticket | None, presence: Presence | None, moment: datetime
) -> CounterStatus:
    activity = "paused" if counter.paused else ("serving" if current else "idle")
    alive = presence is not None and fresh(presence.heartbeat_at, moment)
    return CounterStatus(
        number=counter.number,
        name=counter.name,
        agencies=[link.service.code for link in counter.links],
        current=current.number if current else None,
        current_agency=current.service.code if current else None,
        state=activity if alive else "closed",
        activity=activity,
        staff=presence.staff_name if presence is not None and alive else None,
        presence=presence,
        paused_since=(
            clock.from_utc_naive(counter.paused_at)
            if counter.paused and counter.paused_at is not None
            else None
        ),
    )


def _tickets(session: Session, day: date) -> list[TicketRow]:
    counters = {i: n for i, n in session.execute(select(Counter.id, Counter.number))}
    codes = {i: c for i, c in session.execute(select(Service.id, Service.code))}
    rows = session.execute(
        select(
            Ticket.number,
            Ticket.service_id,
            Ticket.status,
            Ticket.priority,
            Ticket.counter_id,
            Ticket.print_status,
            Ticket.issued_at,
            Ticket.queued_at,
            Ticket.transfers,
        )
        .where(Ticket.day == day)
        .order_by(Ticket.id)
    )
    return [
        TicketRow(
            number=n,
            agency=codes[sid],
            status=st,
            priority=pr,
            counter=counters.get(cid) if cid else None,
            print_status=ps,
            issued_at=clock.from_utc_naive(ia),
            queued_at=clock.from_utc_naive(qa),
            transferred=tr > 0,
        )
        for n, sid, st, pr, cid, ps, ia, qa, tr in rows
    ]
