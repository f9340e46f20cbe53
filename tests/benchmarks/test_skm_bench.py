"""SKM benchmark: a year of a busy MPP (150,000 served tickets, 20 % of them answered, 5 % of
the answers with a suggestion): build_skm_report for the year (median of 5 runs) on SQLite
and PostgreSQL, and the PDF. Run with `make bench`; the figures go into the closing notes.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from shared.db import Database
from shared.skm.report import SkmReport, build_skm_report
from tests.benchmarks.bulk import TICKET_COLUMNS, Query, Tables, bulk_load
from tests.benchmarks.test_report_bench import timed

YEAR_START, YEAR_END = date(2026, 1, 1), date(2026, 12, 31)
SERVED = 150_000
ANSWERED = 0.20
RESPONSE_COLUMNS = (
    "ticket_id, service_id, counter_id, staff_id, day, issued_at, called_at, finished_at, "
    "answered_at, channel, u1, u2, u3, u4, u5, u6, u7, u8, u9, age_group, sex, education, "
    "occupation, suggestion"
)


def year_rows(links: list[tuple[int, int]]) -> tuple[list[tuple], list[tuple]]:  # type: ignore[type-arg]
    rng = random.Random(13)
    counters: dict[int, list[int]] = {}
    for counter_id, service_id in links:
        counters.setdefault(service_id, []).append(counter_id)
    services = sorted(counters)
    days = [YEAR_START + timedelta(days=n) for n in range((YEAR_END - YEAR_START).days + 1)]
    days = [d for d in days if d.weekday() < 5]
    tickets: list[tuple] = []  # type: ignore[type-arg]
    answers: list[tuple] = []  # type: ignore[type-arg]
    seqs: dict[tuple[int, date], int] = {}
    for n in range(SERVED):
        day = days[n * len(days) // SERVED]
        service = rng.choice(services)
        seq = seqs[service, day] = seqs.get((service, day), 0) + 1
        issued = datetime(day.year, day.month, day.day, 1) + timedelta(seconds=rng.randint(0, 25000))
        called = issued + timedelta(seconds=rng.randint(60, 3600))
        finished = called + timedelta(seconds=rng.randint(120, 1200))
        counter = rng.choice(counters[service])
        tickets.append((n + 1, service, service, day, seq, f"{chr(64 + service)}{seq:03d}", None,
                        "done", 1, issued, issued, called, finished, counter, None, 0, 0,
                        int((called - issued).total_seconds()),
                        int((finished - called).total_seconds()), "printed"))
        if rng.random() < ANSWERED:
            mean = 2.6 + service % 5 * 0.3
            values = [max(1, min(4, round(rng.gauss(mean, 0.7)))) for _ in range(9)]
            text = "Antrean lama, mohon tambah petugas." if rng.random() < 0.05 else ""
            answers.append((n + 1, service, counter, None, day, issued, called, finished,
                            finished + timedelta(minutes=3), "tablet", *values,
                            rng.choice(["20_29", "30_39", "40_49", None]),
                            rng.choice(["l", "p"]), None, None, text))
    return tickets, answers


def fill_year(db: Database) -> int:
    answered: list[int] = []

    def make(query: Query) -> Tables:
        tickets, answers = year_rows(query("SELECT counter_id, service_id FROM counter_services"))
        answered.append(len(answers))
        return [("tickets", TICKET_COLUMNS, tickets),
                ("survey_responses", RESPONSE_COLUMNS, answers)]

    bulk_load(db, make)
    return answered[0]


def _check(report: SkmReport, answered: int) -> None:
    assert report.total.population == SERVED and report.total.respondents == answered
    assert report.total.minimum_sample == 384 and not report.total.below_sample
    assert report.total.grade is not None and len(report.agencies) == 11


@pytest.mark.benchmark(group="skm")
def test_year_skm_of_a_busy_mpp(benchmark, db: Database, tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    from shared.qt.skm_pdf import write_skm_pdf

    answered = fill_year(db)
    report: SkmReport = benchmark.pedantic(
        lambda: build_skm_report(db, date_from=YEAR_START, date_to=YEAR_END), rounds=5)
    _check(report, answered)
    pdf = tmp_path / "skm-tahun.pdf"
    pdf_s, _ = timed(lambda: write_skm_pdf(report, pdf), 3)
    build_s = benchmark.stats.stats.median
    benchmark.extra_info.update(build_ms=round(build_s * 1000), pdf_ms=round(pdf_s * 1000),
                                pdf_bytes=pdf.stat().st_size, comments=len(report.comments))
    print(f"\nSQLite: a year of {SERVED} served, {answered} answers: build_skm_report median "
          f"{build_s * 1000:.0f} ms; PDF {pdf_s * 1000:.0f} ms, {pdf.stat().st_size} bytes, "
          f"{len(report.comments)} comments")


@pytest.mark.benchmark(group="skm")
def test_year_skm_on_postgresql(benchmark, pg_server) -> None:  # type: ignore[no-untyped-def]
    from shared.setup import init_database
    from tests.conftest import DEMO_SITE

    db = Database(pg_server.create_database())
    init_database(db, DEMO_SITE)
    answered = fill_year(db)
    report: SkmReport = benchmark.pedantic(
        lambda: build_skm_report(db, date_from=YEAR_START, date_to=YEAR_END), rounds=5)
    _check(report, answered)
    build_s = benchmark.stats.stats.median
    benchmark.extra_info.update(build_ms=round(build_s * 1000))
    print(f"\nPostgreSQL: a year of {SERVED} served, {answered} answers: build_skm_report "
          f"median {build_s * 1000:.0f} ms")
    db.dispose()
