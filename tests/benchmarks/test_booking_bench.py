"""Bookings per second: one writer booking one place after another (every agency, every
slot of the next days, a new phone number each), and four threads booking at once (each
its own agencies: the per-agency row lock serialises bookings of one agency only), on
SQLite (WAL, each commit fsynced) and PostgreSQL.

Run with `make bench`; the figures go into the closing notes.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from shared import bookings
from shared.db import Database
from shared.setup import init_database
from tests.conftest import DEMO_SITE

NOW = datetime(2026, 11, 23, 6, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
AGENCIES = ["DPMPTSP", "DUKCAPIL", "BPJSKES", "BPJSTK", "ATRBPN", "KPP", "PUPR", "DINKES"]


def places(agencies: list[str], count: int, first_phone: int) -> Iterator[dict[str, object]]:
    """`count` distinct bookings: each agency, tomorrow onwards, each hourly slot."""
    made = 0
    for day in range(1, 8):
        for hour in range(24):
            for agency in agencies:
                if made == count:
                    return
                yield {"agency": agency, "day": (NOW + timedelta(days=day)).date(),
                       "slot_start": hour * 60, "name": "Siti Aminah",
                       "phone": f"0812{first_phone + made:08d}"}
                made += 1


def book_all(db: Database, agencies: list[str], count: int, first_phone: int) -> None:
    for place in places(agencies, count, first_phone):
        bookings.book(db, now=NOW, **place)  # type: ignore[arg-type]


def rates(db: Database, count: int = 400) -> tuple[float, float]:
    started = time.perf_counter()
    book_all(db, AGENCIES[:4], count, 0)
    one = count / (time.perf_counter() - started)
    threads = [threading.Thread(target=book_all,
                                args=(db, AGENCIES[4 + i: 5 + i], count // 4, 10_000 * (i + 1)))
               for i in range(4)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    four = count / (time.perf_counter() - started)
    return one, four


def report(benchmark, name: str, db: Database) -> None:  # type: ignore[no-untyped-def]
    one, four = benchmark.pedantic(lambda: rates(db), rounds=1)
    benchmark.extra_info.update({"one_writer": round(one), "four_threads": round(four)})
    print(f"\n{name}: {one:.0f} bookings/s one after another, {four:.0f}/s with 4 threads")


@pytest.mark.benchmark(group="booking")
def test_bookings_per_second_sqlite(benchmark, db: Database) -> None:  # type: ignore[no-untyped-def]
    report(benchmark, "SQLite (WAL, each commit fsynced)", db)


@pytest.mark.benchmark(group="booking")
def test_bookings_per_second_postgresql(benchmark, pg_server) -> None:  # type: ignore[no-untyped-def]
    db = Database(pg_server.create_database())
    init_database(db, DEMO_SITE)
    report(benchmark, "PostgreSQL 15 (loopback)", db)
    db.dispose()
