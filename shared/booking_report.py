"""The report's online booking figures per agency: bookings made for days in the period,
then how they ended (checked in at the kiosk, no-show, cancelled, still booked)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shared.models import Booking, BookingStatus, Service


@dataclass(frozen=True)
class BookingRow:
    key: str  # the agency code, or "TOTAL"
    label: str
    booked: int = 0  # every booking made for a day of the period, cancelled ones included
    checked_in: int = 0
    no_show: int = 0
    cancelled: int = 0
    pending: int = 0  # still booked (a day not over yet)


def booking_rows(session: Session, date_from: date, date_to: date) -> list[BookingRow]:
    """One row per agency with bookings in the period, then the total; [] when none."""
    counts: dict[int, dict[str, int]] = {}
    for service_id, status, n in session.execute(
            select(Booking.service_id, Booking.status, func.count())
            .where(Booking.day >= date_from, Booking.day <= date_to)
            .group_by(Booking.service_id, Booking.status)):
        counts.setdefault(int(service_id), {})[str(status)] = int(n)
    if not counts:
        return []
    rows = [_row(s.code, s.name, counts[s.id])
            for s in session.scalars(select(Service).order_by(Service.position, Service.id))
            if s.id in counts]
    total: dict[str, int] = {}
    for mine in counts.values():
        for status, n in mine.items():
            total[status] = total.get(status, 0) + n
    return [*rows, _row("TOTAL", "", total)]


def _row(key: str, label: str, mine: dict[str, int]) -> BookingRow:
    return BookingRow(
        key=key, label=label, booked=sum(mine.values()),
        checked_in=mine.get(BookingStatus.CHECKED_IN, 0),
        no_show=mine.get(BookingStatus.NO_SHOW, 0),
        cancelled=mine.get(BookingStatus.CANCELLED, 0),
        pending=mine.get(BookingStatus.BOOKED, 0),
    )


#: The CSV report's booking columns (after the ticket figures).
BOOKING_COLUMNS = ("booked", "booking_checked_in", "booking_no_show", "booking_cancelled")


def booking_cells(rows: dict[str, BookingRow], section: str, key: str) -> list[int | str]:
    """One CSV row's booking cells: an agency's or the total's figures (0 without bookings),
    empty for a counter (a counter takes no bookings)."""
    if section == "counter":
        return [""] * len(BOOKING_COLUMNS)
    row = rows.get("TOTAL" if section == "total" else key) or BookingRow(key, "")
    return [row.booked, row.checked_in, row.no_show, row.cancelled]
