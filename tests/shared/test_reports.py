"""Management reports: every figure checked against values computed by hand on a fixed data
set (two service days at the demo site, Asia/Jakarta = UTC+7), on SQLite and PostgreSQL; the
empty day, a backwards range, the CLI's CSV and the printable PDF (rendered to PNG).

The data set (local times; A = DPMPTSP at counters 1-2, B = DUKCAPIL at 3, C = BPJSKES at 4):

Mon 2026-11-23
  issued   A001 08:00, A002 08:05, B001 08:10, B002 08:20, B003 09:00, C001 09:10
  08:10 loket 1 calls A001 (wait 600)          08:25 loket 1 finishes A001 (service 900)
  08:15 loket 2 calls A002 (wait 600)          08:55 loket 2 finishes A002 (service 2400)
  08:30 loket 3 calls B001 (wait 1200)         08:35 loket 3 transfers B001 to BPJSKES
  08:40 loket 3 calls B002 (wait 1200)         08:45 loket 4 calls B001 (transfer first)
  08:50 loket 3: B002 no-show                  09:05 loket 4 finishes B001 (service 1200)
  09:30 loket 3 calls B003 (wait 1800)         09:45 loket 3 finishes B003 (service 900)
  C001 is never called: expired by expire_stale on Tuesday 07:00.
Tue 2026-11-24
  issued   A001 10:00, A002 10:02 (lansia), B001 10:30, C001 10:45 (left waiting)
  10:10 loket 1 calls A002 first (priority; wait 480)
  10:20 loket 1 finishes A002 (service 600), calls A001 (wait 1200)
  10:40 loket 3 calls B001 (wait 600)          10:50 loket 1: A001 no-show
  11:00 loket 3 finishes B001 (service 1200)

Percentiles are nearest-rank: the value at rank ceil(n * p / 100) of the sorted values.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from shared import calling, reports, tickets
from shared.cli.main import main
from shared.db import Database
from shared.errors import AntreError
from shared.reports import Report, ReportRow

JKT = ZoneInfo("Asia/Jakarta")
MON, TUE, WED = date(2026, 11, 23), date(2026, 11, 24), date(2026, 11, 25)

# (issued, called, served, no_show, expired, transferred, median wait, p90 wait,
#  median service, busiest hour)
Figures = tuple[int | None, int, int, int, int, int, int | None, int | None, int | None, int | None]
IDLE: Figures = (0, 0, 0, 0, 0, 0, None, None, None, None)
IDLE_COUNTER: Figures = (None, 0, 0, 0, 0, 0, None, None, None, None)


def at(day: date, hhmm: str) -> datetime:
    hour, minute = map(int, hhmm.split(":"))
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=JKT)


def build_data_set(db: Database) -> None:
    issue, c = tickets.issue_ticket, calling
    for code, hhmm in (
        ("DPMPTSP", "08:00"),
        ("DPMPTSP", "08:05"),
        ("DUKCAPIL", "08:10"),
        ("DUKCAPIL", "08:20"),
        ("DUKCAPIL", "09:00"),
        ("BPJSKES", "09:10"),
    ):
        issue(db, service=code, now=at(MON, hhmm))
    steps = [
        ("08:10", c.call_next, {"counter": 1}, "A001"),
        ("08:15", c.call_next, {"counter": 2}, "A002"),
        ("08:25", c.finish, {"counter": 1}, None),
        ("08:30", c.call_next, {"counter": 3}, "B001"),
        ("08:35", c.transfer, {"counter": 3, "service": "BPJSKES"}, None),
        ("08:40", c.call_next, {"counter": 3}, "B002"),
        ("08:45", c.call_next, {"counter": 4}, "B001"),
        ("08:50", c.no_show, {"counter": 3}, None),
        ("08:55", c.finish, {"counter": 2}, None),
        ("09:05", c.finish, {"counter": 4}, None),
        ("09:30", c.call_next, {"counter": 3}, "B003"),
        ("09:45", c.finish, {"counter": 3}, None),
    ]
    run_steps(db, MON, steps)
    assert calling.expire_stale(db, now=at(TUE, "07:00")) == 1  # Monday's C001
    issue(db, service="DPMPTSP", now=at(TUE, "10:00"))
    issue(db, service="DPMPTSP", priority="lansia", now=at(TUE, "10:02"))
    issue(db, service="DUKCAPIL", now=at(TUE, "10:30"))
    issue(db, service="BPJSKES", now=at(TUE, "10:45"))
    run_steps(
        db,
        TUE,
        [
            ("10:10", c.call_next, {"counter": 1}, "A002"),
            ("10:20", c.call_next, {"counter": 1}, "A001"),
            ("10:40", c.call_next, {"counter": 3}, "B001"),
            ("10:50", c.no_show, {"counter": 1}, None),
            ("11:00", c.finish, {"counter": 3}, None),
        ],
    )


def run_steps(db: Database, day: date, steps: list) -> None:  # type: ignore[type-arg]
    for hhmm, action, kwargs, expected in steps:
        result = action(db, now=at(day, hhmm), **kwargs)
        assert (result.ticket.number if result.ticket else None) == expected, (hhmm, result)


def figures(row: ReportRow) -> Figures:
    return (
        row.issued,
        row.called,
        row.served,
        row.no_show,
        row.expired,
        row.transferred,
        row.median_wait_s,
        row.p90_wait_s,
        row.median_service_s,
        row.busiest_hour,
    )


def agency(report: Report, code: str) -> Figures:
    return figures(next(r for r in report.agencies if r.key == code))


def counter(report: Report, number: int) -> Figures:
    return figures(next(r for r in report.counters if r.key == str(number)))


def test_monday_by_hand(db: Database) -> None:
    build_data_set(db)
    report = reports.build_report(db, date_from=MON)
    assert (report.date_from, report.date_to, report.empty) == (MON, MON, False)
    assert report.site_name == "MPP Kabupaten Jombang (Demo)"
    # DPMPTSP: waits [600, 600] -> median rank 1 = 600, p90 rank 2 = 600; service [900, 2400]
    # -> median rank 1 = 900; both issued in the 08 hour.
    assert agency(report, "DPMPTSP") == (2, 2, 2, 0, 0, 0, 600, 600, 900, 8)
    # DUKCAPIL numbered B001-B003; B001 ended in BPJSKES, so its queue closed B002 (no-show)
    # and B003 (served); one transfer out. Waits by issuer [1200, 1200, 1800]: median rank 2
    # = 1200, p90 rank 3 = 1800. Service of B003 = 900. Issued at 08, 08, 09 -> 08.
    assert agency(report, "DUKCAPIL") == (3, 2, 1, 1, 0, 1, 1200, 1800, 900, 8)
    # BPJSKES numbered C001 (expired, never called: no wait); it served B001 (1200 s).
    assert agency(report, "BPJSKES") == (1, 1, 1, 0, 1, 0, None, None, 1200, 9)
    assert agency(report, "TASPEN") == IDLE
    assert len(report.agencies) == 11 and len(report.counters) == 12
    # Counters: loket 3 called B001 (then transferred it), B002, B003 -> 3 calls; its waits
    # are those of tickets not transferred: [1200, 1800]; calls at 08:40 and 09:30 tie -> 08.
    assert counter(report, 1) == (None, 1, 1, 0, 0, 0, 600, 600, 900, 8)
    assert counter(report, 2) == (None, 1, 1, 0, 0, 0, 600, 600, 2400, 8)
    assert counter(report, 3) == (None, 3, 1, 1, 0, 1, 1200, 1800, 900, 8)
    # Loket 4 served the transferred B001: its wait belongs to DUKCAPIL's queue.
    assert counter(report, 4) == (None, 1, 1, 0, 0, 0, None, None, 1200, 8)
    assert counter(report, 12) == IDLE_COUNTER
    # Total: waits [600, 600, 1200, 1200, 1800] -> rank 3 = 1200, rank 5 = 1800; service
    # [900, 900, 1200, 2400] -> rank 2 = 900; 4 issued in the 08 hour, 2 in the 09 hour.
    assert figures(report.total) == (6, 5, 4, 1, 1, 1, 1200, 1800, 900, 8)
    assert report.hourly == {8: 4, 9: 2}


def test_tuesday_by_hand(db: Database) -> None:
    build_data_set(db)
    report = reports.build_report(db, date_from=TUE, date_to=TUE)
    # A002 (lansia) called first: wait 480, service 600; A001 wait 1200, no-show.
    assert agency(report, "DPMPTSP") == (2, 2, 1, 1, 0, 0, 480, 1200, 600, 10)
    assert agency(report, "DUKCAPIL") == (1, 1, 1, 0, 0, 0, 600, 600, 1200, 10)
    # C001 is still waiting: issued, nothing else.
    assert agency(report, "BPJSKES") == (1, 0, 0, 0, 0, 0, None, None, None, 10)
    assert counter(report, 1) == (None, 2, 1, 1, 0, 0, 480, 1200, 600, 10)
    assert counter(report, 3) == (None, 1, 1, 0, 0, 0, 600, 600, 1200, 10)
    assert counter(report, 4) == IDLE_COUNTER
    # Waits [480, 600, 1200]: rank 2 = 600, rank 3 = 1200; service [600, 1200]: rank 1.
    assert figures(report.total) == (4, 3, 2, 1, 0, 0, 600, 1200, 600, 10)
    assert report.hourly == {10: 4}


def check_range(report: Report) -> None:
    # DPMPTSP waits [480, 600, 600, 1200]: rank 2 = 600, rank 4 = 1200; service
    # [600, 900, 2400]: rank 2 = 900; issued at 08, 08, 10, 10: tie -> the earlier, 08.
    assert agency(report, "DPMPTSP") == (4, 4, 3, 1, 0, 0, 600, 1200, 900, 8)
    # DUKCAPIL waits [600, 1200, 1200, 1800]: rank 2 = 1200, rank 4 = 1800; service
    # [900, 1200]: rank 1 = 900; issued at 08, 08, 09, 10 -> 08.
    assert agency(report, "DUKCAPIL") == (4, 3, 2, 1, 0, 1, 1200, 1800, 900, 8)
    assert agency(report, "BPJSKES") == (2, 1, 1, 0, 1, 0, None, None, 1200, 9)
    # Loket 1: waits [480, 600, 1200] -> 600 / 1200; service [600, 900] -> 600; calls at
    # 08, 10, 10 -> 10.
    assert counter(report, 1) == (None, 3, 2, 1, 0, 0, 600, 1200, 600, 10)
    assert counter(report, 2) == (None, 1, 1, 0, 0, 0, 600, 600, 2400, 8)
    # Loket 3: B001 (transferred), B002, B003, Tuesday's B001 -> 4 calls; waits
    # [600, 1200, 1800] -> 1200 / 1800; service [900, 1200] -> 900; calls at 08, 09, 10 -> 08.
    assert counter(report, 3) == (None, 4, 2, 1, 0, 1, 1200, 1800, 900, 8)
    assert counter(report, 4) == (None, 1, 1, 0, 0, 0, None, None, 1200, 8)
    # Waits [480, 600, 600, 600, 1200, 1200, 1200, 1800]: rank 4 = 600, rank 8 = 1800;
    # service [600, 900, 900, 1200, 1200, 2400]: rank 3 = 900; hours 08: 4, 09: 2, 10: 4 -> 08.
    assert figures(report.total) == (10, 8, 6, 2, 1, 1, 600, 1800, 900, 8)
    assert report.hourly == {8: 4, 9: 2, 10: 4}
    assert sum(r.issued or 0 for r in report.agencies) == report.total.issued
    assert sum(r.transferred for r in report.counters) == report.total.transferred


def test_range_on_sqlite_and_postgres(any_db: Database) -> None:
    build_data_set(any_db)
    check_range(reports.build_report(any_db, date_from=MON, date_to=WED))


def test_empty_day_and_backwards_range(db: Database) -> None:
    build_data_set(db)
    empty = reports.build_report(db, date_from=WED)
    assert empty.empty and empty.hourly == {}
    assert figures(empty.total) == IDLE
    assert all(figures(r) == IDLE for r in empty.agencies)
    assert "No tickets were issued in this period." in reports.report_text(empty)
    with pytest.raises(AntreError, match="before it starts"):
        reports.build_report(db, date_from=TUE, date_to=MON)


def test_text_labels_counters_honestly(db: Database) -> None:
    build_data_set(db)
    text = reports.report_text(reports.build_report(db, date_from=MON))
    counters = text.split("Per counter")[1].split("Total")[0]
    assert "called" in counters.splitlines()[1]
    line3 = next(line for line in counters.splitlines() if line.startswith("3 "))
    assert line3.split()[:6] == ["3", "3", "1", "1", "0", "1"]
    assert "20m00s" in line3 and "30m00s" in line3  # median and p90 wait


def test_cli_csv_for_a_range(db: Database, db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    build_data_set(db)
    assert (
        main(["--db", db_url, "report", "--from", "2026-11-23", "--to", "2026-11-24", "--csv"]) == 0
    )
    header, *rows = capsys.readouterr().out.splitlines()
    assert header == (
        "section,date_from,date_to,key,label,issued,called,served,no_show,"
        "expired,transferred,median_wait_s,p90_wait_s,median_service_s,busiest_hour,"
        "booked,booking_checked_in,booking_no_show,booking_cancelled"
    )
    assert ("agency,2026-11-23,2026-11-24,DUKCAPIL,Dukcapil,4,3,2,1,0,1,1200,1800,900,8,"
            "0,0,0,0") in rows
    # A counter issues nothing: the issued cell is empty, not a misleading 0.
    assert "counter,2026-11-23,2026-11-24,3,Loket 3,,4,2,1,0,1,1200,1800,900,8,,,," in rows
    assert rows[-1] == ("total,2026-11-23,2026-11-24,ALL,Semua layanan,10,8,6,2,1,1,600,1800,"
                        "900,8,0,0,0,0")
    assert main(["--db", db_url, "report", "--from", "2026-11-24", "--to", "2026-11-23"]) == 2
    assert "before it starts" in capsys.readouterr().err


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(
        next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages:"))
    )


def page_png(path: Path, page: int, out: Path) -> Path:
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "40",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(path),
            str(out),
        ],
        check=True,
        timeout=60,
    )
    return out.with_suffix(".png")


def ink_ratio(png: Path) -> float:
    from PySide6.QtGui import QImage

    image = QImage(str(png)).convertToFormat(QImage.Format.Format_Grayscale8)
    assert not image.isNull()
    dark = sum(
        1
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if image.pixelColor(x, y).lightness() < 160
    )
    return dark / ((image.height() // 2) * (image.width() // 2))


def test_cli_pdf_renders(db: Database, db_url: str, tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    build_data_set(db)
    pdf = tmp_path / "laporan.pdf"
    assert (
        main(
            [
                "--db",
                db_url,
                "report",
                "--from",
                "2026-11-23",
                "--to",
                "2026-11-24",
                "--pdf",
                str(pdf),
            ]
        )
        == 0
    )
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert pdf_pages(pdf) == 3  # two of figures, then the survey's page (no answers yet)
    assert 0.01 < ink_ratio(page_png(pdf, 1, tmp_path / "p1")) < 0.5
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    missing = tmp_path / "no-such-folder" / "x.pdf"
    assert main(["--db", db_url, "report", "--date", "2026-11-23", "--pdf", str(missing)]) == 2
    assert not missing.parent.exists()
    for words in (
        "MPP Kabupaten Jombang (Demo)",
        "23 November 2026",
        "24 November 2026",
        "Halaman 1 dari 3",
        "Dukcapil",
        "Loket 3",
        "Tiket diambil per jam",
        "Survei Kepuasan Masyarakat (SKM)",
        "Belum ada jawaban survei pada 23 November 2026 s.d. 24 November 2026",
    ):
        assert words in text, words


def test_pdf_for_an_empty_period_from_a_fresh_process(
    db: Database, db_url: str, tmp_path: Path
) -> None:
    """`antre report --pdf` in its own process: no Qt application exists, none is configured."""
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    pdf = tmp_path / "kosong.pdf"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "shared.cli.main",
            "--db",
            db_url,
            "report",
            "--date",
            "2026-11-25",
            "--pdf",
            str(pdf),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert "Report written to" in done.stdout and done.stderr == ""
    assert pdf_pages(pdf) == 1
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Tidak ada tiket pada periode ini." in text and "25 November 2026" in text


def test_long_tables_continue_on_more_pages(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    from shared.qt.report_pdf import write_report_pdf

    rows = [
        ReportRow(key=f"AG{n}", label=f"Instansi nomor {n}", issued=n, served=n)
        for n in range(1, 81)
    ]
    counters = [
        replace(r, key=str(n), label=f"Loket {n}", issued=None) for n, r in enumerate(rows, start=1)
    ]
    total = ReportRow(key="ALL", label="Semua layanan", issued=3240, served=3240, busiest_hour=9)
    report = Report(
        site_name="MPP Uji",
        date_from=MON,
        date_to=WED,
        agencies=rows,
        counters=counters,
        total=total,
        hourly={9: 3000, 10: 240},
    )
    pdf = tmp_path / "panjang.pdf"
    write_report_pdf(report, pdf)
    pages = pdf_pages(pdf)
    assert pages >= 5
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    # Every agency once in the chart and once in the table, the table header is repeated,
    # every page is numbered.
    assert all(text.count(f"Instansi nomor {n} ") == 2 for n in range(1, 81))
    assert text.count("Tidak") >= 4
    assert f"Halaman {pages} dari {pages}" in text and "3.240" in text


def test_pdf_footer_date_is_the_sites_day(
    db: Database, db_url: str, tmp_path: Path, qapp, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """At 00:30 in Jayapura (WIT) it is still the 23rd in Jakarta: the footer says the 24th."""
    from sqlalchemy import update

    from shared.models import Site

    with db.write() as session:
        session.execute(update(Site).values(timezone="Asia/Jayapura"))
    monkeypatch.setenv("ANTRE_NOW", "2026-11-23T15:30:00+00:00")
    pdf = tmp_path / "laporan.pdf"
    assert main(["--db", db_url, "report", "--date", "2026-11-23", "--pdf", str(pdf)]) == 0
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    footer = next(line for line in text.splitlines() if "Dibuat" in line)
    assert "24 November 2026" in footer, footer
