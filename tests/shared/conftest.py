"""Fixtures shared by the tests of shared/: a sample ticket, the app logging set-up undone."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
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


@pytest.fixture
def app_logging() -> Iterator[None]:
    """Undoes what setup_logging/install_excepthook did to the root logger and excepthook."""
    root = logging.getLogger()
    saved_handlers, saved_level, saved_hook = root.handlers[:], root.level, sys.excepthook
    yield
    for handler in root.handlers:
        if handler not in saved_handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(saved_level)
    sys.excepthook = saved_hook
