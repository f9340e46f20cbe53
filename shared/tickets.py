"""Issuing tickets at the kiosk: open-state checks, numbering, people ahead and estimates."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, cast

from sqlalchemy import Connection, Table, bindparam, func, insert, or_, select
from sqlalchemy.orm import Session, object_session

from shared import clock, lookups, presence, ticket_url
from shared.booking_slots import pending_bookings
from shared.db import Database
from shared.errors import AntreError, QueueError
from shared.models import (
    IS_DONE,
    IS_WAITING,
    PRIORITY_KINDS,
    Counter,
    CounterPresence,
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
from shared.ticket_links import Links, qr_payload
from shared.views import IssuedTicket, TicketView
from shared.words import agency_name

RECENT_SERVICE_SAMPLE = 30
RECENT_SERVICE_DAYS = 14


def last_transfers(session: Session, ticket_ids: list[int]) -> dict[int, tuple[str, str]]:
    """For transferred tickets: ticket id -> (the agency it last came from, the note)."""
    if not ticket_ids:
        return {}
    rows = session.execute(
        select(Event.ticket_id, Service.name, Service.code, Event.detail)
        .join(Service, Service.id == Event.source_service_id)
        .where(Event.kind == EventKind.TRANSFER, Event.ticket_id.in_(ticket_ids))
        .order_by(Event.id)
    )
    return {
        int(ticket_id): (agency_name(name, code), note)
        for ticket_id, name, code, note in rows
        if ticket_id is not None
    }


def ticket_view(ticket: Ticket, counter_number: int | None = None,
                agency: tuple[str, str] | None = None) -> TicketView:
    """`agency` (code, name), when the caller has it, spares loading the ticket's agency."""
    came_from, note = None, ""
    session = object_session(ticket)
    if ticket.transfers > 0 and session is not None:
        came_from, note = last_transfers(session, [ticket.id]).get(ticket.id, (None, ""))
    return TicketView(
        id=ticket.id,
        number=ticket.number,
        agency_code=agency[0] if agency else ticket.service.code,
        agency_name=agency[1] if agency else ticket.service.name,
        status=ticket.status,
        priority=ticket.priority,
        counter=counter_number,
        issued_at=clock.from_utc_naive(ticket.issued_at),
        called_at=clock.from_utc_naive(ticket.called_at) if ticket.called_at else None,
        print_status=ticket.print_status,
        recalls=ticket.recalls,
        transferred=ticket.transfers > 0,
        transferred_from=came_from,
        transfer_note=note,
        online=ticket.online,
    )


def issue_ticket(
    db: Database, *, service: str, priority: str | None = None, now: datetime | None = None
) -> IssuedTicket:
    """Takes the next number for `service` (an agency code), or refuses with a reason."""
    if priority is not None and priority not in PRIORITY_KINDS:
        raise AntreError(
            "error.unknown_priority", value=priority, allowed=", ".join(PRIORITY_KINDS)
        )
    moment = now or clock.now()
    # Site and agency are read before the write lock; only numbering and inserts hold it.
    with db.read_rows() as rows:
        plan = plan_issue(rows, service, moment)
    new = db.run_write(lambda s: insert_ticket(s, plan, priority=priority, moment=moment))
    return describe_new(db, plan, new, moment)


@dataclass(frozen=True)
class IssuePlan:
    """What issuing needs to know about the site and the agency, read before the lock."""

    service_id: int
    code: str
    name: str
    prefix: str
    quota: int | None
    active: bool
    schedule: dict[str, Any]
    service_minutes: int
    local: datetime
    site_name: str
    links: Links
    footer: str
    footer_en: str


@dataclass(frozen=True)
class NewTicket:
    """A ticket just inserted (committed by the caller's transaction)."""

    id: int
    seq: int
    priority: str | None
    queued_at: datetime  # naive UTC, as stored
    online: bool = False


def plan_issue(session: Session | Connection, code: str, moment: datetime) -> IssuePlan:
    """The site's and the agency's settings for issuing, in one query of plain rows."""
    row = session.execute(_PLAN, {"code": code.strip().upper()}).first()
    if row is None:
        raise AntreError("error.no_site")
    if row.service_id is None or not row.active:
        raise lookups.unknown_agency(session, code)
    links = Links(row.web_base_url, row.link_secret, row.status_url)
    if links.uses_template:
        # Checked before the number is taken, so nothing fails on the ticket after its
        # commit: a status URL stored before `antre init` checked templates fails here.
        ticket_url.check(links.status_url)
    return IssuePlan(row.service_id, row.code, row.agency_name, row.prefix, row.daily_quota,
                     row.active, row.schedule, row.service_minutes,
                     clock.local(moment, row.timezone), row.site_name, links,
                     row.ticket_footer, row.ticket_footer_en)


