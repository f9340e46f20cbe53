"""A shown ticket's print, followed on the kiosk: sent to the print pool off the GUI thread;
its outcome shown on the confirmation (printed, preview, no printer, or failed with the QR and
a longer countdown), on the printer marker for staff, and to the background probe.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from kiosk.strings import tr
from kiosk.ticketing import PrintOutcome, print_and_record
from shared.qt.worker import run_task
from shared.views import IssuedTicket

if TYPE_CHECKING:
    from kiosk.window import KioskWindow

log = logging.getLogger("antre.kiosk")
FAILED_CONFIRM_SECONDS = 30


class TicketPrinting(QObject):
    def __init__(self, window: KioskWindow) -> None:
        super().__init__(window)
        self.window = window
        window.printer_watch.back.connect(self._printer_back)

    def start(self, issued: IssuedTicket, lang: str) -> None:
        """Prints `issued` on the one-thread print pool (in order, after earlier tickets)."""
        window = self.window
        db, setup, health = window.db, window.printer, window.printer_watch.health
        run_task(
            lambda: print_and_record(db, setup, issued, lang=lang, health=health),
            on_success=self.printed,
            on_failure=self._print_bug,
            context=self,
            pool=window.print_pool,
        )

    def printed(self, outcome: PrintOutcome) -> None:
        window = self.window
        window.last_print = outcome
        self._printer_state(outcome.ok)
        window.printer_watch.printed(outcome.ok)
        shown = window.last_issued
        if shown is not None and shown.ticket.id == outcome.ticket_id and window.showing_ticket:
            self._show(outcome)
        window.print_finished.emit(outcome)

    def _printer_state(self, ok: bool) -> None:
        self.window.printer_ok = ok
        self.window.start_page.header.printer_marker.setVisible(not ok)

    def _printer_back(self, uri: str) -> None:
        if uri == self.window.printer.spec.uri:
            self._printer_state(True)

    def _show(self, outcome: PrintOutcome) -> None:
        window = self.window
        page, lang, kind = window.confirmation, window.lang, window.printer.spec.kind
        if not outcome.ok:
            page.set_print_state("failed", tr(lang, "print_failed"))
            window.start_return(FAILED_CONFIRM_SECONDS * 1000)
        elif kind == "preview":
            page.set_print_state("preview", tr(lang, "preview"))
        elif kind == "none":
            page.set_print_state("none", tr(lang, "no_printer"))
        else:
            page.set_print_state("printed", tr(lang, "printed"))

    def _print_bug(self, error: BaseException) -> None:
        log.error("bug while printing", exc_info=error)
        issued = self.window.last_issued
        if issued is not None:
            outcome = PrintOutcome(issued.ticket.id, issued.ticket.number, False, None, str(error))
            self.printed(outcome)
