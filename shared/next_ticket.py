"""What call next reads under the write lock, each in one query: the site's rules, the
counter's active agencies and the next ticket (transfers first, then priority visitors with
one regular after every `interleave`, by arrival)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Select, bindparam, case, select
from sqlalchemy.orm import Session

from shared.errors import AntreError
from shared.models import IS_WAITING, Counter, CounterService, Service, Site, Ticket


def site_rules(session: Session) -> tuple[str, int]:
    """The site's time zone and priority interleave: two columns, not the whole site row
    (its logo included) under the write lock."""
    row = session.execute(_SITE_RULES).first()
    if row is None:
        raise AntreError("error.no_site")
    return str(row[0]), int(row[1])


_SITE_RULES = select(Site.timezone, Site.priority_interleave).where(Site.id == 1)


def active_services(session: Session, counter: Counter) -> list[Service]:
    """The active agencies this counter serves, in one query (not one per link). Held by
    the caller, they stay in the session's identity map: the ticket's view finds its agency
    there instead of loading it again."""
    return list(session.scalars(_ACTIVE_SERVICES, {"counter_id": counter.id}))


_ACTIVE_SERVICES = (
    select(Service)
    .join(CounterService, CounterService.service_id == Service.id)
    .where(CounterService.counter_id == bindparam("counter_id"), Service.active.is_(True))
)


def pick_next(session: Session, counter: Counter, day: date, interleave: int,
              service_ids: list[int]) -> Ticket | None:
    """Transfers first; then priority visitors, with one regular after every `interleave`.
    One query: transfers (front 0) by arrival, then the preferred kind, then the other."""
    prefer_regular = counter.priority_streak >= interleave
    postgres = session.get_bind().dialect.name == "postgresql"
    params = {"day": day, "service_ids": service_ids}
    return session.scalars(_NEXT[prefer_regular, postgres], params).first()


def _next_query(prefer_regular: bool, postgres: bool) -> Select[Any]:
    preferred = Ticket.priority.is_(None) if prefer_regular else Ticket.priority.is_not(None)
    query = (
        select(Ticket)
        .where(IS_WAITING, Ticket.day == bindparam("day"),
               Ticket.service_id.in_(bindparam("service_ids", expanding=True)))
        .order_by(Ticket.front, case((Ticket.front == 0, 0), (preferred, 0), else_=1),
                  Ticket.queued_at, Ticket.id)
        .limit(1)
    )
    return query.with_for_update(skip_locked=True) if postgres else query


_NEXT = {(regular, pg): _next_query(regular, pg) for regular in (False, True)
         for pg in (False, True)}
