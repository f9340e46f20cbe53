"""Issuing and printing one ticket, with no Qt: the window runs these on worker threads.

Issuing and printing are two steps on purpose. The ticket is committed first (DESIGN:
"commit before printing") and shown at once; the print runs afterwards with its own timeout,
so a slow or dead printer never delays the number on screen and can never cause a second
number for the same tap. A printer that failed is marked down (PrinterHealth): the next
tickets are recorded as not printed at once instead of each waiting the whole timeout, until
a probe in the background (`probe_printer`, kiosk/printer_watch.py) finds it working again.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime

from kiosk.strings import priority_label
from shared.db import Database
from shared.errors import AntreError, PrinterError
from shared.models import ONLINE_PRIORITY, PrintStatus
from shared.printing.issued import ticket_print_from
from shared.printing.printer import print_ticket, send_bytes
from shared.printing.ticket_layout import TicketPrint
from shared.printing.uri import PrinterSpec
from shared.tickets import issue_ticket, mark_printed
from shared.views import IssuedTicket

log = logging.getLogger("antre.kiosk.ticketing")
PROBE_TIMEOUT = 2.0  # seconds a probe of a down printer may take
#: Printers whose failure costs a timeout (a network, USB or serial printer that stopped
#: answering); a spooler (cups, win32) or a file fails at once, so those are never skipped.
SLOW_FAILING = frozenset({"tcp", "usb", "serial"})


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
    skipped: bool = False  # not sent: the printer was already known to be down


def ticket_print(issued: IssuedTicket, *, lang: str = "id", reprint: bool = False) -> TicketPrint:
    """The printed ticket for an issued one, with the kiosk's own priority wording."""
    kind = issued.ticket.priority
    label = priority_label(lang, kind) if kind and kind != ONLINE_PRIORITY else None
    return ticket_print_from(issued, lang=lang, reprint=reprint, priority_label=label)


def issue(
    db: Database, *, service: str, priority: str | None, now: datetime | None
) -> IssuedTicket:
    """Takes the number (committed when this returns); QueueError etc. pass through."""
    return issue_ticket(db, service=service, priority=priority, now=now)


def print_and_record(
    db: Database, setup: PrinterSetup, issued: IssuedTicket, *, lang: str,
    health: PrinterHealth | None = None,
) -> PrintOutcome:
    """Prints and records the result for staff; never raises for expected failures.

    The `none` printer prints nothing; the ticket is recorded as not printed ("none").
    With `health`, a printer already known to be down is not waited on: the ticket is
    recorded as failed at once (staff see it) and the outcome says so (`skipped`).
    """
    ticket = issued.ticket
    uri = setup.spec.uri
    down = health.down(uri) if health is not None else None
    if down is not None:
        log.info("ticket %s not sent: printer %s is down (%s)", ticket.number, uri, down)
        recorded = _record(db, ticket.id, printed=False, detail=str(down))
        return PrintOutcome(ticket.id, ticket.number, False, None, down.words(lang), recorded,
                            skipped=True)
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
        if health is not None and setup.spec.kind in SLOW_FAILING:
            health.mark_down(uri, error)
        recorded = _record(db, ticket.id, printed=False, detail=str(error))
        return PrintOutcome(ticket.id, ticket.number, False, None, error.words(lang), recorded)
    if setup.spec.kind == "none":
        recorded = _record(db, ticket.id, printed=False, status=PrintStatus.NOT_PRINTED)
        return PrintOutcome(ticket.id, ticket.number, True, None, "", recorded)
    if health is not None:
        health.mark_up(uri)
    recorded = _record(db, ticket.id, printed=True)
    return PrintOutcome(ticket.id, ticket.number, True, data, "", recorded)


class PrinterHealth:
    """Which printers are known to be down, shared by the print and the probe threads.

    After a failed print the printer is marked down: later tickets are not sent to it (each
    would wait the whole timeout again) but recorded as not printed at once, until a probe
    or a print that works marks it up.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._down: dict[str, PrinterError] = {}  # printer URI -> why it failed

    def down(self, uri: str) -> PrinterError | None:
        with self._lock:
            return self._down.get(uri)

    def mark_down(self, uri: str, error: PrinterError) -> None:
        with self._lock:
            self._down[uri] = error

    def mark_up(self, uri: str) -> None:
        with self._lock:
            self._down.pop(uri, None)


def probe_printer(setup: PrinterSetup, *, timeout: float = PROBE_TIMEOUT) -> bool:
    """Opens the printer and asks for its paper status, printing nothing; True if it
    answers (a printer set to `?status=off` only has to accept the connection)."""
    try:
        send_bytes(setup.spec, b"", profile=setup.profile, timeout=min(timeout, setup.timeout))
    except PrinterError as error:
        log.debug("printer %s still down: %s", setup.spec.uri, error)
        return False
    return True


def _record(db: Database, ticket_id: int, *, printed: bool, detail: str = "",
            status: PrintStatus | None = None) -> bool:
    try:
        mark_printed(db, ticket_id=ticket_id, printed=printed, detail=detail, status=status)
    except AntreError as error:
        log.error("could not record the print status of ticket #%d: %s", ticket_id, error)
        return False
    return True
