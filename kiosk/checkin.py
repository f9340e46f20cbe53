"""Check-in of an online booking at the kiosk: "Sudah daftar online?" opens an on-screen
keypad for the booking code, and a USB 2D scanner (a keyboard to the computer: it types the
code and Enter) works anywhere on the kiosk. Within the slot's window the real ticket is
issued and printed with the usual layout, marked ONLINE; otherwise a plain reason is shown.

A code scanned while a ticket is being issued, or is still printing, is kept (the scanner
gives no second chance: the visitor would not know to scan again) with a line on screen
saying it was received; it is checked in as soon as the kiosk is free (the print finished,
or the issue failed). The same code scanned twice while it waits or is being checked in is
taken once.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.agency_grid import MIN_BUTTON_HEIGHT
from kiosk.strings import tr
from kiosk.timers import make_timer
from shared import bookings
from shared.booking_rules import CODE_ALPHABET, CODE_LENGTH, normalise_code, show_code
from shared.errors import AntreError, BookingError, DatabaseError
from shared.qt.worker import run_task

if TYPE_CHECKING:
    from kiosk.window import KioskWindow

log = logging.getLogger("antre.kiosk.checkin")
SCAN_GAP_S = 1.0  # keys further apart than this start a new code
IDLE_MS = 45_000  # the keypad page goes back to the start when left alone
MISSES_PER_MINUTE = 10  # unknown codes in a minute before the kiosk asks to wait
MAX_WAITING = 10  # codes kept while the kiosk is busy (a queue of visitors at the scanner)


class ScannerInput(QObject):
    """Collects typed characters; Enter (or Return) hands over what was typed as `scanned`."""

    scanned = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._buffer: list[str] = []
        self._last = 0.0

    def key(self, event: QKeyEvent) -> bool:
        """Takes a key press; True when it was part of a scan."""
        now = time.monotonic()
        if now - self._last > SCAN_GAP_S:
            self._buffer.clear()
        self._last = now
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            text, self._buffer = "".join(self._buffer), []
            if text.strip():
                self.scanned.emit(text)
            return True
        text = event.text()
        if text and text.isprintable() and len(self._buffer) < 200:
            self._buffer.append(text)
            return True
        return False


def _key(typed: str) -> str:
    """What identifies a scanned code (a malformed one as it was typed)."""
    return normalise_code(typed) or typed


class CheckInPage(QWidget):
    """The code entry: what was typed, a keypad of the code's characters, take / back."""

    submitted = Signal(str)
    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkIn")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.typed = ""
        self.title = self._label("checkInTitle")
        self.hint = self._label("checkInHint")
        self.display = self._label("checkInCode")
        self.reason = self._label("checkInReason")
        self.reason.hide()
        keys = QGridLayout()
        keys.setSpacing(10)
        self.keys: dict[str, QPushButton] = {}
        for i, char in enumerate(CODE_ALPHABET):
            button = self._button(char, "codeKey")
            button.clicked.connect(lambda _=False, c=char: self.press(c))
            self.keys[char] = button
            keys.addWidget(button, i // 11, i % 11)
        self.delete = self._button("⌫", "codeKey")
        self.delete.clicked.connect(self.erase)
        keys.addWidget(self.delete, 2, 9, 1, 2)
        self.back_button = self._button("", "checkInBack")
        self.back_button.clicked.connect(self.back)
        self.take = self._button("", "checkInTake")
        self.take.clicked.connect(lambda: self.submitted.emit(self.typed))
        actions = QHBoxLayout()
        actions.setSpacing(24)
        actions.addWidget(self.back_button, 1)
        actions.addWidget(self.take, 2)
        box = QVBoxLayout(self)
        box.setContentsMargins(48, 32, 48, 32)
        box.setSpacing(16)
        for widget in (self.title, self.hint, self.display, self.reason):
            box.addWidget(widget)
        box.addLayout(keys, 1)
        box.addLayout(actions)
        self._show()

    def _label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        return label

    def _button(self, text: str, role: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setProperty("kioskRole", role)
        button.setMinimumHeight(MIN_BUTTON_HEIGHT)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return button

    def press(self, char: str) -> None:
        if len(self.typed) < CODE_LENGTH:
            self.typed += char
        self.show_reason("")
        self._show()

    def erase(self) -> None:
        self.typed = self.typed[:-1]
        self.show_reason("")
        self._show()

    def clear(self) -> None:
        self.typed = ""
        self.show_reason("")
        self._show()

    def _show(self) -> None:
        shown = (self.typed + "·" * (CODE_LENGTH - len(self.typed)))
        self.display.setText(show_code(shown))
        self.take.setEnabled(len(self.typed) == CODE_LENGTH)

    def show_reason(self, text: str) -> None:
        self.reason.setText(text)
        self.reason.setVisible(bool(text))

    def retranslate(self, lang: str) -> None:
        self.title.setText(tr(lang, "booking_title"))
        self.hint.setText(tr(lang, "booking_hint"))
        self.back_button.setText(tr(lang, "booking_back"))
        self.take.setText(tr(lang, "booking_take"))


class CheckIn(QObject):
    """Wires the page and the scanner to the window: one check-in at a time, like a tap."""

    def __init__(self, window: KioskWindow) -> None:
        super().__init__(window)
        self.window = window
        self.page = CheckInPage(window)
        self.scanner = ScannerInput(self)
        self.scanner.scanned.connect(self.submit)
        self.page.submitted.connect(self.submit)
        self.page.back.connect(window.return_to_start)
        self.idle_timer = make_timer(self, IDLE_MS, window.return_to_start, True)
        self.max_misses = MISSES_PER_MINUTE
        self._misses: deque[float] = deque()
        self.waiting: deque[str] = deque()  # codes scanned while the kiosk was busy
        self._taking: str | None = None  # the code of the check-in under way
        window.print_finished.connect(self._resume)
        window.issue_refused.connect(self._resume)
        window.ticket_issued.connect(lambda _issued: self._show_waiting())

    def open(self) -> None:
        if self.window.busy:
            return
        self.page.clear()
        self.window.show_page(self.page)
        self.idle_timer.start()

    def key(self, event: QEvent) -> bool:
        """Key presses anywhere on the kiosk go to the scanner (the kiosk has no keyboard)."""
        return isinstance(event, QKeyEvent) and self.scanner.key(event)

    def submit(self, typed: str) -> None:
        window = self.window
        if window.showing_ticket and self._printed(window):
            window.return_to_start()  # the next visitor scans while the last ticket shows
        if window.busy or window.showing_ticket:
            self._keep(typed)
            return
        if self._guessing():
            self._failed(BookingError("booking.too_many"))
            return
        self._taking = _key(typed)
        window.busy = True
        self.idle_timer.stop()
        now, lang, db = window.clock(), window.lang, window.db
        run_task(lambda: bookings.check_in(db, typed=typed, now=now),
                 on_success=lambda done: self._done(done, lang),
                 on_failure=self._failed, context=self, pool=window.issue_pool)

    def _keep(self, typed: str) -> None:
        """A code that came while the kiosk is busy waits its turn (once)."""
        key = _key(typed)
        if key == self._taking or key in map(_key, self.waiting):
            log.info("check-in: the same code again while it is taken; ignored")
        elif len(self.waiting) >= MAX_WAITING:
            log.warning("check-in: %d codes already wait; one more dropped", MAX_WAITING)
            return
        else:
            log.info("check-in kept until the kiosk is free")
            self.waiting.append(typed)
        self._show_waiting()

    def _show_waiting(self) -> None:
        """Tells the visitor whose code waits that it was received, where they look."""
        if not self.waiting:
            return
        window, text = self.window, tr(self.window.lang, "booking_waiting")
        if window.showing_ticket:
            window.confirmation.show_scan_waiting(text)
        elif window.current_page is self.page:
            self.page.show_reason(text)
        else:
            window.show_notice(text)

    def _resume(self, *_: object) -> None:
        """The print finished or an issue failed: the next waiting code, if the kiosk is
        free now (a ticket that still prints keeps it waiting)."""
        window = self.window
        free = self._printed(window) if window.showing_ticket else not window.busy
        if self.waiting and free:
            self.submit(self.waiting.popleft())

    @staticmethod
    def _printed(window: KioskWindow) -> bool:
        """The ticket on screen has been printed (or failed to): nothing is left to wait for."""
        shown, done = window.last_issued, window.last_print
        return shown is not None and done is not None and done.ticket_id == shown.ticket.id

    def _guessing(self) -> bool:
        """Too many unknown codes lately: someone is trying codes, not checking in."""
        now = time.monotonic()
        while self._misses and now - self._misses[0] > 60:
            self._misses.popleft()
        return len(self._misses) >= self.max_misses

    def _done(self, done: bookings.CheckIn, lang: str) -> None:
        log.info("booking checked in as %s", done.issued.ticket.number)
        self.page.clear()
        self.window.show_issued(done.issued, lang)

    def _failed(self, error: BaseException) -> None:
        window = self.window
        window.busy = False
        self._taking = None
        lang = window.lang
        if isinstance(error, BookingError):
            message = error.words(lang)
            log.info("check-in refused: %s", error.reason)  # never the code itself
            if error.reason == "unknown":
                self._misses.append(time.monotonic())
        elif isinstance(error, DatabaseError):
            message = tr(lang, "issue_failed")
            log.error("check-in failed: %s", error)
        elif isinstance(error, AntreError):
            message = f"{tr(lang, 'issue_failed')} ({error.words(lang)})"
            log.warning("check-in failed: %s", error)
        else:
            message = tr(lang, "bug")
            log.error("bug during a check-in", exc_info=error)
        if window.current_page is self.page:
            self.page.show_reason(message)
            self.idle_timer.start()
        else:
            window.show_notice(message)
        window.issue_refused.emit(message)

    def retranslate(self, lang: str) -> None:
        self.page.retranslate(lang)