_PLAN = (  # the site row (never its logo) and the agency, matched on its code in any case
    select(Site.timezone, Site.name.label("site_name"), Site.web_base_url, Site.link_secret,
           Site.status_url, Site.ticket_footer, Site.ticket_footer_en,
           Service.id.label("service_id"), Service.code, Service.name.label("agency_name"),
           Service.prefix, Service.daily_quota, Service.active, Service.schedule,
           Service.service_minutes)
    .select_from(Site)
    .outerjoin(Service, func.upper(Service.code) == bindparam("code"))
    .where(Site.id == 1)
)


@dataclass(frozen=True)
class _Place:
    """Where a ticket stands in its queue: what people ahead and the estimate depend on."""

    service_id: int
    service_minutes: int
    day: date
    ticket_id: int
    priority: str | None
    queued_at: datetime
    front: int


def insert_ticket(session: Session, plan: IssuePlan, *, priority: str | None,
                  moment: datetime, online: bool = False, queued_at: datetime | None = None,
                  booked: bool = False) -> NewTicket:
    """Numbers and inserts a waiting ticket in `session`'s write transaction.

    A walk-in ticket is refused while the agency is closed, on a break, past its last
    ticket time or out of quota. A `booked` one (a booking's check-in) was given its place
    when it was booked: only an inactive agency refuses it.
    """
    day = plan.local.date()
    rows = session.connection()  # plain statements: no ORM bookkeeping under the lock
    seq = take_next_seq(rows, service_id=plan.service_id, day=day)
    held = 0  # a walk-in leaves room for today's bookings not yet checked in
    if plan.quota is not None and not booked:
        held = pending_bookings(rows, day, plan.service_id).get(plan.service_id, 0)
    state = availability(plan.schedule, plan.local, issued_today=seq - 1 + held,
                         quota=plan.quota, active=plan.active)
    if not state.open and (not booked or state.reason == "inactive"):
        # Raising rolls the whole transaction back, the taken number included.
        raise QueueError(state.reason or "closed", code="refusal.agency", agency=plan.name,
                         why=state.why)
    stored = clock.to_utc_naive(moment)
    queued = queued_at or stored
    ticket_id = rows.execute(_INSERT_TICKET, {
        "issued_service_id": plan.service_id, "service_id": plan.service_id, "day": day,
        "seq": seq, "number": format_number(plan.prefix, seq), "priority": priority,
        "status": TicketStatus.WAITING.value, "front": 1, "issued_at": stored,
        "queued_at": queued, "recalls": 0, "transfers": 0,
        "print_status": PrintStatus.PENDING.value, "online": online,
    }).scalar_one()
    rows.execute(_INSERT_EVENT, {"at": stored, "kind": EventKind.ISSUE.value,
                                 "ticket_id": ticket_id, "service_id": plan.service_id,
                                 "detail": "online" if online else priority or ""})
    return NewTicket(int(ticket_id), seq, priority, queued, online)


def describe_new(db: Database, plan: IssuePlan, new: NewTicket, moment: datetime) -> IssuedTicket:
    """The issued ticket with people ahead and the estimate, read after the commit."""
    number = format_number(plan.prefix, new.seq)
    stored = clock.to_utc_naive(moment)
    place = _Place(plan.service_id, plan.service_minutes, plan.local.date(), new.id,
                   new.priority, new.queued_at, front=1)
    # People ahead and the estimate are read after the commit, outside the write lock.
    with db.read_rows() as session:
        ahead = people_ahead(session, place)
        minutes = estimate_wait_minutes(session, place, ahead, moment)
    view = TicketView(
        id=new.id, number=number, agency_code=plan.code, agency_name=plan.name,
        status=TicketStatus.WAITING, priority=new.priority, counter=None,
        issued_at=clock.from_utc_naive(stored), called_at=None,
        print_status=PrintStatus.PENDING, online=new.online,
    )
    return IssuedTicket(
        ticket=view, site_name=plan.site_name, people_ahead=ahead,
        estimated_wait_minutes=minutes, issued_local=plan.local,
        qr_payload=qr_payload(plan.links, number=number, ticket_id=new.id,
                              day=plan.local.date()),
        footer=plan.footer,
        footer_en=plan.footer_en,
    )


# Built once, compiled once: issuing is the hottest write path.
# Table-level (Core) statements skip the ORM's bulk-insert machinery.
_TICKETS = cast(Table, Ticket.__table__)
_INSERT_TICKET = insert(_TICKETS).returning(_TICKETS.c.id)
_INSERT_EVENT = insert(cast(Table, Event.__table__))


