"""Ticket printing: printer URIs, the ticket layout, ESC/POS rendering and sending.

No Qt here: the kiosk draws `build_layout(...)` items on screen itself and calls
`print_ticket(...)` on a worker thread.
"""

from __future__ import annotations

from datetime import datetime

from shared.printing.ticket_layout import TicketPrint
from shared.words import say


def sample_ticket(issued_at: datetime, lang: str = "id") -> TicketPrint:
    """The demo ticket used by `antre print-test` and printer set-up screens."""
    return TicketPrint(
        site_name="MPP Kabupaten Jombang",
        agency_code="DPMPTSP",
        agency_name="DPMPTSP (Perizinan)",
        number="A001",
        issued_at=issued_at,
        people_ahead=5,
        estimated_wait_minutes=15,
        priority_label=None,
        qr_payload="ANTRE-TEST-A001",
        footer=say(lang, "ticket.footer"),
        printed_note=say(lang, "ticket.test_note"),
    )
