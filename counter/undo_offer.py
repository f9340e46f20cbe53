"""The few seconds after a no-show or a "finish and call next" in which the console offers to
take it back: the undo button [Ctrl+Z] with a visible countdown (the rule is in shared/undo)."""

from __future__ import annotations

import math

from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Signal
from PySide6.QtWidgets import QPushButton

from counter.strings import tr
from shared.undo import UNDO_SECONDS


class UndoOffer(QObject):
    """Holds the number that can be served again (None: nothing to undo) and counts down on
    the button; `ended` when the time is up (the console then disables the button)."""

    ended = Signal()

    def __init__(self, button: QPushButton, seconds: int = UNDO_SECONDS) -> None:
        super().__init__(button)
        self._button, self._seconds = button, seconds
        self.number: str | None = None
        self._clock = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self._tick)
        button.setVisible(False)

    def offer(self, number: str) -> None:
        self.number = number
        self._clock.start()
        self._timer.start()
        self._button.setVisible(True)
        self._tick()

    def withdraw(self) -> None:
        was = self.number is not None
        self.number = None
        self._timer.stop()
        self._button.setVisible(False)
        if was:
            self.ended.emit()

    def seconds_left(self) -> int:
        if self.number is None:
            return 0
        return max(0, math.ceil(self._seconds - self._clock.elapsed() / 1000))

    def _tick(self) -> None:
        left = self.seconds_left()
        if left <= 0:
            self.withdraw()
            return
        self._button.setText(tr("undo_button", number=self.number, seconds=left))
