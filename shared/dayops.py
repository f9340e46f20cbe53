"""Day operations: waiting tickets expire when their agency closes for the day, or at the
first start of a later day; numbering restarts per agency each service day (by design of
the daily counters); missed bookings become no-shows and old bookings' personal data is
removed (shared.bookings.maintain); history is kept."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from shared import bookings, clock, lookups
from shared.calling import expire_stale
from shared.db import Database
from shared.models import Event, EventKind, Service, Ticket, TicketStatus


def closed_for_today(schedule: dict[str, object], local: datetime) -> bool:
    """True once the agency's last opening span of the day has ended (or it is shut today)."""
    hours = schedule.get("hours", {})
    span = hours.get(str(local.weekday())) if isinstance(hours, dict) else None
    if span is None:
        return True
    return local.hour * 60 + local.minute >= int(span[1])


def maintain(db: Database, *, now: datetime | None = None) -> int:
    """Expires earlier days' waiting tickets, and today's of agencies closed for the day.

    Safe to call often and from several PCs at once; returns how many tickets expired.
    """
    moment = now or clock.now()
    expired = expire_stale(db, now=moment)
    bookings.maintain(db, now=moment)

    def close_agencies(session: Session) -> int:
        site = lookups.site(session)
        local = clock.local(moment, site.timezone)
        closed = [s.id for s in session.scalars(select(Service))
                  if closed_for_today(s.schedule, local)]
        if not closed:
            return 0
        at = clock.to_utc_naive(moment)
        result = session.execute(
            update(Ticket)
            .where(Ticket.status == TicketStatus.WAITING, Ticket.day == local.date(),
                   Ticket.service_id.in_(closed))
            .values(status=TicketStatus.EXPIRED, finished_at=at)
        )
        count = int(result.rowcount or 0)  # type: ignore[attr-defined]
        if count:
            session.add(Event(at=at, kind=EventKind.EXPIRE, detail=f"{count} expired at closing"))
        return count

    return expired + db.run_write(close_agencies)
