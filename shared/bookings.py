"""Online booking (antrean online): book a slot, look it up by its link, cancel it, check
it in at the kiosk (which issues the real ticket, marked online), and day maintenance
(missed bookings become no-shows; names and phone numbers are forgotten after the site's
retention period).

Personal data (name, phone) never leaves this module in a view the visitor's pages use,
and is never logged. Codes and link tokens are random (secrets), never sequential.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shared import booking_rules, clock, lookups
from shared.booking_config import SiteBooking
from shared.booking_slots import DayOffer, check_day, day_offer
from shared.db import Database
from shared.errors import BookingError
from shared.models import ONLINE_PRIORITY, Booking, BookingStatus, Service, Ticket
from shared.schedule import hhmm
from shared.tickets import NewTicket, describe_new, insert_ticket, plan_issue
from shared.views import IssuedTicket


@dataclass(frozen=True)
class BookingView:
    """A booking as its visitor's page shows it: no name, no phone."""

    code: str
    token: str
    agency_code: str
    agency_name: str
    day: date
    slot_start: int
    slot_minutes: int
    status: str
    ticket_number: str | None = None

    @property
    def shown_code(self) -> str:
        return booking_rules.show_code(self.code)

    @property
    def slot_label(self) -> str:
        return f"{hhmm(self.slot_start)}–{hhmm(self.slot_start + self.slot_minutes)}"

    @property
    def active(self) -> bool:
        return self.status == BookingStatus.BOOKED


@dataclass(frozen=True)
class CheckIn:
    """A booking checked in: its ticket (issued and committed) and the booking."""

    issued: IssuedTicket
    booking: BookingView


def _view(row: Booking, ticket_number: str | None = None) -> BookingView:
    return BookingView(row.code, row.link_token, row.service.code, row.service.name, row.day,
                       row.slot_start, row.slot_minutes, row.status, ticket_number)


def site_booking(session: Session) -> SiteBooking:
    return SiteBooking.from_json(lookups.site(session).booking)


def _today(session: Session, moment: datetime) -> tuple[datetime, str]:
    tz = lookups.site(session).timezone
    return clock.local(moment, tz), tz


def offer(db: Database, *, agency: str, day: date, now: datetime | None = None) -> DayOffer:
    """An agency's slots on `day` with their free places, or BookingError why none."""
    moment = now or clock.now()
    with db.read() as session:
        service = lookups.service_by_code(session, agency)
        local, _ = _today(session, moment)
        check_day(site_booking(session), service, day, local.date())
        return day_offer(session, service, day, local)


def book(db: Database, *, agency: str, day: date, slot_start: int, name: str, phone: str,
         now: datetime | None = None) -> BookingView:
    """Books a place in a slot. Bad input, a closed or past day, a full slot or a second
    active booking of the same phone (agency and day) raise BookingError; nothing is written."""
    clean = booking_rules.clean_name(name)
    number = booking_rules.normalise_phone(phone)
    moment = now or clock.now()

    def work(session: Session) -> BookingView:
        service = lookups.service_by_code(session, agency)
        # One booking writer per agency at a time (PostgreSQL; SQLite has one writer anyway):
        # the count of free places and the insert cannot interleave with another's.
        session.execute(select(Service.id).where(Service.id == service.id).with_for_update())
        local, _ = _today(session, moment)
        check_day(site_booking(session), service, day, local.date())
        found = day_offer(session, service, day, local)
        slot = found.slot(slot_start)
        if slot is None:
            raise BookingError("booking.no_slot")
        if slot.free <= 0 or found.day_full:
            raise BookingError("booking.full", slot=slot.label)
        if _active_for_phone(session, service.id, day, number):
            raise BookingError("booking.duplicate", agency=service.name)
        row = Booking(service_id=service.id, service=service, day=day, slot_start=slot.start,
                      slot_minutes=slot.minutes, name=clean, phone=number,
                      code=booking_rules.new_code(), link_token=booking_rules.new_link_token(),
                      status=BookingStatus.BOOKED, created_at=clock.to_utc_naive(moment))
        try:
            with session.begin_nested():
                session.add(row)
        except IntegrityError:  # the same phone at the same moment, or a code collision
            raise BookingError("booking.duplicate", agency=service.name) from None
        return _view(row)

    return db.run_write(work)


def _active_for_phone(session: Session, service_id: int, day: date, phone: str) -> bool:
    return session.scalar(select(Booking.id).where(
        Booking.service_id == service_id, Booking.day == day, Booking.phone == phone,
        Booking.status.in_((BookingStatus.BOOKED, BookingStatus.CHECKED_IN))).limit(1)) is not None


def find(db: Database, *, token: str) -> BookingView | None:
    """The booking of a link token (None: unknown)."""
    if not token or len(token) > 64:
        return None
    with db.read() as session:
        row = session.scalars(select(Booking).where(Booking.link_token == token)).first()
        if row is None:
            return None
        ticket = session.get(Ticket, row.ticket_id) if row.ticket_id else None
        return _view(row, ticket.number if ticket else None)


