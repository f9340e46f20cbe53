"""`antre skm` (text, CSV, comments, PDF) and the monthly report's SKM page."""

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

import pytest

from shared.cli.main import main
from shared.db import Database
from shared.qt.skm_pdf import write_skm_pdf
from shared.skm.report import build_skm_report
from tests.shared.test_reports import pdf_pages
from tests.shared.test_skm_index import DAY, fixed_data_set


@pytest.fixture
def skm_db(db: Database, db_url: str, monkeypatch: pytest.MonkeyPatch, qapp) -> str:  # type: ignore[no-untyped-def]
    """The fixed data set; `qapp` first, so the PDF code finds pytest-qt's QApplication
    rather than creating a bare QGuiApplication other tests could not use."""
    monkeypatch.setenv("ANTRE_NOW", "2026-11-30T10:00:00+07:00")
    fixed_data_set(db)
    return db_url


def run(url: str, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--db", url, *args])
    out, err = capsys.readouterr()
    return code, out, err


def pdf_text(path: Path) -> str:
    """The PDF's text, ligatures (the font's "ﬁ") written out."""
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    return unicodedata.normalize("NFKC", out)


def test_skm_text_csv_and_comments(skm_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(skm_db, capsys, "skm", "--lang", "id")  # default: this month so far
    assert code == 0
    assert "SKM 2026-11-01 .. 2026-11-30" in out and "IKM 3.213 -> 80.32 B (Baik)" in out
    code, out, _ = run(skm_db, capsys, "skm")  # no station language: English, as the CLI
    assert "IKM 3.213 -> 80.32 B (Good)" in out
    code, out, _ = run(skm_db, capsys, "skm", "--from", "2026-11-23", "--lang", "en")
    assert "IKM 3.213 -> 80.32 B (Good)" in out
    assert "4 respondents of the minimum 5 (population 5, Krejcie-Morgan table)" in out
    code, out, _ = run(skm_db, capsys, "skm", "--from", "2026-11-23", "--to", "2026-11-23",
                       "--agency", "DUKCAPIL", "--csv")
    lines = out.splitlines()
    assert lines[0].startswith("section,date_from,date_to,key,label,respondents,population")
    assert lines[1] == ("total,2026-11-23,2026-11-23,ALL,Seluruh MPP,4,5,5,1,3.250,3.250,2.750,"
                        "3.750,3.500,3.250,3.750,2.667,2.750,3.213,80.32,B")
    code, out, _ = run(skm_db, capsys, "skm", "--comments", "--csv")
    assert out.splitlines()[1].startswith("2026-11-23,B003,DUKCAPIL,3,")
    assert '"Antrean lama.\nAC di ruang tunggu mati."' in out.replace("\r\n", "\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2026-11-24", "--to", "2026-11-23"], "the range ends (2026-11-23) before"),
        (["--agency", "NOPE"], "unknown agency 'NOPE'"),
        (["--comments", "--pdf", "x.pdf"], "--comments lists the suggestions"),
    ],
)
def test_bad_input_is_one_line(skm_db: str, capsys: pytest.CaptureFixture[str],
                               args: list[str], message: str) -> None:
    code, out, err = run(skm_db, capsys, "skm", *args)
    assert code == 2 and out == ""
    assert err.startswith("antre: ") and message in err and len(err.splitlines()) == 1


def test_skm_pdf_has_the_layout_mpps_submit(skm_db: str, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    pdf = tmp_path / "skm.pdf"
    code, out, _ = run(skm_db, capsys, "skm", "--from", "2026-11-23", "--pdf", str(pdf))
    assert code == 0 and "SKM report written to" in out
    text = pdf_text(pdf)
    for expected in ("Laporan Survei Kepuasan Masyarakat", "80,32", "Mutu B · Baik",
                     "Perhatian: Responden 4 dari minimal 5", "Nilai per unsur pelayanan",
                     "Penanganan pengaduan, saran dan masukan", "2,667", "3,213",
                     "Grafik nilai per unsur", "88,31 (A)", "U8 2,667, U3 2,750, U9 2,750",
                     "Per loket", "Profil responden", "Perempuan", "Saran dan masukan (1)",
                     "tiket B003", "AC di ruang tunggu mati."):
        assert expected in text, expected
    assert f"Halaman {pdf_pages(pdf)} dari {pdf_pages(pdf)}" in text


def test_skm_pdf_footer_date_is_the_sites_day(skm_db: str, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """At 00:30 in Jayapura (WIT) it is still the 30th in Jakarta: the footer says Dec 1."""
    from sqlalchemy import update

    from shared.models import Site

    db = Database(skm_db)
    with db.write() as session:
        session.execute(update(Site).values(timezone="Asia/Jayapura"))
    db.dispose()
    monkeypatch.setenv("ANTRE_NOW", "2026-11-30T15:30:00+00:00")
    pdf = tmp_path / "skm.pdf"
    code, _, _ = run(skm_db, capsys, "skm", "--from", "2026-11-23", "--to", "2026-11-30",
                     "--pdf", str(pdf))
    assert code == 0
    footer = next(line for line in pdf_text(pdf).splitlines() if "Dibuat" in line)
    assert "1 Desember 2026" in footer, footer


def test_monthly_report_pdf_gains_an_skm_page(skm_db: str, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    pdf = tmp_path / "laporan.pdf"
    code, _, _ = run(skm_db, capsys, "report", "--from", "2026-11-01", "--to", "2026-11-30",
                     "--pdf", str(pdf))
    assert code == 0
    pages = pdf_pages(pdf)
    last = subprocess.run(["pdftotext", "-f", str(pages), "-l", str(pages), "-layout", str(pdf),
                           "-"], capture_output=True, text=True, check=True).stdout
    assert "Survei Kepuasan Masyarakat (SKM)" in last and "80,32" in last
    first = subprocess.run(["pdftotext", "-l", "1", str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout
    assert "Survei Kepuasan" not in first  # the SKM page starts a page of its own


def test_many_long_comments_continue_on_more_pages(db: Database, tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    fixed_data_set(db)
    report = build_skm_report(db, date_from=DAY)
    one = report.comments[0]
    comments = [replace(one, number=f"B{n:03d}", text=("Kalimat panjang. " * 60) + f"#{n}")
                for n in range(1, 351)]
    pdf = tmp_path / "banyak.pdf"
    write_skm_pdf(replace(report, comments=comments), pdf)
    text = pdf_text(pdf)
    assert "300 saran terbaru dari 350" in text
    assert "tiket B350" in text and "tiket B050" not in text and "tiket B051" in text
    assert text.count("...") == 300  # "…" after NFKC: each cut at 600 characters, plainly
    assert pdf_pages(pdf) > 20


def test_an_empty_period_pdf(db: Database, tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    pdf = tmp_path / "kosong.pdf"
    write_skm_pdf(build_skm_report(db, date_from=DAY), pdf)
    assert "Belum ada jawaban survei pada 23 November 2026" in pdf_text(pdf)
