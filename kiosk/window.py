"""The kiosk window: one tap on an agency, one ticket, printed off the GUI thread.

Flow: a tap marks the window busy (further taps are ignored) and issues the ticket on a
worker; the committed ticket is shown at once and printed on a second, one-thread pool with
the station's timeout. A failed print keeps the ticket, shows the number and its QR code,
records the failure for staff and raises the printer marker until a print succeeds again.
While it is down, later tickets are not sent to it (each would wait the timeout again) but
shown as not printed at once; a probe in the background brings it back (printer_watch.py).
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QEvent, QObject, QRect, QThreadPool, Signal
from PySide6.QtGui import QCloseEvent, QResizeEvent
from PySide6.QtWidgets import QApplication, QStackedLayout, QWidget

from kiosk.checkin import CheckIn
from kiosk.confirmation import ConfirmationPage
from kiosk.guard import KioskGuard
from kiosk.print_status import TicketPrinting
from kiosk.printer_watch import PrinterWatch
from kiosk.start_page import StartPage
from kiosk.strings import tr
from kiosk.style import screen_scale, stylesheet
from kiosk.ticketing import PrinterSetup, PrintOutcome, issue, ticket_print
from kiosk.timers import make_timer
from shared import clock as shared_clock
from shared import lookups
from shared.db import Database
from shared.errors import AntreError, DatabaseError, QueueError
from shared.printing.ticket_layout import build_layout
from shared.qt.refresh import Refresher
from shared.qt.watcher import ChangeWatcher
from shared.qt.worker import run_task
from shared.station import StationSettings
from shared.status import AgencyStatus, Snapshot, snapshot
from shared.views import IssuedTicket

log = logging.getLogger("antre.kiosk")

CONFIRM_SECONDS = 10
NOTICE_SECONDS = 10
HOUR_CHECK_MS = 30_000
PAGE_GUARD_MS = 800  # taps this soon after a page change were meant for the page before
TAP_AGAIN_MS = 2500  # how long "touch again" stays up
_TAPS = {QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick, QEvent.Type.TouchBegin}


class KioskWindow(QWidget):
    """The whole kiosk. `clock` returns the current aware datetime (tests pin it)."""

    ticket_issued = Signal(object)  # IssuedTicket
    issue_refused = Signal(str)  # the message shown
    print_finished = Signal(object)  # PrintOutcome
    refreshed = Signal()
    first_frame = Signal()

    def __init__(
        self,
        db: Database,
        settings: StationSettings,
        printer: PrinterSetup,
        *,
        kiosk_mode: bool = False,
        clock: Callable[[], datetime] = shared_clock.now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("kiosk")
        self.setWindowTitle(tr(settings.language, "window_title"))
        self.db, self.settings, self.printer, self.clock = db, settings, printer, clock
        self.lang = settings.language
        self.busy = False
        self.printer_ok = True
        self.last_issued: IssuedTicket | None = None
        self.last_print: PrintOutcome | None = None
        self.page_guard_ms = PAGE_GUARD_MS
        self.confirm_ms = CONFIRM_SECONDS * 1000
        self._guard_until = 0.0
        self._tap_again_until = 0.0
        self._return_at = 0.0
        self._scale = 0.0
        self._painted = False
        self.issue_pool = self._pool()
        self.print_pool = self._pool()
        self.read_pool = self._pool()
        self.reader = Refresher(self._read_work, on_success=self._refreshed,
                                on_failure=self._refresh_failed, parent=self,
                                pool=self.read_pool)
        self.printer_watch = PrinterWatch(lambda: self.printer, self)
        self.tz = shared_clock.DEFAULT_TZ
        site_name, logo, first = self._load_site()
        self.start_page = StartPage(site_name, logo, self)
        self.confirmation = ConfirmationPage(self)
        self._stack = QStackedLayout(self)
        self._stack.addWidget(self.start_page)
        self._stack.addWidget(self.confirmation)
        self.checkin = CheckIn(self)
        self.printing = TicketPrinting(self)
        self._stack.addWidget(self.checkin.page)
        self.guard = KioskGuard(self, settings, kiosk_mode=kiosk_mode)
        self._timers()
        self.watcher = ChangeWatcher(db, parent=self)
        self.watcher.changed.connect(self.refresh)
        self.watcher.online.connect(self._online)
        self.start_page.grid.chosen.connect(self.choose)
        self.start_page.header.language_clicked.connect(self.toggle_language)
        self.start_page.booking.clicked.connect(self.checkin.open)
        self.confirmation.dismissed.connect(self.return_to_start)
        self.snapshot: Snapshot | None = first
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)  # the page guard sees every tap first
        self.setStyleSheet(stylesheet(1.0))
        self.retranslate()
        if first is None:
            self.show_notice(tr(self.lang, "offline"), sticky=True)

    def _pool(self) -> QThreadPool:
        pool = QThreadPool(self)
        pool.setMaxThreadCount(1)  # one issue, one print, one read at a time, in order
        return pool

    def _timers(self) -> None:
        self.clock_timer = make_timer(self, 1000, self._tick)
        self.hour_timer = make_timer(self, HOUR_CHECK_MS, self.refresh)
        self.confirm_timer = make_timer(self, CONFIRM_SECONDS * 1000, self.return_to_start, True)
        self.countdown_timer = make_timer(self, 200, self._count_down)
        self.tap_again_timer = make_timer(
            self, TAP_AGAIN_MS, lambda: self.start_page.show_tap_again(""), True
        )
        self.notice_timer = make_timer(
            self, NOTICE_SECONDS * 1000, lambda: self.show_notice(""), True
        )

    def _load_site(self) -> tuple[str, str, Snapshot | None]:
        """Site name, logo and the first snapshot, read before the first frame."""
        try:
            with self.db.read() as session:
                site = lookups.site(session)
                name, logo, self.tz = site.name, site.logo, site.timezone
            return name, logo, snapshot(self.db, now=self.clock(), with_tickets=False)
        except AntreError as error:
            log.error("cannot read the site: %s", error)
            return "Mal Pelayanan Publik", "", None

    def start(self) -> None:
        """Starts the clock, the change watcher and the hour/break timer."""
        self.clock_timer.start()
        self.hour_timer.start()
        self.watcher.start()
        self.guard.start()

    def shutdown(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.guard.stop()
        self.watcher.stop()
        for timer in (self.clock_timer, self.hour_timer, self.confirm_timer, self.notice_timer,
                      self.countdown_timer, self.tap_again_timer):
            timer.stop()
        self.printer_watch.stop(int(self.printer.timeout * 3000))
        for pool in (self.issue_pool, self.read_pool, self.print_pool):
            pool.waitForDone(int(self.printer.timeout * 3000))

    # --- the tap -------------------------------------------------------------------------

    def choose(self, code: str) -> None:
        """Issues a ticket for agency `code`, unless one is already being issued."""
        if self.busy or self._stack.currentWidget() is not self.start_page:
            log.info("tap on %s ignored: a ticket is being issued", code)
            return
        self.busy = True
        priority, now, lang = self.start_page.priority.chosen, self.clock(), self.lang
        run_task(
            lambda: issue(self.db, service=code, priority=priority, now=now),
            on_success=lambda issued: self.show_issued(issued, lang),
            on_failure=lambda error: self._issue_failed(code, error),
            context=self,
            pool=self.issue_pool,
        )

    def show_issued(self, issued: IssuedTicket, lang: str) -> None:
        """Shows a committed ticket (a tap's or a booking's check-in) and prints it."""
        log.info("issued %s (%s)", issued.ticket.number, issued.ticket.agency_code)
        self.last_issued = issued
        preview = None
        if self.printer.spec.kind == "preview":
            printed = ticket_print(issued, lang=lang)
            preview = build_layout(printed, paper_mm=self.printer.paper_mm, lang=lang)
        self.confirmation.show_ticket(issued, lang, preview, self.printer.paper_mm)
        self.confirmation.place_back(self._back_target())
        self.start_page.show_tap_again("")
        self._stack.setCurrentWidget(self.confirmation)
        self._page_changed()
        self.show_notice("")
        self.start_return(self.confirm_ms)
        self.ticket_issued.emit(issued)
        self.printing.start(issued, lang)
        self.refresh()

    def _back_target(self) -> QRect:
        """Where the confirmation's back button goes: over the start page's title, which is
        plain text, so a tap that comes after the return never lands on an agency."""
        title = self.start_page.title.geometry()
        width = round(title.width() * 0.6)
        return QRect(title.x() + (title.width() - width) // 2, title.y(), width, title.height())

    # --- the page guard ------------------------------------------------------------------

    def _page_changed(self) -> None:
        self._guard_until = time.monotonic() + self.page_guard_ms / 1000

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Swallows taps on this window for a moment after a page change, with feedback;
        key presses (a booking QR scanner) go to the check-in."""
        if (event.type() == QEvent.Type.KeyPress and isinstance(watched, QWidget)
                and watched.window() is self and not self.guard.pin_pad.isVisible()):
            return self.checkin.key(event)
        if (
            event.type() in _TAPS
            and time.monotonic() < self._guard_until
            and isinstance(watched, QWidget)
            and watched.window() is self
        ):
            log.info("tap %.0f ms after a page change ignored",
                     self.page_guard_ms - (self._guard_until - time.monotonic()) * 1000)
            self._tap_again()
            return True
        return False

    def _tap_again(self) -> None:
        self._tap_again_until = time.monotonic() + TAP_AGAIN_MS / 1000
        if self.on_start_page:
            self.start_page.show_tap_again(tr(self.lang, "tap_again"))
            self.tap_again_timer.start()
        else:
            self.confirmation.show_tap_again()

    def start_return(self, ms: int) -> None:
        """The confirmation goes back to the start by itself in `ms`, counting down."""
        self._return_at = time.monotonic() + ms / 1000
        self.confirm_timer.start(ms)
        self._count_down()
        self.countdown_timer.start()

    def _count_down(self) -> None:
        if time.monotonic() < self._tap_again_until:
            return
        left = self._return_at - time.monotonic()
        self.confirmation.show_countdown(max(1, math.ceil(left - 0.05)))

    def _issue_failed(self, code: str, error: BaseException) -> None:
        self.busy = False
        if isinstance(error, QueueError):
            message = error.words(self.lang)
            log.info("ticket for %s refused: %s", code, error)
        elif isinstance(error, DatabaseError):
            message = tr(self.lang, "issue_failed")
            log.error("ticket for %s not issued: %s", code, error)
        elif isinstance(error, AntreError):
            message = f"{tr(self.lang, 'issue_failed')} ({error.words(self.lang)})"
            log.warning("ticket for %s not issued: %s", code, error)
        else:
            message = tr(self.lang, "bug")
            log.error("bug while issuing a ticket for %s", code, exc_info=error)
        self.show_notice(message)
        self.issue_refused.emit(message)
        self.refresh()

    def return_to_start(self) -> None:
        """Back to the agencies, ready for the next visitor."""
        self.confirm_timer.stop()
        self.countdown_timer.stop()
        self.start_page.priority.clear()
        if not self.on_start_page:
            self._stack.setCurrentWidget(self.start_page)
            self._page_changed()
        self.busy = False

    @property
    def on_start_page(self) -> bool:
        return self._stack.currentWidget() is self.start_page

    @property
    def current_page(self) -> QWidget | None:
        return self._stack.currentWidget()

    @property
    def showing_ticket(self) -> bool:
        return self._stack.currentWidget() is self.confirmation

    def show_page(self, page: QWidget) -> None:
        self._stack.setCurrentWidget(page)
        self._page_changed()

    # --- refreshing ----------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-reads waiting counts and agency states off the GUI thread (coalesced)."""
        self.reader.request()

    def _read_work(self) -> Callable[[], Snapshot]:
        db, now = self.db, self.clock()
        return lambda: snapshot(db, now=now, with_tickets=False)

    def _refreshed(self, snap: Snapshot) -> None:
        if self.snapshot is None and self.start_page.notice.text() == tr(self.lang, "offline"):
            self.show_notice("")
        self.snapshot = snap
        self.start_page.grid.show_agencies(snap.agencies, self.lang)
        self.refreshed.emit()

    def _refresh_failed(self, error: BaseException) -> None:
        log.warning("refresh failed: %s", error, exc_info=not isinstance(error, AntreError))

    def _online(self, online: bool) -> None:
        self.show_notice("" if online else tr(self.lang, "offline"), sticky=not online)
        if online:
            self.refresh()

    def _agency(self, code: str) -> AgencyStatus | None:
        agencies = self.snapshot.agencies if self.snapshot else []
        return next((a for a in agencies if a.code == code), None)

    # --- language, clock, notices, size --------------------------------------------------

    def toggle_language(self) -> None:
        self.set_language("en" if self.lang == "id" else "id")

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.retranslate()

    def retranslate(self) -> None:
        self.start_page.retranslate(self.lang)
        self.checkin.retranslate(self.lang)
        self.start_page.grid.show_agencies(
            self.snapshot.agencies if self.snapshot else [], self.lang
        )
        self._tick()

    def _tick(self) -> None:
        self.start_page.header.show_time(shared_clock.local(self.clock(), self.tz), self.lang)

    def show_notice(self, text: str, *, sticky: bool = False) -> None:
        self.start_page.show_notice(text)
        self.notice_timer.stop()
        if text and not sticky:
            self.notice_timer.start(NOTICE_SECONDS * 1000)

    def resizeEvent(self, event: QResizeEvent) -> None:
        scale = screen_scale(event.size().width(), event.size().height())
        if abs(scale - self._scale) > 0.02:
            self._scale = scale
            self.setStyleSheet(stylesheet(scale))
        super().resizeEvent(event)

    def paintEvent(self, event: object) -> None:  # type: ignore[override]
        super().paintEvent(event)  # type: ignore[arg-type]
        if not self._painted:
            self._painted = True
            self.first_frame.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.guard.may_close():
            event.accept()
        else:
            event.ignore()