def cancel(db: Database, *, token: str, now: datetime | None = None) -> BookingView:
    """Cancels a booking that is not yet used; its place is free again."""
    moment = now or clock.now()

    def work(session: Session) -> BookingView:
        row = session.scalars(select(Booking).where(Booking.link_token == token)
                              .with_for_update()).first()
        if row is None:
            raise BookingError("booking.unknown")
        if row.status == BookingStatus.CHECKED_IN:
            raise BookingError("booking.used")
        if row.status == BookingStatus.CANCELLED:
            raise BookingError("booking.cancelled")
        if row.status != BookingStatus.BOOKED:
            raise BookingError("booking.over")
        row.status = BookingStatus.CANCELLED
        row.changed_at = clock.to_utc_naive(moment)
        return _view(row)

    return db.run_write(work)


def check_in(db: Database, *, typed: str, now: datetime | None = None) -> CheckIn:
    """The kiosk's check-in of a typed or scanned code: within the slot's window the real
    ticket is issued (marked online, placed by the site's queue rule) in the same
    transaction that marks the booking used; otherwise BookingError says why."""
    code = booking_rules.normalise_code(typed)
    if code is None:
        raise BookingError("booking.unknown")
    moment = now or clock.now()
    with db.read() as session:
        row = session.scalars(select(Booking).where(Booking.code == code)).first()
        if row is None:
            raise BookingError("booking.unknown")
        plan = plan_issue(session, row.service.code, moment)

    def work(session: Session) -> tuple[NewTicket, BookingView]:
        booking = session.scalars(select(Booking).where(Booking.code == code)
                                  .with_for_update()).one()
        site = site_booking(session)
        local, tz = _today(session, moment)
        _check_window(booking, site, local)
        priority = ONLINE_PRIORITY if site.queue_rule == "priority" else None
        queued_at = None
        if site.queue_rule == "slot":
            slot_at = datetime.combine(booking.day, time(), ZoneInfo(tz)) + timedelta(
                minutes=booking.slot_start)
            queued_at = clock.to_utc_naive(min(slot_at, moment))
        new = insert_ticket(session, plan, priority=priority, moment=moment, online=True,
                            queued_at=queued_at, booked=True)
        booking.status = BookingStatus.CHECKED_IN
        booking.ticket_id = new.id
        booking.changed_at = clock.to_utc_naive(moment)
        return new, _view(booking)

    new, view = db.run_write(work)
    issued = describe_new(db, plan, new, moment)
    return CheckIn(issued, BookingView(**{**view.__dict__, "ticket_number": issued.ticket.number}))


def _check_window(booking: Booking, site: SiteBooking, local: datetime) -> None:
    if booking.status == BookingStatus.CANCELLED:
        raise BookingError("booking.cancelled")
    if booking.status == BookingStatus.CHECKED_IN:
        raise BookingError("booking.used")
    slot = hhmm(booking.slot_start)
    if booking.day != local.date():
        raise BookingError("booking.wrong_day", day=booking.day.isoformat(), slot=slot)
    minute = local.hour * 60 + local.minute
    opens = booking.slot_start - site.checkin_before_minutes
    closes = booking.slot_start + site.checkin_after_minutes
    if minute < opens:
        raise BookingError("booking.early", slot=slot, opens=hhmm(opens))
    if minute > closes or booking.status == BookingStatus.NO_SHOW:
        raise BookingError("booking.late", slot=slot, closes=hhmm(closes))


def personal(db: Database, *, ticket_id: int) -> tuple[str, str] | None:
    """The name and phone behind an online ticket, for staff (console); None if none or
    already forgotten."""
    with db.read() as session:
        row = session.scalars(select(Booking).where(Booking.ticket_id == ticket_id)).first()
        if row is None or row.name is None:
            return None
        return row.name, booking_rules.show_phone(row.phone)


@dataclass(frozen=True)
class Upkeep:
    no_shows: int
    forgotten: int


def maintain(db: Database, *, now: datetime | None = None) -> Upkeep:
    """Bookings whose check-in window has passed become no-shows; the name and phone of
    bookings older than the retention period are removed. Safe to run often, anywhere."""
    moment = now or clock.now()

    def work(session: Session) -> Upkeep:
        site = site_booking(session)
        local, _ = _today(session, moment)
        minute = local.hour * 60 + local.minute
        stamp = clock.to_utc_naive(moment)
        missed = 0
        for row in session.scalars(select(Booking).where(
                Booking.status == BookingStatus.BOOKED, Booking.day <= local.date())):
            if row.day < local.date() or minute > row.slot_start + site.checkin_after_minutes:
                row.status = BookingStatus.NO_SHOW
                row.changed_at = stamp
                missed += 1
        cutoff = local.date() - timedelta(days=site.retention_days)
        result = session.execute(
            update(Booking)
            .where(Booking.day < cutoff, Booking.forgotten_at.is_(None))
            .values(name=None, phone=None, forgotten_at=stamp))
        return Upkeep(missed, int(result.rowcount or 0))  # type: ignore[attr-defined]

    return db.run_write(work)
