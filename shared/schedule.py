"""Whether an agency takes tickets at a given moment: hours, breaks, last ticket, quota."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from shared.site_config import AgencyConfig, Break
from shared.words import Said


@dataclass(frozen=True)
class Availability:
    """`reason` is None when open, else closed | break | last_ticket | quota | inactive.

    `why` says it with its data, as a refusal code ("refusal.break", label and until);
    `short` is the same for one line on a button ("refusal.short.break").
    """

    reason: str | None
    why: Said | None = None
    until: str | None = None  # "13:00": when it opens again today, if it does

    @property
    def open(self) -> bool:
        return self.reason is None

    @property
    def short(self) -> Said | None:
        if self.why is None:
            return None
        return Said(self.why.code.replace("refusal.", "refusal.short.", 1), self.why.data)


def _closed(reason: str, kind: str, reopens: str | None = None, **data: object) -> Availability:
    return Availability(reason, Said(f"refusal.{kind}", data), reopens)


def schedule_to_json(agency: AgencyConfig) -> dict[str, Any]:
    """The schedule as stored in services.schedule (JSON-safe, weekday keys as strings)."""
    return {
        "hours": {str(d): list(span) for d, span in agency.hours.items()},
        "breaks": [
            {"days": sorted(b.weekdays), "start": b.start, "end": b.end, "label": b.label}
            for b in agency.breaks
        ],
        "last_ticket": {str(d): m for d, m in agency.last_ticket.items()},
    }


def hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def availability(
    schedule: dict[str, Any],
    local_moment: datetime,
    *,
    issued_today: int = 0,
    quota: int | None = None,
    active: bool = True,
) -> Availability:
    """The state of one agency at `local_moment` (site-local time)."""
    if not active:
        return _closed("inactive", "inactive")
    weekday = local_moment.weekday()
    minute = local_moment.hour * 60 + local_moment.minute
    span = schedule.get("hours", {}).get(str(weekday))
    if span is None:
        return _closed("closed", "closed_day", day=weekday)
    start, end = span
    if minute < start:
        return _closed("closed", "opens_at", hhmm(start), time=hhmm(start))
    last = min(schedule.get("last_ticket", {}).get(str(weekday), end), end)
    if minute >= end:
        return _closed("closed", "closed_now", start=hhmm(start), end=hhmm(end))
    for item in schedule.get("breaks", []):
        brk = Break(frozenset(item["days"]), item["start"], item["end"], item["label"])
        if weekday in brk.weekdays and brk.start <= minute < brk.end:
            return _closed("break", "break", hhmm(brk.end), label=brk.label, until=hhmm(brk.end))
    if minute >= last:
        return _closed("last_ticket", "last_ticket", time=hhmm(last))
    if quota is not None and issued_today >= quota:
        return _closed("quota", "quota", quota=quota)
    return Availability(None)
