"""Which slots of an agency's day can be booked, and how many places each has.

A slot's capacity is what the agency's counters serve in it (slot minutes x counters /
service minutes) times the agency's bookable share, at least one; the day's bookings are
also capped at the same share of the daily quota. The agency's hours, breaks and last
ticket time, and the site's closed dates, apply. A slot can be booked until it starts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, bindparam, func, select
from sqlalchemy.orm import Session

from shared.booking_config import AgencyBooking, SiteBooking
from shared.errors import BookingError
from shared.models import Booking, BookingStatus, Counter, CounterService, Service
from shared.schedule import hhmm

#: Statuses that hold a place in a slot (a cancelled booking gives its place back).
HOLDING = (BookingStatus.BOOKED.value, BookingStatus.CHECKED_IN.value,
           BookingStatus.NO_SHOW.value)


@dataclass(frozen=True)
class Slot:
    start: int  # minutes after local midnight
    minutes: int
    capacity: int
    taken: int

    @property
    def free(self) -> int:
        return max(0, self.capacity - self.taken)

    @property
    def label(self) -> str:
        return f"{hhmm(self.start)}–{hhmm(self.start + self.minutes)}"


@dataclass(frozen=True)
class DayOffer:
    """An agency's bookable slots on one day; `free` is 0 when the day cap is reached."""

    day: date
    slots: tuple[Slot, ...]
    day_cap: int | None
    booked: int

    @property
    def day_full(self) -> bool:
        return self.day_cap is not None and self.booked >= self.day_cap

    def slot(self, start: int) -> Slot | None:
        return next((s for s in self.slots if s.start == start), None)


def slot_starts(schedule: dict[str, Any], weekday: int, slot_minutes: int) -> list[int]:
    """Slot starts on a weekday: from opening, every `slot_minutes`, before the last ticket
    time, ending by closing, none overlapping a break."""
    span = schedule.get("hours", {}).get(str(weekday))
    if span is None:
        return []
    start, end = span
    last = min(schedule.get("last_ticket", {}).get(str(weekday), end), end)
    breaks = [(b["start"], b["end"]) for b in schedule.get("breaks", [])
              if weekday in b["days"]]
    starts = []
    t = start
    while t < last and t + slot_minutes <= end:
        if not any(t < b_end and b_start < t + slot_minutes for b_start, b_end in breaks):
            starts.append(t)
        t += slot_minutes
    return starts


def slot_capacity(cfg: AgencyBooking, *, counters: int, service_minutes: int) -> int:
    if cfg.percent <= 0 or counters <= 0:
        return 0
    served = cfg.slot_minutes * counters / max(1, service_minutes)
    return max(1, math.floor(served * cfg.percent / 100))


def day_cap(cfg: AgencyBooking, quota: int | None) -> int | None:
    return None if quota is None else max(1, quota * cfg.percent // 100)


def check_day(site: SiteBooking, service: Service, day: date, today: date) -> None:
    """Refuses a day that cannot be booked for this agency, with the reason."""
    cfg = AgencyBooking.from_json(service.booking)
    if not service.active or cfg.percent <= 0:
        raise BookingError("booking.not_bookable", agency=service.name)
    if day < today:
        raise BookingError("booking.past_day")
    if day > today + timedelta(days=site.days_ahead):
        raise BookingError("booking.too_far", days=site.days_ahead)
    if day.isoformat() in site.closed_dates:
        raise BookingError("booking.closed_date", day=day.isoformat())
    if str(day.weekday()) not in service.schedule.get("hours", {}):
        raise BookingError("booking.closed_day", day=day.weekday())


def serving_counters(session: Session, service_id: int) -> int:
    return int(session.scalar(
        select(func.count()).select_from(CounterService).join(Counter)
        .where(CounterService.service_id == service_id, Counter.active.is_(True))) or 0)


def day_offer(session: Session, service: Service, day: date, now_local: datetime) -> DayOffer:
    """The agency's slots on `day` with places taken; on today only slots not yet begun."""
    cfg = AgencyBooking.from_json(service.booking)
    capacity = slot_capacity(cfg, counters=serving_counters(session, service.id),
                             service_minutes=service.service_minutes)
    taken = {int(start): int(n) for start, n in session.execute(
        select(Booking.slot_start, func.count())
        .where(Booking.service_id == service.id, Booking.day == day,
               Booking.status.in_(HOLDING))
        .group_by(Booking.slot_start))}
    minute = now_local.hour * 60 + now_local.minute
    starts = [s for s in slot_starts(service.schedule, day.weekday(), cfg.slot_minutes)
              if day > now_local.date() or s > minute]
    slots = tuple(Slot(s, cfg.slot_minutes, capacity, int(taken.get(s, 0))) for s in starts)
    return DayOffer(day, slots, day_cap(cfg, service.daily_quota),
                    sum(int(n) for n in taken.values()))


def pending_bookings(session: Session | Connection, day: date,
                     service_id: int | None = None) -> dict[int, int]:
    """Bookings of `day` not yet checked in, per agency: places the walk-in quota leaves
    free, so the day's tickets stay within the quota whoever comes first."""
    if service_id is None:
        rows = session.execute(_PENDING, {"day": day})
    else:
        rows = session.execute(_PENDING_OF, {"day": day, "service_id": service_id})
    return {int(sid): int(n) for sid, n in rows}


_PENDING = (  # built once: a walk-in ticket of an agency with a quota reads it under the lock
    select(Booking.service_id, func.count())
    .where(Booking.day == bindparam("day"), Booking.status == BookingStatus.BOOKED)
    .group_by(Booking.service_id)
)
_PENDING_OF = _PENDING.where(Booking.service_id == bindparam("service_id"))
