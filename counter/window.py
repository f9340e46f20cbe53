"""The console window: sign-in page and work screen, the live change watcher, the idle lock."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget, QWidget

from counter.console import Console
from counter.signin import Lockout, SignInPanel
from counter.strings import tr
from counter.work_screen import WorkScreen
from shared import clock
from shared.db import Database
from shared.qt.watcher import ChangeWatcher
from shared.staff import StaffInfo

log = logging.getLogger("antre.counter")
ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


class CounterWindow(QMainWindow):
    def __init__(
        self,
        db: Database,
        counter: int,
        *,
        lock_minutes: int = 10,
        idle_ms: int | None = None,
        lockout_clock: Callable[[], float] | None = None,
        watch_interval_ms: int = 100,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("title", counter=counter))
        self.counter = counter
        self.lockout = Lockout(lockout_clock) if lockout_clock else Lockout()
        self.signin = SignInPanel(db, counter, self.lockout)
        self.work = WorkScreen()
        self.console = Console(db, counter, self.work)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.signin)
        self.stack.addWidget(self.work)
        self.setCentralWidget(self.stack)
        self.signin.signed_in.connect(self.sign_in)
        self.work.sign_out_requested.connect(lambda: self.sign_out())
        self.watcher = ChangeWatcher(db, interval_ms=watch_interval_ms, parent=self)
        self.watcher.changed.connect(lambda _newest: self._changed())
        self.watcher.online.connect(self.console.set_online)
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.setInterval(idle_ms if idle_ms is not None else lock_minutes * 60_000)
        self.idle.timeout.connect(self._idle_lock)
        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(lambda: self.work.tick(clock.now()))
        self.staff: StaffInfo | None = None
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.signin.reset()

    def start(self) -> None:
        self.watcher.start()

    def shutdown(self) -> None:
        """Stops the watcher thread and the timers (on close and in tests)."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.idle.stop()
        self.ticker.stop()
        self.watcher.stop()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    def _changed(self) -> None:
        if self.staff is not None:
            self.console.refresh()

    def sign_in(self, staff: StaffInfo) -> None:
        self.staff = staff
        self.stack.setCurrentWidget(self.work)
        self.console.start(staff)
        self.ticker.start()
        self.idle.start()

    def sign_out(self, message: str = "") -> None:
        if self.staff is not None:
            log.info("staff #%d (%s) signed out", self.staff.id, self.staff.name)
        self.staff = None
        self.console.stop()
        self.idle.stop()
        self.ticker.stop()
        self.stack.setCurrentWidget(self.signin)
        self.signin.reset(message)

    def _idle_lock(self) -> None:
        if self.staff is not None:
            self.sign_out(tr("signin_idle"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Any key, click or wheel in the app restarts the idle lock."""
        if self.staff is not None and event.type() in ACTIVITY:
            self.idle.start()
        return False
