"""The ticket layout (58 and 80 mm, Indonesian and English) and the Indonesian dates."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from shared.dates import format_date_en, format_date_id
from shared.printing import sample_ticket
from shared.printing.ticket_layout import (
    Cut,
    QrCode,
    Rule,
    TextLine,
    TicketPrint,
    build_layout,
    layout_as_text,
    number_size,
    paper_columns,
)
from tests.shared.conftest import ISSUED

JAKARTA = ZoneInfo("Asia/Jakarta")




def texts(items: list) -> list[str]:
    return [item.text for item in items if isinstance(item, TextLine)]


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (ISSUED, "Jumat, 27 November 2026 09:15"),
        (datetime(2026, 1, 5, 7, 5, tzinfo=JAKARTA), "Senin, 5 Januari 2026 07:05"),
        (datetime(2026, 8, 17, 23, 59), "Senin, 17 Agustus 2026 23:59"),
        (datetime(2027, 2, 28, 0, 0, tzinfo=JAKARTA), "Minggu, 28 Februari 2027 00:00"),
    ],
)
def test_format_date_id(moment: datetime, expected: str) -> None:
    assert format_date_id(moment) == expected


def test_format_date_en() -> None:
    assert format_date_en(ISSUED) == "Friday, 27 November 2026 09:15"


@pytest.mark.parametrize("paper_mm", [58, 80])
def test_every_line_fits_the_paper(ticket: TicketPrint, paper_mm: int) -> None:
    columns = paper_columns(paper_mm)
    items = build_layout(ticket, paper_mm=paper_mm)
    for item in items:
        if isinstance(item, TextLine):
            assert len(item.text) * item.width <= columns, item
            assert 1 <= item.width <= 8 and 1 <= item.height <= 8
    assert isinstance(items[-1], Cut)


@pytest.mark.parametrize("paper_mm", [58, 80])
def test_content_in_order(ticket: TicketPrint, paper_mm: int) -> None:
    items = build_layout(ticket, paper_mm=paper_mm)
    lines = texts(items)
    joined = " ".join(lines)
    assert "MPP Kabupaten" in lines[0]
    assert "Dinas Penanaman Modal" in joined and "(DPMPTSP)" not in joined
    assert "Jumat, 27 November 2026 09:15" in lines
    assert "Antrean di depan Anda: 5" in lines
    assert "± 15 menit" in joined and "Perkiraan waktu tunggu:" in joined
    assert "Prioritas: Lansia" in lines
    assert "CETAK ULANG" not in joined
    assert [i.payload for i in items if isinstance(i, QrCode)] == [ticket.qr_payload]
    assert any(isinstance(i, Rule) for i in items)
    site = next(i for i in items if isinstance(i, TextLine))
    assert site.align == "center" and site.bold


@pytest.mark.parametrize("paper_mm", [58, 80])
def test_number_is_the_largest_text(ticket: TicketPrint, paper_mm: int) -> None:
    items = [i for i in build_layout(ticket, paper_mm=paper_mm) if isinstance(i, TextLine)]
    number = next(i for i in items if i.text == "A012")
    assert number.width >= 4 and number.height >= 4 and number.bold
    assert number.align == "center"
    assert all(i.width * i.height < number.width * number.height for i in items if i != number)


def test_number_size_shrinks_for_long_numbers() -> None:
    assert number_size("A012", 32) == 6
    assert number_size("AB1234567", 32) == 3
    assert number_size("X" * 40, 32) == 1


def test_long_agency_name_is_wrapped_on_58mm(ticket: TicketPrint) -> None:
    lines = texts(build_layout(ticket, paper_mm=58))
    assert "Dinas Penanaman Modal dan" in lines
    assert "Pelayanan Terpadu Satu Pintu" in lines


def test_wait_value_is_never_split(ticket: TicketPrint) -> None:
    lines = texts(build_layout(replace(ticket, estimated_wait_minutes=125), paper_mm=58))
    assert any(line.strip() == "± 125 menit" for line in lines)


def test_reprint_and_note(ticket: TicketPrint) -> None:
    reprint = replace(ticket, reprint=True, printed_note="Dicetak ulang 10:02")
    lines = texts(build_layout(reprint, paper_mm=80))
    assert lines.count("*** CETAK ULANG ***") == 2
    assert "Dicetak ulang 10:02" in lines


def test_no_priority_no_qr(ticket: TicketPrint) -> None:
    plain = replace(ticket, priority_label=None, qr_payload="", estimated_wait_minutes=0)
    items = build_layout(plain, paper_mm=80)
    assert not any(isinstance(i, QrCode) for i in items)
    assert not any("Prioritas" in t for t in texts(items))
    assert "Perkiraan waktu tunggu: segera" in texts(items)


def test_english(ticket: TicketPrint) -> None:
    lines = texts(build_layout(replace(ticket, reprint=True), paper_mm=80, lang="en"))
    assert "Friday, 27 November 2026 09:15" in lines
    assert "People ahead of you: 5" in lines
    assert "Estimated wait: about 15 min" in lines
    assert "*** REPRINT ***" in lines


def test_unsupported_paper(ticket: TicketPrint) -> None:
    with pytest.raises(ValueError, match="58 or 80"):
        build_layout(ticket, paper_mm=76)


def test_text_rendition() -> None:
    text = layout_as_text(build_layout(sample_ticket(ISSUED), paper_mm=58), paper_mm=58)
    assert "A 0 0 1" in text
    assert "[QR: ANTRE-TEST-A001]" in text
    assert text.rstrip().endswith("=")
    assert all(len(line) <= 32 for line in text.splitlines())
