"""`antre report`'s plain-text table, in the station's language: the column titles come from
the catalogue and each column is as wide as its title needs (counters show calls where
agencies show issued tickets)."""

from __future__ import annotations

from shared.booking_report import BookingRow
from shared.reports import Report, ReportRow, format_duration
from shared.words import say

# (catalogue code under "report.col.", the narrowest width) after the name and the first column
COLUMNS = (("served", 6), ("no_show", 6), ("expired", 7), ("transferred", 6),
           ("med_wait", 9), ("p90_wait", 9), ("med_service", 9), ("busiest", 7))
BOOKING_COLUMNS = (("booked", 6), ("checked_in", 7), ("no_show", 6), ("cancelled", 6),
                   ("open", 6))


def _widths(lang: str, columns: tuple[tuple[str, int], ...]) -> list[tuple[str, int]]:
    titles = [say(lang, f"report.col.{code}") for code, _ in columns]
    return [(title, max(width, len(title))) for title, (_, width) in zip(titles, columns,
                                                                          strict=True)]


def _cells(values: list[object], widths: list[tuple[str, int]]) -> str:
    return " ".join(f"{v!s:>{w}}" for v, (_, w) in zip(values, widths, strict=True))


def _values(row: ReportRow) -> list[object]:
    hour = f"{row.busiest_hour:02d}:00" if row.busiest_hour is not None else "-"
    return [row.served, row.no_show, row.expired, row.transferred,
            format_duration(row.median_wait_s), format_duration(row.p90_wait_s),
            format_duration(row.median_service_s), hour]


def render(report: Report, lang: str) -> str:
    span = (
        report.date_from.isoformat()
        if report.date_from == report.date_to
        else f"{report.date_from.isoformat()} .. {report.date_to.isoformat()}"
    )
    lines = [say(lang, "report.title", site=report.site_name, span=span)]
    if report.empty:
        lines.append(say(lang, "report.empty"))
    rest = _widths(lang, COLUMNS)
    sections = (
        ("report.per_agency", "issued", report.agencies),
        ("report.per_counter", "called", report.counters),
        ("report.total", "issued", [report.total]),
    )
    for title, first, rows in sections:
        lead = _widths(lang, ((first, 6),))
        lines += ["", say(lang, title), f"{'':14} " + _cells([t for t, _ in lead + rest],
                                                              lead + rest)]
        for r in rows:
            count = r.called if first == "called" else r.issued
            lines.append(f"{r.key[:14]:14} "
                         + _cells(["-" if count is None else count, *_values(r)], lead + rest))
    lines += _bookings(report.bookings, lang)
    return "\n".join(lines)


def _bookings(rows: list[BookingRow], lang: str) -> list[str]:
    """The online bookings' section (nothing when there were no bookings)."""
    if not rows:
        return []
    widths = _widths(lang, BOOKING_COLUMNS)
    lines = ["", say(lang, "report.bookings"), f"{'':14} " + _cells([t for t, _ in widths],
                                                                      widths)]
    for r in rows:
        lines.append(f"{r.key[:14]:14} " + _cells(
            [r.booked, r.checked_in, r.no_show, r.cancelled, r.pending], widths))
    return lines
