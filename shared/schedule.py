"""Whether an agency takes tickets at a given moment: hours, breaks, last ticket, quota."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from shared.dates import DAYS_ID
from shared.site_config import AgencyConfig, Break


@dataclass(frozen=True)
class Availability:
    """`reason` is None when open, else closed | break | last_ticket | quota | inactive."""

    reason: str | None
    message: str = ""
    until: str | None = None  # "13:00": when it opens again today, if it does

    @property
    def open(self) -> bool:
        return self.reason is None


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
        return Availability("inactive", "Layanan tidak aktif")
    weekday = local_moment.weekday()
    minute = local_moment.hour * 60 + local_moment.minute
    span = schedule.get("hours", {}).get(str(weekday))
    if span is None:
        return Availability("closed", f"Tutup hari {DAYS_ID[weekday]}")
    start, end = span
    if minute < start:
        return Availability("closed", f"Buka pukul {hhmm(start)}", until=hhmm(start))
    last = min(schedule.get("last_ticket", {}).get(str(weekday), end), end)
    if minute >= end:
        return Availability("closed", f"Sudah tutup (jam layanan {hhmm(start)}–{hhmm(end)})")
    for item in schedule.get("breaks", []):
        brk = Break(frozenset(item["days"]), item["start"], item["end"], item["label"])
        if weekday in brk.weekdays and brk.start <= minute < brk.end:
            return Availability("break", f"{brk.label} sampai {hhmm(brk.end)}", until=hhmm(brk.end))
    if minute >= last:
        return Availability("last_ticket", f"Pengambilan tiket ditutup pukul {hhmm(last)}")
    if quota is not None and issued_today >= quota:
        return Availability("quota", f"Kuota hari ini ({quota}) sudah habis")
    return Availability(None)
