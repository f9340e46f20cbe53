"""Fixtures shared by the printing tests."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from shared.printing.ticket_layout import TicketPrint

ISSUED = datetime(2026, 11, 27, 9, 15, tzinfo=ZoneInfo("Asia/Jakarta"))


@pytest.fixture
def ticket() -> TicketPrint:
    """A priority ticket with a long agency name and a non-ASCII QR payload."""
    return TicketPrint(
        site_name="MPP Kabupaten Jombang",
        agency_code="DPMPTSP",
        agency_name="Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        number="A012",
        issued_at=ISSUED,
        people_ahead=5,
        estimated_wait_minutes=15,
        priority_label="Prioritas: Lansia",
        qr_payload="https://antre.example/t/8812?k=é",
        footer="Simpan tiket ini. Nomor Anda akan dipanggil.",
    )
