"""What both databases accept, checked once for every input path (site file, station file,
command line) so a value that loads on SQLite never fails later on PostgreSQL.

SQLite stores any integer up to 2^63-1 and any string length; PostgreSQL's INTEGER stops at
2^31-1 and VARCHAR(n) refuses longer text, and its drivers take no NUL character in text.
The lengths come from the models, so the checks follow the schema. Problems are catalogue
codes with their data (shared/words), put into words by whoever reports them.
"""

from __future__ import annotations

from typing import Any

from shared.words import Said

INT32_MAX = 2**31 - 1
COUNTER_MAX = 99
RUNNING_TEXT_MAX = 2000  # a Text column: no database limit, but a hall display line
PRINT_TIMEOUT_MIN, PRINT_TIMEOUT_MAX = 0.5, 60.0


def column_length(column: Any) -> int:
    """The VARCHAR length of a model column, e.g. `column_length(Service.name)` -> 200."""
    from sqlalchemy import String  # here: the station file's checks load no SQLAlchemy

    kind = column.property.columns[0].type
    if not isinstance(kind, String) or kind.length is None:
        raise TypeError(f"{column} has no length")
    return int(kind.length)


def text_problem(value: str, *, max_len: int, allow_empty: bool = False) -> Said | None:
    """What is wrong with `value` as stored text, or None."""
    if not allow_empty and not value.strip():
        return Said("config.empty")
    if len(value) > max_len:
        return Said("config.too_long", {"length": len(value), "max": max_len})
    if "\x00" in value:
        return Said("config.nul")
    return None


def int_problem(value: int, *, low: int, high: int = INT32_MAX) -> Said | None:
    """What is wrong with `value` as a stored integer in low..high, or None."""
    if not low <= value <= high:
        return Said("config.int_range", {"low": low, "high": high, "value": value})
    return None


def print_timeout_problem(seconds: float) -> Said | None:
    """A printer timeout is 0.5 to 60 seconds (NaN and infinity are refused too)."""
    if not PRINT_TIMEOUT_MIN <= seconds <= PRINT_TIMEOUT_MAX:
        return Said("config.print_timeout")
    return None
