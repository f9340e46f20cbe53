"""The header (site name or logo, day, date, clock, offline mark) and the running text."""

from __future__ import annotations

import logging
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPaintEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

from display.fit import FitText, _font
from display.i18n import Words
from display.panels import LEFT, RIGHT, SOFT, WHITE, Panel, frac_rect
from shared import clock
from shared.qt.theme import ACCENT, INK

log = logging.getLogger("antre.display")
TICKER = ACCENT
OFFLINE = "#FFB4A9"  # soft red on navy: noticed, not alarming (contrast 8:1)


class Header(Panel):
    """Name (and logo) on the left, clock and date on the right; the clock alone ticks."""

    def __init__(
        self, words: Words, parent: QWidget | None = None, *, tz: str = clock.DEFAULT_TZ
    ) -> None:
        super().__init__(parent, fill="#0A223F")
        self._words = words
        self._tz = ZoneInfo(tz)
        self._logo = QLabel(self)
        self._logo.hide()
        self._pixmap: QPixmap | None = None
        self.site = ("", "")
        self.name = self.place(FitText("", self, bold=True, align=LEFT), (0.0, 0.0, 0.62, 0.68))
        self.status = self.place(
            FitText("", self, align=LEFT, colour=OFFLINE), (0.0, 0.7, 0.5, 0.3)
        )
        self.clock = self.place(FitText("", self, bold=True, align=RIGHT), (0.64, 0.0, 0.36, 0.56))
        self.date = self.place(FitText("", self, align=RIGHT, colour=SOFT), (0.5, 0.58, 0.5, 0.42))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.tick)
        self.tick()

    def set_site(self, name: str, logo: str = "") -> None:
        self.site = (name, logo)
        self.name.setText(name)
        self._pixmap = None
        if logo:
            pixmap = QPixmap(logo)
            if pixmap.isNull():
                log.warning("site logo %s cannot be read; showing the name only", logo)
            else:
                self._pixmap = pixmap
        self._logo.setVisible(self._pixmap is not None)
        self._place_logo()

    def set_timezone(self, tz: str) -> None:
        """The site's zone (from the database): a WITA or WIT hall shows its own time."""
        if tz != self._tz.key:
            self._tz = ZoneInfo(tz)
            self.tick()

    @property
    def timezone(self) -> str:
        return self._tz.key

    def set_offline(self, offline: bool) -> None:
        self.status.setText(self._words["offline"] if offline else "")

    def tick(self) -> None:
        """Shows the time; wakes up again just after the next second starts."""
        now = clock.now().astimezone(self._tz)
        self.clock.setText(now.strftime("%H:%M:%S"))
        self.date.setText(self._words.day_date(now))
        self._timer.start(max(50, 1000 - now.microsecond // 1000 + 5))

    def local_now(self) -> datetime:
        return clock.now().astimezone(self._tz)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_logo()

    def _place_logo(self) -> None:
        if self._pixmap is None:
            self.name.setGeometry(frac_rect(self.rect(), (0.0, 0.0, 0.62, 0.68), self.padding()))
            return
        inner = self.rect().adjusted(
            *(self.padding(), self.padding(), -self.padding(), -self.padding())
        )
        side = inner.height()
        scaled = self._pixmap.scaled(
            side,
            side,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        self._logo.setPixmap(scaled)
        self._logo.setGeometry(QRect(inner.x(), inner.y(), scaled.width(), side))
        shift = scaled.width() + self.padding()
        name = frac_rect(self.rect(), (0.0, 0.0, 0.62, 0.68), self.padding())
        status = frac_rect(self.rect(), (0.0, 0.7, 0.5, 0.3), self.padding())
        self.name.setGeometry(name.adjusted(shift, 0, 0, 0))
        self.status.setGeometry(status.adjusted(shift, 0, 0, 0))


class Marquee(QWidget):
    """The running text: drawn once into a pixmap, then only slid along (cheap to repaint)."""

    FPS = 16  # smooth enough for text read from afar; each frame costs CPU
    SPEED = 0.09  # screen heights per second (about 100 px/s at 1080p)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._pixmap: QPixmap | None = None
        self._offset = 0.0
        # Opaque: each step repaints this strip only, not the window background beneath it.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._timer = QTimer(self)
        self._timer.setInterval(1000 // self.FPS)
        self._timer.timeout.connect(self._step)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self._render()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._render()

    def _render(self) -> None:
        self._pixmap = None
        if not self._text or self.height() < 2:
            self._timer.stop()
            self.update()
            return
        font = _font(round(self.height() * 0.6), False)
        fm = QFontMetricsF(font)
        text = self._text + " " * 8
        pixmap = QPixmap(int(fm.horizontalAdvance(text)) + 1, self.height())
        pixmap.fill(QColor(TICKER))  # opaque: sliding it is a plain copy, no blending
        painter = QPainter(pixmap)
        painter.setFont(font)
        painter.setPen(QColor(INK))
        baseline = (self.height() - fm.height()) / 2 + fm.ascent()
        painter.drawText(0, round(baseline), text)
        painter.end()
        self._pixmap = pixmap
        self._offset = 0.0
        self._timer.start()

    def _step(self) -> None:
        if self._pixmap is None:
            return
        screen_h = self.window().height() or 1080
        self._offset -= screen_h * self.SPEED / self.FPS
        if self._offset < -self._pixmap.width():
            self._offset += self._pixmap.width()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        if self._pixmap is None:
            painter.fillRect(self.rect(), QColor(TICKER))
        else:
            x = round(self._offset)
            while x < self.width():
                painter.drawPixmap(x, 0, self._pixmap)
                x += self._pixmap.width()
        painter.end()


__all__ = ["WHITE", "Header", "Marquee"]