def _describe(session: Session, ticket: Ticket, moment: datetime) -> IssuedTicket:
    """An existing ticket with fresh figures (reprints)."""
    site = lookups.site(session)
    place = _Place(ticket.service_id, ticket.service.service_minutes, ticket.day, ticket.id,
                   ticket.priority, ticket.queued_at, ticket.front)
    ahead = people_ahead(session, place) if ticket.status == TicketStatus.WAITING else 0
    counter = session.get(Counter, ticket.counter_id) if ticket.counter_id else None
    return IssuedTicket(
        ticket=ticket_view(ticket, counter.number if counter else None),
        site_name=site.name,
        people_ahead=ahead,
        estimated_wait_minutes=estimate_wait_minutes(session, place, ahead, moment),
        issued_local=clock.local(ticket.issued_at, site.timezone),
        qr_payload=qr_payload(Links.of(site), number=ticket.number, ticket_id=ticket.id,
                              day=ticket.day),
        footer=site.ticket_footer,
        footer_en=site.ticket_footer_en,
    )


def _ahead_query(kind: str) -> Any:
    """One of three counts (transfer, priority, regular), built once with bound parameters."""
    t = _TICKETS.c
    query = select(func.count()).select_from(_TICKETS).where(
        t.service_id == bindparam("service_id"),
        IS_WAITING,
        t.day == bindparam("day"),
        t.id != bindparam("ticket_id"),
    )
    mine: Any = bindparam("queued_at")
    if kind == "transfer":  # a transferred ticket waits only behind earlier transfers
        return query.where(t.front == 0, t.queued_at <= mine)
    if kind == "priority":  # behind transfers and earlier priority visitors
        return query.where(or_(t.front == 0, t.priority.is_not(None)),
                           or_(t.front == 0, t.queued_at <= mine))
    return query.where(or_(t.front == 0, t.priority.is_not(None), t.queued_at <= mine))


_AHEAD = {kind: _ahead_query(kind) for kind in ("transfer", "priority", "regular")}
_RECENT_SERVICE = (
    select(_TICKETS.c.service_seconds)
    .where(
        _TICKETS.c.service_id == bindparam("service_id"),
        _TICKETS.c.finished_at >= bindparam("since"),
        IS_DONE,
        _TICKETS.c.service_seconds.is_not(None),
    )
    .order_by(_TICKETS.c.finished_at.desc())
    .limit(RECENT_SERVICE_SAMPLE)
)
# Open: active, not on a break, and held by a console whose heartbeat is recent.
_OPEN_COUNTERS = (
    select(func.count())
    .select_from(
        CounterService.__table__.join(Counter.__table__).join(
            CounterPresence.__table__, CounterPresence.counter_id == Counter.id
        )
    )
    .where(
        CounterService.service_id == bindparam("service_id"),
        Counter.active.is_(True),
        Counter.paused.is_(False),
        CounterPresence.heartbeat_at.between(bindparam("beat_from"), bindparam("beat_to")),
    )
)


def people_ahead(session: Session | Connection, place: _Place) -> int:
    """Waiting tickets of the same agency that will be called before this one."""
    kind = "transfer" if place.front == 0 else "priority" if place.priority else "regular"
    params = {"service_id": place.service_id, "day": place.day, "ticket_id": place.ticket_id,
              "queued_at": place.queued_at}
    return int(session.scalar(_AHEAD[kind], params) or 0)


def estimate_wait_minutes(session: Session | Connection, place: _Place, ahead: int,
                          moment: datetime) -> int:
    """People ahead x recent median service time / counters open for this agency."""
    per_person, counters = service_pace(session, service_id=place.service_id,
                                        service_minutes=place.service_minutes, moment=moment)
    return wait_minutes(ahead, per_person, counters)


def service_pace(session: Session | Connection, *, service_id: int, service_minutes: int,
                 moment: datetime) -> tuple[float, int]:
    """An agency's recent median minutes per visitor and its open counters (someone signed in
    there, not on a break; at least one)."""
    since = clock.to_utc_naive(moment - timedelta(days=RECENT_SERVICE_DAYS))
    recent: list[int] = sorted(
        session.scalars(_RECENT_SERVICE, {"service_id": service_id, "since": since}))
    per_person = recent[len(recent) // 2] / 60 if recent else float(service_minutes)
    window = {"beat_from": clock.to_utc_naive(moment - presence.TIMEOUT),
              "beat_to": clock.to_utc_naive(moment + presence.TIMEOUT)}
    counters = session.scalar(_OPEN_COUNTERS, {"service_id": service_id, **window}) or 1
    return per_person, int(counters)


def wait_minutes(ahead: int, per_person: float, counters: int) -> int:
    return math.ceil(ahead * per_person / counters)


def mark_printed(db: Database, *, ticket_id: int, printed: bool, detail: str = "",
                 status: PrintStatus | None = None) -> None:
    """Records whether the kiosk's printer produced the ticket (staff see failures).

    `status` overrides printed/failed, e.g. NOT_PRINTED for a kiosk without a printer.
    """

    def work(session: Session) -> None:
        ticket = session.get(Ticket, ticket_id)
        if ticket is None:
            raise AntreError("error.unknown_ticket_id", id=ticket_id)
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
