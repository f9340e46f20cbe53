"""The one source of "now": UTC-aware, overridable by ANTRE_NOW for demos and tests."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

DEFAULT_TZ = "Asia/Jakarta"


def now() -> datetime:
    """The current time in UTC; ANTRE_NOW (ISO 8601 with offset) pins it for other processes."""
    pinned = os.environ.get("ANTRE_NOW")
    if pinned:
        value = datetime.fromisoformat(pinned)
        if value.tzinfo is None:
            value = value.replace(tzinfo=ZoneInfo(DEFAULT_TZ))
        return value.astimezone(UTC)
    return datetime.now(UTC)


def to_utc_naive(moment: datetime) -> datetime:
    """Stored form: naive UTC (the same on SQLite and PostgreSQL)."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def from_utc_naive(stored: datetime) -> datetime:
    return stored.replace(tzinfo=UTC)


def local(moment: datetime, tz: str) -> datetime:
    """`moment` (aware, or naive UTC as stored) in the site's time zone."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(ZoneInfo(tz))


def service_day(moment: datetime, tz: str) -> date:
    """The service day a moment belongs to: the local calendar date at the site."""
    return local(moment, tz).date()
