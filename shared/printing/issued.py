"""The printed form of an issued ticket: one conversion for the kiosk and `antre reprint`."""

from __future__ import annotations

from shared.printing.ticket_layout import TicketPrint
from shared.views import IssuedTicket

PRIORITY_NAMES = {
    "id": {"lansia": "Lansia", "disabilitas": "Disabilitas", "ibu_hamil": "Ibu hamil",
           "membawa_anak": "Membawa anak"},
    "en": {"lansia": "Elderly", "disabilitas": "Disability", "ibu_hamil": "Pregnant",
           "membawa_anak": "With a child"},
}
PRIORITY_MARK = {"id": "PRIORITAS: {kind}", "en": "PRIORITY: {kind}"}


def priority_mark(kind: str | None, lang: str = "id") -> str | None:
    """ "PRIORITAS: Lansia" for a priority ticket, None for a regular one."""
    if not kind:
        return None
    names = PRIORITY_NAMES.get(lang, PRIORITY_NAMES["id"])
    return PRIORITY_MARK.get(lang, PRIORITY_MARK["id"]).format(kind=names.get(kind, kind))


def ticket_print_from(issued: IssuedTicket, *, lang: str = "id", reprint: bool = False,
                      priority_label: str | None = None) -> TicketPrint:
    """`priority_label` overrides the standard mark (e.g. the kiosk's own wording)."""
    return TicketPrint(
        site_name=issued.site_name,
        agency_code=issued.ticket.agency_code,
        agency_name=issued.ticket.agency_name,
        number=issued.ticket.number,
        issued_at=issued.issued_local,
        people_ahead=issued.people_ahead,
        estimated_wait_minutes=issued.estimated_wait_minutes,
        priority_label=priority_label or priority_mark(issued.ticket.priority, lang),
        qr_payload=issued.qr_payload,
        footer=issued.footer,
        reprint=reprint,
    )
