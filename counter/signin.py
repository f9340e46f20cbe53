"""Sign-in by staff PIN: scrypt checks off the GUI thread, five wrong PINs lock for a minute."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from counter.strings import tr, tr_said
from shared import staff
from shared.db import Database
from shared.errors import AntreError
from shared.qt.theme import NAVY, WARN_RED
from shared.qt.worker import run_task
from shared.staff import StaffInfo

log = logging.getLogger("antre.counter.signin")
MAX_FAILURES = 5
LOCK_SECONDS = 60.0


class Lockout:
    """Wrong-PIN counter kept in memory per console; `clock` is injectable for tests."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self.failures = 0
        self._locked_until = 0.0

    def seconds_left(self) -> int:
        left = self._locked_until - self._clock()
        return max(0, int(left + 0.999))

    def locked(self) -> bool:
        return self.seconds_left() > 0

    def fail(self) -> None:
        self.failures += 1
        if self.failures >= MAX_FAILURES:
            self._locked_until = self._clock() + LOCK_SECONDS
            self.failures = 0

    def succeed(self) -> None:
        self.failures = 0

    def attempts_left(self) -> int:
        return MAX_FAILURES - self.failures


class SignInPanel(QWidget):
    """A PIN field and a button; emits `signed_in(StaffInfo)`."""

    signed_in = Signal(object)

    def __init__(
        self, db: Database, counter: int, lockout: Lockout, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._lockout = lockout
        self._checking = False
        self.title = QLabel(tr("signin_title", counter=counter))
        self.title.setStyleSheet(f"font-size: 40pt; font-weight: bold; color: {NAVY};")
        prompt = QLabel(tr("signin_prompt"))
        prompt.setStyleSheet("font-size: 18pt;")
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(8)
        self.pin.setFixedWidth(320)
        self.pin.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin.setFont(QFont(self.font().family(), 28))
        self.pin.returnPressed.connect(self.submit)
        self.button = QPushButton(tr("signin_button"))
        self.button.setMinimumSize(320, 64)
        self.button.setStyleSheet("font-size: 18pt; font-weight: bold;")
        self.button.clicked.connect(self.submit)
        self.message = QLabel("")
        self.message.setStyleSheet(f"font-size: 16pt; color: {WARN_RED};")
        self.message.setWordWrap(True)
        self.message.setFixedWidth(720)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (self.title, prompt, self.pin, self.button, self.message):
            widget_layout_centre(layout, widget)
        layout.addStretch(2)

    def reset(self, message: str = "") -> None:
        self.pin.clear()
        self.message.setText(message)
        self.pin.setFocus()

    def submit(self) -> None:
        if self._checking:
            return
        if self._lockout.locked():
            self.message.setText(tr("signin_locked", seconds=self._lockout.seconds_left()))
            return
        pin = self.pin.text().strip()
        if not pin:
            self.message.setText(tr("signin_empty"))
            return
        self._checking = True
        self.button.setEnabled(False)
        self.message.setText(tr("signin_checking"))
        db = self._db
        run_task(
            lambda: staff.authenticate(db, pin=pin),
            on_success=self._checked,
            on_failure=self._failed,
            context=self,
        )

    def _checked(self, who: StaffInfo | None) -> None:
        self._checking = False
        self.button.setEnabled(True)
        self.pin.clear()
        if who is None:
            self._lockout.fail()
            log.info("wrong PIN at sign-in")
            if self._lockout.locked():
                self.message.setText(tr("signin_locked", seconds=self._lockout.seconds_left()))
            else:
                self.message.setText(tr("signin_wrong", left=self._lockout.attempts_left()))
            return
        self._lockout.succeed()
        self.message.setText("")
        log.info("staff #%d (%s) signed in", who.id, who.name)
        self.signed_in.emit(who)

    def _failed(self, error: BaseException) -> None:
        self._checking = False
        self.button.setEnabled(True)
        if isinstance(error, AntreError):
            log.warning("sign-in failed: %s", error)
            self.message.setText(tr_said(error.said))
        else:
            log.error("sign-in bug", exc_info=error)
            self.message.setText(tr("msg_bug"))


def widget_layout_centre(layout: QVBoxLayout, widget: QWidget) -> None:
    layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
