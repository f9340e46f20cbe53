"""Issuing and printing one ticket, with no Qt: the window runs these on worker threads.

Issuing and printing are two steps on purpose. The ticket is committed first (DESIGN:
"commit before printing") and shown at once; the print runs afterwards with its own timeout,
so a slow or dead printer never delays the number on screen and can never cause a second
number for the same tap.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from kiosk.strings import priority_label
from shared.db import Database
from shared.errors import AntreError, PrinterError
from shared.models import PrintStatus
from shared.printing.issued import ticket_print_from
from shared.printing.printer import print_ticket
from shared.printing.ticket_layout import TicketPrint
from shared.printing.uri import PrinterSpec
from shared.tickets import issue_ticket, mark_printed
from shared.views import IssuedTicket

log = logging.getLogger("antre.kiosk.ticketing")


@dataclass(frozen=True)
class PrinterSetup:
    """The station's printer, as plain values a print thread can hold."""

    spec: PrinterSpec
    paper_mm: int = 80
    profile: str | None = None
    timeout: float = 5.0


@dataclass(frozen=True)
class PrintOutcome:
    """What happened to one ticket's print. `data` are the ESC/POS bytes when rendered."""

    ticket_id: int
    number: str
    ok: bool
    data: bytes | None = None
    message: str = ""
    recorded: bool = True  # False when the print status could not be saved


def ticket_print(issued: IssuedTicket, *, lang: str = "id", reprint: bool = False) -> TicketPrint:
    """The printed ticket for an issued one, with the kiosk's own priority wording."""
    kind = issued.ticket.priority
    label = priority_label(lang, kind) if kind else None
    return ticket_print_from(issued, lang=lang, reprint=reprint, priority_label=label)


def issue(
    db: Database, *, service: str, priority: str | None, now: datetime | None
) -> IssuedTicket:
    """Takes the number (committed when this returns); QueueError etc. pass through."""
    return issue_ticket(db, service=service, priority=priority, now=now)


def print_and_record(
    db: Database, setup: PrinterSetup, issued: IssuedTicket, *, lang: str
) -> PrintOutcome:
    """Prints and records the result for staff; never raises for expected failures.

    The `none` printer prints nothing; the ticket is recorded as not printed ("none").
    """
    ticket = issued.ticket
    try:
        data = print_ticket(
            setup.spec,
            ticket_print(issued, lang=lang),
            paper_mm=setup.paper_mm,
            profile=setup.profile,
            timeout=setup.timeout,
            lang=lang,
        )
    except PrinterError as error:
        log.warning("ticket %s not printed: %s", ticket.number, error)
        recorded = _record(db, ticket.id, printed=False, detail=str(error))
        return PrintOutcome(ticket.id, ticket.number, False, None, error.words(lang), recorded)
    if setup.spec.kind == "none":
        recorded = _record(db, ticket.id, printed=False, status=PrintStatus.NOT_PRINTED)
        return PrintOutcome(ticket.id, ticket.number, True, None, "", recorded)
    recorded = _record(db, ticket.id, printed=True)
    return PrintOutcome(ticket.id, ticket.number, True, data, "", recorded)


def _record(db: Database, ticket_id: int, *, printed: bool, detail: str = "",
            status: PrintStatus | None = None) -> bool:
    try:
        mark_printed(db, ticket_id=ticket_id, printed=printed, detail=detail, status=status)
    except AntreError as error:
        log.error("could not record the print status of ticket #%d: %s", ticket_id, error)
        return False
    return True
