"""The console window: sign-in page and work screen, the live change watcher, the idle lock."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget, QWidget

from counter.console import Console
from counter.move_dialog import MoveDialog
from counter.signin import SignInPanel
from counter.strings import tr
from counter.work_screen import WorkScreen
from shared import clock, presence
from shared.db import Database
from shared.errors import AntreError
from shared.presence import Claim, Elsewhere
from shared.qt.watcher import ChangeWatcher
from shared.qt.worker import run_task
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
        lockout_clock: Callable[[], datetime] | None = None,
        watch_interval_ms: int = 100,
        heartbeat_ms: int = round(presence.HEARTBEAT_SECONDS * 1000),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("title", counter=counter))
        self.counter = counter
        self.db = db
        self.signin = SignInPanel(db, counter, clock=lockout_clock)
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
        # The presence claim: a console id per sign-in, beating while someone is signed in.
        self.console_id = ""
        self.heartbeat = QTimer(self)
        self.heartbeat.setInterval(heartbeat_ms)
        self.heartbeat.timeout.connect(self._beat)
        self._beating = False
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
        self.heartbeat.stop()
        self.watcher.stop()
        self.console.stop()
        if self.staff is not None:  # app exit: the counter closes on the display at once
            self.staff = None
            self._release(wait=True)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    def _changed(self) -> None:
        if self.staff is not None:
            self.console.refresh()

    def sign_in(self, staff: StaffInfo, *, move: bool = False) -> None:
        """Claims the counter for `staff` (off the GUI thread), then shows the work screen."""
        db, counter, console = self.db, self.counter, secrets.token_hex(8)
        run_task(
            lambda: presence.sign_in(db, counter=counter, staff_id=staff.id, console=console,
                                     move=move),
            on_success=lambda result: self._claimed(staff, result),
            on_failure=self._claim_failed,
            context=self,
        )

    def _claimed(self, staff: StaffInfo, result: Claim | Elsewhere) -> None:
        if isinstance(result, Elsewhere):
            if MoveDialog.ask(self, name=staff.name, there=result.counter, here=self.counter):
                self.sign_in(staff, move=True)
            else:
                self.signin.reset(tr("move_declined", there=result.counter))
            return
        if result.moved_from is not None:
            log.info("staff #%d (%s) moved from loket %d", staff.id, staff.name,
                     result.moved_from)
        self.staff = staff
        self.console_id = result.console
        self.stack.setCurrentWidget(self.work)
        self.console.start(staff)
        self.ticker.start()
        self.idle.start()
        self.heartbeat.start()

    def _claim_failed(self, error: BaseException) -> None:
        if isinstance(error, AntreError):
            log.warning("cannot sign in at loket %d: %s", self.counter, error)
            self.signin.reset(str(error))
        else:
            log.error("sign-in bug", exc_info=error)
            self.signin.reset(tr("msg_bug"))

    def _beat(self) -> None:
        if self._beating or self.staff is None:
            return  # a slow beat is still running: never pile them up
        self._beating = True
        db, counter, console = self.db, self.counter, self.console_id
        run_task(
            lambda: presence.heartbeat(db, counter=counter, console=console),
            on_success=lambda held: self._beaten(console, held),
            on_failure=self._beat_failed,
            context=self,
        )

    def _beaten(self, console: str, held: bool) -> None:
        self._beating = False
        if not held and self.staff is not None and console == self.console_id:
            log.info("loket %d is no longer held by this console", self.counter)
            self.sign_out(tr("presence_lost"), release=False)

    def _beat_failed(self, error: BaseException) -> None:
        # The database is away: the watcher already shows it; the beats resume on return.
        self._beating = False
        if not isinstance(error, AntreError):
            log.error("heartbeat bug", exc_info=error)

    def _release(self, *, wait: bool = False) -> None:
        """Ends this console's presence (at exit synchronously, else off the GUI thread)."""
        db, counter, console = self.db, self.counter, self.console_id
        self.console_id = ""
        if not console:
            return

        def work() -> bool:
            return presence.sign_out(db, counter=counter, console=console)

        if wait:
            try:
                work()
            except AntreError as error:
                log.warning("could not sign out of loket %d at exit: %s", counter, error)
            return
        run_task(work, on_success=lambda _held: None,
                 on_failure=lambda error: log.warning("sign-out not recorded: %s", error),
                 context=self)

    def sign_out(self, message: str = "", *, release: bool = True) -> None:
        if self.staff is not None:
            log.info("staff #%d (%s) signed out", self.staff.id, self.staff.name)
        self.staff = None
        self.heartbeat.stop()
        if release:
            self._release()
        else:
            self.console_id = ""
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
