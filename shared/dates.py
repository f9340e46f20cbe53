"""Dates and times in words, for tickets, screens and reports: Indonesian first, English second.

Written by hand rather than through `locale`: kiosks rarely have the id_ID locale installed,
and `strftime("%A")` would silently print English day names there.
"""

from __future__ import annotations

from datetime import date, datetime

DAYS_ID = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTHS_ID = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
DAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def format_day_id(day: date) -> str:
    """Formats a day as "Jumat, 27 November 2026"."""
    return f"{DAYS_ID[day.weekday()]}, {day.day} {MONTHS_ID[day.month - 1]} {day.year}"


def format_date_id(moment: datetime) -> str:
    """Formats as "Jumat, 27 November 2026 09:15" (24-hour clock, as printed on Indonesian forms).

    The time is shown as given: pass a datetime already in the site's local time.
    """
    return f"{format_day_id(moment.date())} {moment:%H:%M}"


def format_day_en(day: date) -> str:
    """Formats a day as "Friday, 27 November 2026"."""
    return f"{DAYS_EN[day.weekday()]}, {day.day} {MONTHS_EN[day.month - 1]} {day.year}"


def format_date_en(moment: datetime) -> str:
    """Formats as "Friday, 27 November 2026 09:15"."""
    return f"{format_day_en(moment.date())} {moment:%H:%M}"


def format_day(day: date, lang: str = "id") -> str:
    """The day in `lang`: "Jumat, 27 November 2026" or "Friday, 27 November 2026"."""
    return format_day_en(day) if lang == "en" else format_day_id(day)


def format_plain_day_id(day: date) -> str:
    """ "27 November 2026" (no weekday), as in report periods."""
    return f"{day.day} {MONTHS_ID[day.month - 1]} {day.year}"


def format_date(moment: datetime, lang: str = "id") -> str:
    """The date and time in `lang` ("id" or "en"; anything else falls back to Indonesian)."""
    return format_date_en(moment) if lang == "en" else format_date_id(moment)
