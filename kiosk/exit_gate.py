"""Leaving kiosk mode: an operator gesture (five quick taps on the MPP's name), then a PIN.

The PIN is checked against the station's `exit_pin_hash` with shared.staff.verify_pin
(scrypt, tens of milliseconds), on a worker thread by the window.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.strings import tr

GESTURE_TAPS = 5
GESTURE_SECONDS = 4.0
MAX_PIN_DIGITS = 8


class TapGesture:
    """Counts taps; `tap()` is True when GESTURE_TAPS came within GESTURE_SECONDS."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._taps: list[float] = []

    def tap(self) -> bool:
        now = self._clock()
        self._taps = [t for t in self._taps if now - t <= GESTURE_SECONDS] + [now]
        if len(self._taps) >= GESTURE_TAPS:
            self._taps = []
            return True
        return False


class PinPad(QWidget):
    """A full-window overlay with a digit pad; emits `submitted(pin)` or `cancelled`."""

    submitted = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("pinPad")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.pin = ""
        self.title = QLabel(self)
        self.title.setObjectName("pinTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.display = QLabel(self)
        self.display.setObjectName("pinDisplay")
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = QLabel(self)
        self.message.setObjectName("pinMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        keys = QGridLayout()
        keys.setSpacing(12)
        labels = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"]
        self.keys: dict[str, QPushButton] = {}
        for index, text in enumerate(labels):
            button = self._key(text, f"pin-{'back' if text == '⌫' else text.lower()}")
            button.clicked.connect(lambda _=False, t=text: self._press(t))
            keys.addWidget(button, index // 3, index % 3)
        self.cancel = self._key("", "pin-cancel")
        self.cancel.clicked.connect(self.cancelled)
        column = QVBoxLayout()
        column.setSpacing(16)
        column.addWidget(self.title)
        column.addWidget(self.display)
        column.addWidget(self.message)
        column.addLayout(keys)
        column.addWidget(self.cancel)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(column, 2)
        outer.addStretch(1)

    def _key(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setProperty("kioskRole", "pinKey")
        button.setMinimumHeight(120)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.keys[name] = button
        return button

    def open(self, lang: str) -> None:
        self.title.setText(tr(lang, "pin_title"))
        self.keys["pin-ok"].setText(tr(lang, "pin_ok"))
        self.cancel.setText(tr(lang, "pin_cancel"))
        self.pin = ""
        self._refresh("")
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()

    def _press(self, key: str) -> None:
        if key == "⌫":
            self.pin = self.pin[:-1]
        elif key == "OK":
            if self.pin:
                self.submitted.emit(self.pin)
            return
        elif len(self.pin) < MAX_PIN_DIGITS:
            self.pin += key
        self._refresh("")

    def _refresh(self, message: str) -> None:
        self.display.setText("●" * len(self.pin) or " ")
        self.message.setText(message)

    def refuse(self, message: str) -> None:
        """A wrong PIN: clear the digits and say so."""
        self.pin = ""
        self._refresh(message)
