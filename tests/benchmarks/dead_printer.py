"""What a dead network printer costs the kiosk's visitors: seconds from the tap until the
screen says "printed" or "not printed", for three visitors in a row.

Run:  QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.benchmarks.dead_printer [--timeout 5]

Two orders of taps on a printer that accepts the connection and never answers (a real TCP
socket): "after" (each visitor taps once the one before has learned the print failed) and
"during" (the second visitor taps while the first print is still waiting). `--no-watch`
sends every ticket to the printer as before the kiosk marked a failed printer down.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time

from tests.benchmarks import scratch_folder

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ANTRE_HOME", str(scratch_folder("antre-bench-")))
os.environ.setdefault("QT_LOGGING_RULES", "default.warning=false")  # propagateSizeHints

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from kiosk.__main__ import printer_setup
from kiosk.ticketing import PrinterHealth, PrintOutcome
from kiosk.window import KioskWindow
from shared.db import Database
from shared.errors import PrinterError
from shared.paths import ASSETS_DIR
from shared.setup import init_database
from shared.station import StationSettings
from shared.views import IssuedTicket
from tests.kiosk.dead_printer import FakeNetworkPrinter

VISITORS = 3


class _NeverDown(PrinterHealth):
    """The kiosk before a failed printer was marked down: every ticket is sent."""

    def mark_down(self, uri: str, error: PrinterError) -> None:
        pass


def run(order: str, *, timeout: float, watch: bool) -> list[float]:
    """Seconds from each visitor's tap to their print state, visitors 1..3."""
    folder = scratch_folder("antre-bench-db-")
    db = Database(f"sqlite:///{folder / 'antre.db'}")
    init_database(db, ASSETS_DIR / "sites" / "demo.toml")
    printer = FakeNetworkPrinter()
    station = StationSettings(printer=printer.uri, print_timeout=timeout)
    window = KioskWindow(db, station, printer_setup(station))
    if not watch:
        window.printer_watch.health = _NeverDown()
    window.page_guard_ms = 0
    window.show()
    tapped: list[float] = []
    learned: list[float] = []
    loop = QEventLoop()

    def tap() -> None:
        window.return_to_start()
        tapped.append(time.perf_counter())
        window.choose("DUKCAPIL")

    def issued(_ticket: IssuedTicket) -> None:
        if order == "during" and len(tapped) == 1:  # the 2nd comes while the 1st still prints
            QTimer.singleShot(0, tap)

    def finished(_outcome: PrintOutcome) -> None:
        learned.append(time.perf_counter())
        if len(learned) == VISITORS:
            loop.quit()
        elif len(tapped) == len(learned):
            QTimer.singleShot(0, tap)

    window.ticket_issued.connect(issued)
    window.print_finished.connect(finished)
    QTimer.singleShot(0, tap)
    loop.exec()
    window.shutdown()
    window.close()
    printer.close()
    db.dispose()
    return [end - start for start, end in zip(tapped, learned, strict=True)]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--timeout", type=float, default=5.0)
    parser.add_argument("--no-watch", action="store_true", help="send every ticket (before)")
    args = parser.parse_args()
    logging.getLogger("antre").setLevel(logging.ERROR)  # each failed print logs a warning
    app = QApplication(sys.argv[:1])
    orders = {"after": "after the 1st print failed", "during": "while the 1st print waits"}
    for order, said in orders.items():
        costs = run(order, timeout=args.timeout, watch=not args.no_watch)
        figures = ", ".join(f"visitor {i}: {c:.2f} s" for i, c in enumerate(costs, start=1))
        print(f"2nd visitor taps {said}: {figures}")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
