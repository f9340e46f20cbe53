"""Fills a database with years of past tickets, fast (driver-level bulk inserts)."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta

from shared.db import Database

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


INSERT = (
    "INSERT INTO tickets (issued_service_id, service_id, day, seq, number, priority, status, "
    "front, issued_at, queued_at, called_at, finished_at, counter_id, staff_id, recalls, "
    "transfers, wait_seconds, service_seconds, print_status) VALUES ({})"
)


def add_history(db: Database, count: int, *, today: date) -> None:
    rows = past_rows(count, today=today)
    if db.path is not None:
        conn = sqlite3.connect(db.path)
        conn.execute("PRAGMA synchronous=OFF")
        with conn:
            conn.executemany(INSERT.format(",".join("?" * 19)),
                             [tuple(v.isoformat(" ") if isinstance(v, datetime) else
                                    v.isoformat() if isinstance(v, date) else v for v in r)
                              for r in rows])
            conn.execute("ANALYZE")
        conn.close()
        return
    raw = db.engine.raw_connection()
    try:
        cursor = raw.cursor()
        with cursor.copy(  # type: ignore[attr-defined]
            "COPY tickets (issued_service_id, service_id, day, seq, number, priority, status, "
            "front, issued_at, queued_at, called_at, finished_at, counter_id, staff_id, recalls, "
            "transfers, wait_seconds, service_seconds, print_status) FROM STDIN"
        ) as copy:
            for row in rows:
                copy.write_row(row)
        cursor.execute("SELECT setval('tickets_id_seq', (SELECT max(id) FROM tickets))")
        cursor.execute("ANALYZE")
        raw.commit()
    finally:
        raw.close()
