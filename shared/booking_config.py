"""Online booking settings in the site file, validated with the site file's other keys.

Site-wide, in `[booking]`::

    days_ahead = 7                 # a visitor books today .. 7 days ahead
    retention_days = 30            # name and phone are removed this long after the day
    checkin_before_minutes = 30    # the kiosk checks a booking in from 30 min before its slot
    checkin_after_minutes = 15     # .. to 15 min after the slot's start
    queue_rule = "priority"        # priority | slot | arrival (see QUEUE_RULES)
    closed_dates = ["2026-12-25"]  # holidays: no booking on these days

Per agency (or in `[defaults]`): `booking_percent` (the share of the daily quota and of each
slot's capacity that can be booked; 0 = no online booking) and `slot_minutes`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from shared.site_config import _Reader

#: priority: a booked ticket joins the priority lane (interleaved like priority visitors);
#: slot: it queues as if it had arrived at its slot's start; arrival: at check-in time.
QUEUE_RULES = ("priority", "slot", "arrival")


@dataclass(frozen=True)
class SiteBooking:
    days_ahead: int = 7
    retention_days: int = 30
    checkin_before_minutes: int = 30
    checkin_after_minutes: int = 15
    queue_rule: str = "priority"
    closed_dates: tuple[str, ...] = ()  # ISO dates

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["closed_dates"] = list(self.closed_dates)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> SiteBooking:
        if not data:
            return cls()
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        known["closed_dates"] = tuple(known.get("closed_dates", ()))
        return cls(**known)


@dataclass(frozen=True)
class AgencyBooking:
    percent: int = 0  # 0: this agency takes no online bookings
    slot_minutes: int = 30

    def to_json(self) -> dict[str, Any]:
        return asdict(self) if self.percent else {}

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> AgencyBooking:
        if not data:
            return cls()
        return cls(int(data.get("percent", 0)), int(data.get("slot_minutes", 30)))


def _bounded(r: _Reader, table: dict[str, Any], key: str, where: str, default: int,
             low: int, high: int) -> int:
    value: int = r.get(table, key, int, where, default)
    if not low <= value <= high:
        raise r.fail(f"{where}{key}", "config.range", value=value, low=low, high=high)
    return value


def parse_site_booking(r: _Reader, data: dict[str, Any]) -> SiteBooking:
    table = r.get(data, "booking", dict, "", {})
    w = "booking."
    rule = r.get(table, "queue_rule", str, w, SiteBooking.queue_rule)
    if rule not in QUEUE_RULES:
        raise r.fail(f"{w}queue_rule", "config.queue_rule", value=rule,
                     allowed=", ".join(QUEUE_RULES))
    closed = r.get(table, "closed_dates", list, w, [])
    days: list[str] = []
    for item in closed:
        text = item.isoformat() if isinstance(item, date) else item
        try:
            days.append(date.fromisoformat(text).isoformat())
        except (TypeError, ValueError):
            raise r.fail(f"{w}closed_dates", "config.date", value=item) from None
    return SiteBooking(
        days_ahead=_bounded(r, table, "days_ahead", w, SiteBooking.days_ahead, 0, 90),
        retention_days=_bounded(r, table, "retention_days", w, SiteBooking.retention_days,
                                1, 3650),
        checkin_before_minutes=_bounded(r, table, "checkin_before_minutes", w,
                                        SiteBooking.checkin_before_minutes, 0, 240),
        checkin_after_minutes=_bounded(r, table, "checkin_after_minutes", w,
                                       SiteBooking.checkin_after_minutes, 0, 240),
        queue_rule=rule,
        closed_dates=tuple(sorted(set(days))),
    )


def parse_agency_booking(r: _Reader, item: dict[str, Any], defaults: dict[str, Any],
                         where: str) -> AgencyBooking:
    """`booking_percent` and `slot_minutes` of one agency (or the defaults')."""
    values = {}
    for key, default, low, high in (("booking_percent", 0, 0, 100),
                                    ("slot_minutes", 30, 5, 240)):
        source, place = (item, where) if key in item else (defaults, "defaults.")
        values[key] = _bounded(r, source, key, place, default, low, high)
    return AgencyBooking(values["booking_percent"], values["slot_minutes"])
