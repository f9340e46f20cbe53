"""Fills a database with years of past tickets, fast (driver-level bulk inserts)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from shared.db import Database
from tests.benchmarks.bulk import TICKET_COLUMNS_NO_ID, bulk_load

STATUSES = ("done",) * 8 + ("no_show", "expired")


def past_rows(count: int, *, services: int = 11, per_day: int = 1000, today: date) -> list[tuple]:  # type: ignore[type-arg]
    rows = []
    for i in range(count):
        day = today - timedelta(days=1 + i // per_day)
        service = 1 + i % services
        seq = 1 + (i % per_day) // services
        issued = datetime.combine(day, datetime.min.time()) + timedelta(hours=1, seconds=i % per_day * 20)
        status = STATUSES[i % len(STATUSES)]
        called = issued + timedelta(minutes=10) if status != "expired" else None
        finished = issued + timedelta(minutes=18)
        rows.append((service, service, day, seq, f"{chr(64 + service)}{seq:03d}", None, status, 1,
                     issued, issued, called, finished, None, None, 0, 0,
                     600 if called else None, 480 if status == "done" else None, "printed"))
    return rows


def add_history(db: Database, count: int, *, today: date) -> None:
    rows = past_rows(count, today=today)
    bulk_load(db, lambda _query: [("tickets", TICKET_COLUMNS_NO_ID, rows)])
