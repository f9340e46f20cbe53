"""The printed form of an issued ticket: one conversion for the kiosk and `antre reprint`."""

from __future__ import annotations

from shared.models import ONLINE_PRIORITY
from shared.printing.ticket_layout import TicketPrint
from shared.views import IssuedTicket
from shared.words import Lang, say


def priority_mark(kind: str | None, lang: str = "id") -> str | None:
    """ "PRIORITAS: Lansia" for a priority ticket, None for a regular one (and for a booked
    one in the priority lane: its "ONLINE" mark says it)."""
    return say(lang, "kiosk.priority_mark", kind=kind) if kind and kind != ONLINE_PRIORITY else None


def footer(issued: IssuedTicket, lang: str = "id") -> str:
    """The ticket's footer in the ticket's language: the site's own text for that language,
    else the catalogue's."""
    given = issued.footer_en if Lang.of(lang) is Lang.EN else issued.footer
    return given.strip() or say(lang, "ticket.footer")


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
        footer=footer(issued, lang),
        reprint=reprint,
        online=issued.ticket.online,
    )
