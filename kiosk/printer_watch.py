"""Watching a printer that failed: while it is down, a probe every few seconds (off the GUI
thread, with a short timeout) asks whether it is back. Prints meanwhile are not sent to it
(kiosk/ticketing.py, PrinterHealth), so a dead printer costs one timeout, not one per visitor.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QThreadPool, Signal

from kiosk.ticketing import PrinterHealth, PrinterSetup, probe_printer
from kiosk.timers import make_timer
from shared.qt.worker import run_task

log = logging.getLogger("antre.kiosk.printer")

PROBE_INTERVAL_MS = 5_000  # how often a down printer is asked whether it is back


class PrinterWatch(QObject):
    """`printer()` gives the station's current printer; `back` says it answers again."""

    back = Signal(str)  # the printer's URI

    def __init__(self, printer: Callable[[], PrinterSetup], parent: QObject) -> None:
        super().__init__(parent)
        self.health = PrinterHealth()
        self._printer = printer
        self._probing = False
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.timer = make_timer(self, PROBE_INTERVAL_MS, self._probe)

    def printed(self, ok: bool) -> None:
        """After each print: probe while the printer is down, stop once it works."""
        if ok:
            self.timer.stop()
        elif not self.timer.isActive():
            self.timer.start()

    def stop(self, wait_ms: int) -> None:
        self.timer.stop()
        self.pool.waitForDone(wait_ms)

    def _probe(self) -> None:
        setup = self._printer()
        if self.health.down(setup.spec.uri) is None:
            self.timer.stop()
            return
        if self._probing:
            return
        self._probing = True
        uri = setup.spec.uri
        run_task(
            lambda: probe_printer(setup),
            on_success=lambda ok: self._probed(uri, bool(ok)),
            on_failure=lambda error: self._probe_bug(uri, error),
            context=self,
            pool=self.pool,
        )

    def _probe_bug(self, uri: str, error: BaseException) -> None:
        log.error("bug while probing printer %s", uri, exc_info=error)
        self._probed(uri, False)

    def _probed(self, uri: str, ok: bool) -> None:
        self._probing = False
        if not ok:
            return
        log.info("printer %s answers again", uri)
        self.health.mark_up(uri)
        self.timer.stop()
        self.back.emit(uri)
