"""Kiosk mode: no window controls, a hidden cursor, an idle reset, and a PIN-guarded exit."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication

from kiosk.exit_gate import PinPad, TapGesture
from kiosk.strings import tr
from shared.qt.worker import run_task
from shared.signin import ExitResult, kiosk_exit, station_name
from shared.station import StationSettings

if TYPE_CHECKING:
    from kiosk.window import KioskWindow

from kiosk.timers import make_timer

log = logging.getLogger("antre.kiosk.guard")

_ACTIVITY = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.KeyPress,
}


class KioskGuard(QObject):
    """Owns the kiosk-mode behaviour of one window. `exit_granted` fires after a good PIN."""

    exit_granted = Signal()

    def __init__(self, window: KioskWindow, settings: StationSettings, *, kiosk_mode: bool) -> None:
        super().__init__(window)
        self.window = window
        self.kiosk_mode = kiosk_mode
        self.pin_hash = settings.exit_pin_hash
        self.station = station_name()
        self.hide_cursor = settings.hide_cursor and kiosk_mode
        self.allowed = not kiosk_mode
        self.gesture = TapGesture()
        self.pin_pad = PinPad(window)
        self.pin_pad.hide()
        self.pin_pad.submitted.connect(self.check_pin)
        self.pin_pad.cancelled.connect(self.pin_pad.hide)
        self.idle_timer = make_timer(self, settings.idle_seconds * 1000, self.idle, True)
        window.start_page.header.site.tapped.connect(self.tapped)
        if kiosk_mode:
            window.setWindowFlags(
                Qt.WindowType.Window
                | Qt.WindowType.FramelessWindowHint
                | Qt.WindowType.WindowStaysOnTopHint
            )
        self._cursor_hidden = False

    def start(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        if self.hide_cursor and not self._cursor_hidden:
            QApplication.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
            self._cursor_hidden = True
        self.idle_timer.start()

    def stop(self) -> None:
        self.idle_timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        if self._cursor_hidden:
            QApplication.restoreOverrideCursor()
            self._cursor_hidden = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY:
            self.idle_timer.start()
        return False

    def idle(self) -> None:
        """Nobody touched the screen for `idle_seconds`: back to a clean start screen."""
        window = self.window
        if not window.on_start_page and not window.confirm_timer.isActive():
            window.return_to_start()
        window.start_page.priority.clear()
        self.pin_pad.hide()
        if window.lang != window.settings.language:
            window.set_language(window.settings.language)

    def tapped(self) -> None:
        if self.gesture.tap():
            log.info("operator exit gesture")
            if not self.pin_hash:
                # `antre-kiosk` refuses kiosk mode without a PIN; a window closes as usual.
                log.warning("no exit PIN in the station settings: the gesture does nothing")
                return
            self.pin_pad.open(self.window.lang)

    def check_pin(self, pin: str) -> None:
        """Checks off the GUI thread, with a lockout per station kept in the database."""
        stored, db, station = self.pin_hash, self.window.db, self.station
        self.pin_pad.refuse(tr(self.window.lang, "pin_checking"))
        run_task(
            lambda: kiosk_exit(db, pin=pin, stored=stored, station=station),
            on_success=self._checked,
            on_failure=self._check_failed,
            context=self,
        )

    def _checked(self, result: ExitResult) -> None:
        if result.granted:
            self.grant()
        elif result.lock.locked:
            log.warning("kiosk exit locked for %d s after wrong PINs", result.lock.seconds_left)
            self.pin_pad.refuse(tr(self.window.lang, "pin_locked",
                                   seconds=result.lock.seconds_left))
        else:
            self.pin_pad.refuse(tr(self.window.lang, "pin_wrong"))

    def _check_failed(self, error: BaseException) -> None:
        log.error("kiosk exit PIN check failed", exc_info=error)
        self.pin_pad.refuse(tr(self.window.lang, "pin_wrong"))

    def grant(self) -> None:
        self.allowed = True
        self.pin_pad.hide()
        self.exit_granted.emit()
        self.window.close()

    def may_close(self) -> bool:
        return self.allowed
