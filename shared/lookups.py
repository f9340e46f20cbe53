"""Finding agencies, counters and tickets by the names people type."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection, bindparam, func, select
from sqlalchemy.orm import Session

from shared.errors import AntreError, NotFoundError
from shared.limits import COUNTER_MAX
from shared.models import Counter, Service, Site, Ticket
from shared.words import Said


def site(session: Session) -> Site:
    row = session.get(Site, 1)
    if row is None:
        raise AntreError("error.no_site")
    return row


def service_by_code(session: Session, code: str) -> Service:
    query = select(Service).where(func.upper(Service.code) == code.strip().upper())
    service = session.scalars(query).first()
    if service is None or not service.active:
        raise unknown_agency(session, code)
    return service


def unknown_agency(session: Session | Connection, code: str) -> NotFoundError:
    """The refusal for a code that is no active agency, naming the ones there are."""
    known = ", ".join(session.scalars(select(Service.code).where(Service.active.is_(True))))
    return NotFoundError("error.unknown_agency", code=code, known=known or Said("error.none"))


def counter_by_number(session: Session, number: int, *, for_update: bool = False) -> Counter:
    check_counter_number(number)
    counter = session.scalars(_COUNTER[for_update], {"number": number}).first()
    if counter is None or not counter.active:
        raise unknown_counter(session, number)
    return counter


def check_counter_number(number: int) -> None:
    """A counter number in range; also keeps 2^64 away from the database driver."""
    if not 1 <= number <= COUNTER_MAX:
        raise NotFoundError("error.counter_number", number=number, max=COUNTER_MAX)


def unknown_counter(session: Session, number: int) -> NotFoundError:
    """The refusal for a number that is no active counter, naming the ones there are."""
    known = ", ".join(
        str(n)
        for n in session.scalars(
            select(Counter.number).where(Counter.active.is_(True)).order_by(Counter.number)
        )
    )
    return NotFoundError("error.unknown_counter", number=number, known=known or Said("error.none"))


_COUNTER = {  # built once: a counter action looks its row up under the write lock
    False: select(Counter).where(Counter.number == bindparam("number")),
    True: select(Counter).where(Counter.number == bindparam("number")).with_for_update(),
}


def ticket_by_number(session: Session, number: str, day: date) -> Ticket:
    """Today's ticket with this number (e.g. A012); numbers repeat across days."""
    text = number.strip().upper()
    ticket = session.scalars(select(Ticket).where(Ticket.day == day, Ticket.number == text)).first()
    if ticket is None:
        raise NotFoundError("error.no_ticket", number=text, day=day.isoformat())
    return ticket
