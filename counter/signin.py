"""Sign-in: the staff member picks their name, then types their PIN. One scrypt check (off
the GUI thread) per sign-in, however many staff there are; five wrong PINs lock the counter
and that staff member for a minute, then longer (shared.lockouts, kept in the database).

The name list offers first whoever last worked at this counter, so on most days the person
at the desk only types their PIN; with several staff and none usual here, nobody is chosen
for them (a wrong guess would count against a colleague's lockout)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from counter.strings import tr, tr_said
from shared.db import Database
from shared.errors import AntreError
from shared.qt.theme import NAVY, WARN_RED
from shared.qt.worker import run_task
from shared.signin import SignInResult, console_sign_in
from shared.staff import SignInChoices, sign_in_choices

log = logging.getLogger("antre.counter.signin")


class NameList(QComboBox):
    """The staff names; `opening` is emitted as the list drops down (to read it again)."""

    opening = Signal()

    def showPopup(self) -> None:
        self.opening.emit()
        super().showPopup()


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
        self._loaded = False  # the name list has been read once
        self._submit_when_loaded = False
        self._loading = False
        self.title = QLabel(tr("signin_title", counter=counter))
        self.title.setStyleSheet(f"font-size: 40pt; font-weight: bold; color: {NAVY};")
        prompt = QLabel(tr("signin_prompt"))
        prompt.setStyleSheet("font-size: 18pt;")
        self.name = NameList()
        self.name.opening.connect(self.load_names)
        self.name.setPlaceholderText(tr("signin_choose_name"))
        self.name.setFixedWidth(480)
        self.name.setFont(QFont(self.font().family(), 20))
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
        for widget in (self.title, prompt, self.name, self.pin, self.button, self.message):
            widget_layout_centre(layout, widget)
        layout.addStretch(2)

    def reset(self, message: str = "") -> None:
        self.pin.clear()
        self.message.setText(message)
        self.pin.setFocus()
        self.load_names()

    def load_names(self) -> None:
        """Reads the name list again (off the GUI thread): staff added or retired since."""
        if self._loading:
            return
        self._loading = True
        db, counter = self._db, self._counter
        run_task(lambda: sign_in_choices(db, counter=counter), on_success=self._names,
                 on_failure=self._names_failed, context=self)

    def _names(self, choices: SignInChoices) -> None:
        self._loading = False
        chosen = self.name.currentText() if self.name.currentIndex() >= 0 else None
        if not self._loaded or chosen not in choices.names:
            chosen = choices.usual or (choices.names[0] if len(choices.names) == 1 else None)
        self._loaded = True
        self.name.clear()
        self.name.addItems(list(choices.names))
        self.name.setCurrentIndex(self.name.findText(chosen) if chosen else -1)
        if chosen is None and self.pin.hasFocus() and not self.pin.text():
            self.name.setFocus()  # several staff, none usual here: the name comes first
        if not choices.names:
            self.message.setText(tr("signin_no_staff"))
        if self._submit_when_loaded:
            self._submit_when_loaded = False
            self.button.setEnabled(True)
            self.message.setText("")
            self.submit()

    def _names_failed(self, error: BaseException) -> None:
        self._loading = False
        self._submit_when_loaded = False
        self._failed(error)  # the button comes back; the next try reads the list again

    def submit(self) -> None:
        if self._checking:
            return
        if not self._loaded:  # typed before the list came: check once it is there
            self._submit_when_loaded = True
            self.button.setEnabled(False)
            self.message.setText(tr("signin_checking"))
            self.load_names()
            return
        name = self.name.currentText() if self.name.currentIndex() >= 0 else ""
        pin = self.pin.text().strip()
        if not name:
            self.message.setText(tr("signin_choose"))
            self.name.setFocus()
            return
        if not pin:
            self.message.setText(tr("signin_empty"))
            return
        self._checking = True
        self.button.setEnabled(False)
        self.message.setText(tr("signin_checking"))
        db, counter = self._db, self._counter
        now = self._clock() if self._clock is not None else None
        run_task(
            lambda: console_sign_in(db, name=name, pin=pin, counter=counter, now=now),
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
