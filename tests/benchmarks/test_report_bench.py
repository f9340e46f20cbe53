"""Report benchmarks: a month of a busy MPP (60,000 tickets over 22 working days, with their
audit events): build_report for the month (median of 5 runs) on SQLite and PostgreSQL, the
PDF, and the SQLite query plans (the day index, never a full scan of tickets).

Run with `make bench`; the figures go into the closing notes.
"""

from __future__ import annotations

import random
import sqlite3
import statistics
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from shared import reports
from shared.db import Database
from shared.reports import Report
from tests.benchmarks.bulk import TICKET_COLUMNS, Query, Tables, bulk_load

JKT = ZoneInfo("Asia/Jakarta")
MONTH_START, MONTH_END = date(2026, 10, 1), date(2026, 10, 31)
TICKETS = 60_000
def working_days() -> list[date]:
    days = [MONTH_START + timedelta(days=n) for n in range((MONTH_END - MONTH_START).days + 1)]
    return [d for d in days if d.weekday() < 5][:22]


def month_rows(counters: dict[int, list[int]]) -> tuple[list[tuple], list[tuple]]:  # type: ignore[type-arg]
    """Tickets (08:00-15:00 local, busiest mid-morning) and their transfer events."""
    rng = random.Random(6)
    services = sorted(counters)
    days = working_days()
    tickets: list[tuple] = []  # type: ignore[type-arg]
    events: list[tuple] = []  # type: ignore[type-arg]
    seqs: dict[tuple[int, date], int] = {}
    for n in range(TICKETS):
        day = days[n * len(days) // TICKETS]
        first = rng.choice(services)
        seq = seqs[first, day] = seqs.get((first, day), 0) + 1
        minute = min(419, int(abs(rng.gauss(150, 100))))
        issued = datetime(day.year, day.month, day.day, 8, tzinfo=JKT) + timedelta(minutes=minute)
        issued = issued.astimezone(UTC).replace(tzinfo=None)
        wait, service_s = rng.randint(60, 5400), rng.randint(120, 1800)
        roll = rng.random()
        status = "done" if roll < 0.85 else "no_show" if roll < 0.93 else "expired"
        final, transfers = first, 0
        if status == "done" and rng.random() < 0.03:
            final, transfers = rng.choice([s for s in services if s != first]), 1
        counter = rng.choice(counters[final]) if status != "expired" else None
        called = issued + timedelta(seconds=wait) if counter else None
        finished = (called or issued) + timedelta(seconds=service_s)
        tickets.append(
            (
                n + 1,
                first,
                final,
                day,
                seq,
                f"{chr(64 + first)}{seq:03d}",
                None,
                status,
                1,
                issued,
                issued,
                called,
                finished,
                counter,
                None,
                0,
                transfers,
                wait if counter else None,
                service_s if status == "done" else None,
                "printed",
            )
        )
        # The ordinary audit trail: issue, call, and finish or no-show (none when expired).
        trail = [(issued, "issue", None, first)]
        if called is not None:
            end = "finish" if status == "done" else "no_show"
            trail += [(called, "call", counter, final), (finished, end, counter, final)]
        events += [
            (moment, kind, n + 1, where, service, None) for moment, kind, where, service in trail
        ]
        if transfers:
            # Called first at one of the issuing agency's counters, sent on from there.
            events.append((called, "transfer", n + 1, rng.choice(counters[first]), final, first))
    return tickets, events


def month_data(counter_links: list[tuple[int, int]], codes: dict[int, str]) -> tuple[list, list]:  # type: ignore[type-arg]
    counters: dict[int, list[int]] = {}
    for counter_id, service_id in counter_links:
        counters.setdefault(service_id, []).append(counter_id)
    tickets, events = month_rows(counters)
    events = [
        (at, kind, ticket, counter, final, f"{codes[src]}->{codes[final]}" if src else "")
        for at, kind, ticket, counter, final, src in events
    ]
    return tickets, events


EVENT_COLUMNS = "at, kind, ticket_id, counter_id, service_id, detail"


def fill_month(db: Database) -> None:
    """Bulk-inserts the month on SQLite (sqlite3 executemany) or PostgreSQL (COPY)."""

    def make(query: Query) -> Tables:
        links = query("SELECT counter_id, service_id FROM counter_services")
        codes = {row[0]: row[1] for row in query("SELECT id, code FROM services")}
        tickets, events = month_data(links, codes)
        return [("tickets", TICKET_COLUMNS, tickets), ("events", EVENT_COLUMNS, events)]

    bulk_load(db, make)


def query_plans(db: Database) -> list[str]:
    """EXPLAIN QUERY PLAN of every statement build_report runs."""
    statements: list[str] = []
    from sqlalchemy import event

    def grab(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        if "tickets" in statement:
            statements.append((statement, parameters))

    event.listen(db.read_engine.engine, "before_cursor_execute", grab)
    try:
        reports.build_report(db, date_from=MONTH_START, date_to=MONTH_END)
    finally:
        event.remove(db.read_engine.engine, "before_cursor_execute", grab)
    assert db.path is not None
    conn = sqlite3.connect(db.path)
    plans = [
        " | ".join(row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {s}", p))
        for s, p in statements
    ]
    conn.close()
    return plans


def timed(fn, rounds: int) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    samples, result = [], None
    for _ in range(rounds):
        start = time.perf_counter()
        result = fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), result


@pytest.mark.benchmark(group="report")
def test_month_report_of_a_busy_mpp(benchmark, db: Database, tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    from shared.qt.report_pdf import write_report_pdf

    fill_month(db)
    report: Report = benchmark.pedantic(
        lambda: reports.build_report(db, date_from=MONTH_START, date_to=MONTH_END), rounds=5
    )
    assert report.total.issued == TICKETS
    assert sum(r.issued or 0 for r in report.agencies) == TICKETS
    assert sum(r.transferred for r in report.counters) == report.total.transferred > 0
    pdf = tmp_path / "bulan.pdf"
    pdf_s, _ = timed(lambda: write_report_pdf(report, pdf), 3)
    plans = query_plans(db)
    # Every statement reaches the month's tickets through an index on the day (ix_tickets_day,
    # or the (service, day) indexes), never by scanning the whole table.
    assert plans and not any("SCAN tickets" in plan for plan in plans), plans
    assert all("day>? AND day<?" in plan for plan in plans), plans
    build_s = benchmark.stats.stats.median
    benchmark.extra_info.update(
        build_ms=round(build_s * 1000),
        pdf_ms=round(pdf_s * 1000),
        pdf_bytes=pdf.stat().st_size,
        queries=len(plans),
    )
    print(
        f"\nmonth of {TICKETS} tickets: build_report median {build_s * 1000:.0f} ms "
        f"({len(plans)} queries), PDF {pdf_s * 1000:.0f} ms, {pdf.stat().st_size} bytes"
    )
    for plan in plans:
        print("  plan:", plan)


@pytest.mark.benchmark(group="report")
def test_month_report_on_postgresql(benchmark, pg_server) -> None:  # type: ignore[no-untyped-def]
    from shared.setup import init_database
    from tests.conftest import DEMO_SITE

    db = Database(pg_server.create_database())
    init_database(db, DEMO_SITE)
    fill_month(db)
    report: Report = benchmark.pedantic(
        lambda: reports.build_report(db, date_from=MONTH_START, date_to=MONTH_END), rounds=5
    )
    assert report.total.issued == TICKETS
    print(
        f"\nPostgreSQL, month of {TICKETS} tickets: build_report median "
        f"{benchmark.stats.stats.median * 1000:.0f} ms"
    )
    db.dispose()
