"""Sign-in by staff PIN: scrypt checks off the GUI thread; five wrong PINs lock the counter
for a minute, then longer (shared.lockouts, kept in the database across restarts)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from counter.strings import tr, tr_said
from shared.db import Database
from shared.errors import AntreError
from shared.qt.theme import NAVY, WARN_RED
from shared.qt.worker import run_task
from shared.signin import SignInResult, console_sign_in

log = logging.getLogger("antre.counter.signin")


class SignInPanel(QWidget):
    """A PIN field and a button; emits `signed_in(StaffInfo)`."""

    signed_in = Signal(object)

    def __init__(
        self, db: Database, counter: int, *, clock: Callable[[], datetime] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._counter = counter
        self._clock = clock
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
        pin = self.pin.text().strip()
        if not pin:
            self.message.setText(tr("signin_empty"))
            return
        self._checking = True
        self.button.setEnabled(False)
        self.message.setText(tr("signin_checking"))
        db, counter = self._db, self._counter
        now = self._clock() if self._clock is not None else None
        run_task(
            lambda: console_sign_in(db, pin=pin, counter=counter, now=now),
            on_success=self._checked,
            on_failure=self._failed,
            context=self,
        )

    def _checked(self, result: SignInResult) -> None:
        self._checking = False
        self.button.setEnabled(True)
        self.pin.clear()
        who = result.staff
        if who is None:
            if result.lock.locked:
                self.message.setText(tr("signin_locked", seconds=result.lock.seconds_left))
            else:
                self.message.setText(tr("signin_wrong", left=result.lock.attempts_left))
            return
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
