"""What call next reads: the site's rules and the counter's active agencies before the write
lock, in plain rows, and the next ticket under it (transfers first, then priority visitors
with one regular after every `interleave`, by arrival) in one query."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, Select, bindparam, case, select
from sqlalchemy.orm import Session

from shared.errors import AntreError
from shared.models import IS_WAITING, Counter, CounterService, Service, Site, Ticket


@dataclass(frozen=True)
class CallRules:
    """What a call reads before taking the write lock. Settings change only when the site
    file is loaded again: a call that read them a moment before the lock is as right as one
    made a moment earlier. What changes with every call (the counter's ticket, its streak,
    its break, the waiting tickets) is read under the lock."""

    timezone: str
    interleave: int
    agencies: dict[int, tuple[str, str]]  # the counter's active agencies: id -> (code, name)


def call_rules(rows: Connection, counter: int) -> CallRules:
    site = rows.execute(_SITE_RULES).first()
    if site is None:
        raise AntreError("error.no_site")
    agencies = {int(i): (str(code), str(name))
                for i, code, name in rows.execute(_AGENCIES, {"number": counter})}
    return CallRules(str(site[0]), int(site[1]), agencies)


_SITE_RULES = select(Site.timezone, Site.priority_interleave).where(Site.id == 1)
_AGENCIES = (
    select(Service.id, Service.code, Service.name)
    .join(CounterService, CounterService.service_id == Service.id)
    .join(Counter, Counter.id == CounterService.counter_id)
    .where(Counter.number == bindparam("number"), Service.active.is_(True))
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
