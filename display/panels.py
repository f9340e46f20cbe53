"""The display's building blocks: painted panels with FitText children placed by fractions.

Every child's rectangle is a fraction of its panel, so one layout serves 1080p, 4K and
portrait; FitText turns each rectangle into the largest font that fits.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QWidget

from display.fit import FitText
from display.i18n import Words
from display.state import Call, Tile, Waiting
from shared.qt.theme import ACCENT, INK, readable_text_on

BACKGROUND = "#0D2B4E"  # theme NAVY
PANEL = "#16406E"
PANEL_DIM = "#37474F"  # a counter on a break
PANEL_CLOSED = "#0A223F"  # nobody signed in: a tile sunk into the background
WHITE = "#FFFFFF"
SOFT = "#C9D6E3"  # secondary text on PANEL: contrast 6.9:1
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

W = TypeVar("W", bound=QWidget)
Frac = tuple[float, float, float, float]  # x, y, width, height as fractions of the panel


def frac_rect(outer: QRect, frac: Frac, pad: int = 0) -> QRect:
    x, y, w, h = frac
    inner = outer.adjusted(pad, pad, -pad, -pad)
    return QRect(
        inner.x() + round(x * inner.width()),
        inner.y() + round(y * inner.height()),
        round(w * inner.width()),
        round(h * inner.height()),
    )


class Panel(QWidget):
    """A rounded, filled rectangle; children are FitTexts placed at fractions of it.

    A panel may have a second arrangement for a wide, low shape (`WIDE` times as wide as
    high or more): a portrait screen's counters are rows of a list, its waiting counts strips,
    so every text stays large there too. The panel picks it from its own size.
    """

    WIDE: float | None = None  # the width/height ratio from which the wide arrangement is used

    def __init__(self, parent: QWidget | None = None, *, fill: str = PANEL) -> None:
        super().__init__(parent)
        self._fill = QColor(fill)
        self._border: QColor | None = None
        self._places: list[tuple[QWidget, Frac, Frac]] = []

    def place(self, widget: W, frac: Frac, wide: Frac | None = None) -> W:
        self._places.append((widget, frac, wide or frac))
        return widget

    def is_wide(self) -> bool:
        return self.WIDE is not None and self.width() >= self.WIDE * max(1, self.height())

    def set_fill(self, fill: str, border: str | None = None) -> None:
        new_border = QColor(border) if border else None
        if QColor(fill) != self._fill or new_border != self._border:
            self._fill, self._border = QColor(fill), new_border
            self.update()

    def padding(self) -> int:
        return max(2, round(min(self.width(), self.height()) * 0.05))

    def resizeEvent(self, event: QResizeEvent) -> None:
        pad, wide = self.padding(), self.is_wide()
        for widget, frac, wide_frac in self._places:
            widget.setGeometry(frac_rect(self.rect(), wide_frac if wide else frac, pad))
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        radius = min(self.width(), self.height()) * 0.06
        rect = QRectF(self.rect())
        if self._border is not None:
            width = max(3.0, min(self.width(), self.height()) * 0.035)
            painter.setPen(QPen(self._border, width))
            rect = rect.adjusted(width / 2, width / 2, -width / 2, -width / 2)
        else:
            painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._fill)
        painter.drawRoundedRect(rect, radius, radius)
        painter.end()


class NowPanel(Panel):
    """The newest call, very large; highlighted for a few seconds when it arrives."""

    WIDE = 2.5

    def __init__(self, words: Words, parent: QWidget | None = None) -> None:
        super().__init__(parent, fill=PANEL)
        self._words = words
        # Wide (a portrait screen): the number on the left, the title, counter and agency
        # beside it.
        self.title = self.place(
            FitText(words["now_calling"], self, bold=True, colour=SOFT), (0, 0, 1, 0.12),
            (0.5, 0, 0.5, 0.28),
        )
        self.number = self.place(
            FitText("—", self, bold=True, tight=True, colour=ACCENT), (0.05, 0.18, 0.9, 0.44),
            (0, 0.02, 0.48, 0.96),
        )
        self.counter = self.place(
            FitText("", self, bold=True), (0, 0.66, 1, 0.18), (0.5, 0.3, 0.5, 0.38)
        )
        self.agency = self.place(
            FitText("", self, colour=SOFT), (0, 0.85, 1, 0.15), (0.5, 0.7, 0.5, 0.3)
        )
        self.highlighted = False

    def show_call(self, call: Call | None, *, any_calls: bool = False) -> None:
        """The call, or a calm idle state when no called ticket is waiting for its visitor."""
        if call is None:
            self.title.setText(self._words["now_calling"])
            self.number.setText("—")
            self.counter.setText(self._words["idle_board" if any_calls else "no_calls"])
            self.agency.setText("")
            return
        title = self._words["recall" if call.kind == "recall" else "now_calling"]
        self.title.setText(title)
        self.number.setText(call.number)
        self.counter.setText(f"{self._words['counter']} {call.counter}")
        self.agency.setText(call.agency_name)

    def set_highlight(self, on: bool) -> None:
        self.highlighted = on
        self.set_fill(ACCENT if on else PANEL)
        self.title.set_colour(INK if on else SOFT)
        self.number.set_colour(INK if on else ACCENT)
        self.counter.set_colour(INK if on else WHITE)
        self.agency.set_colour(INK if on else SOFT)


class CounterTile(Panel):
    """One counter: its number, agency, the ticket it serves and its state."""

    WIDE = 5.0

    def __init__(self, words: Words, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._words = words
        self._stripe = QColor("#546E7A")
        self.tile: Tile | None = None
        self.flash = False
        # Wide (a row of a portrait screen's list): counter, agency, state, number in a line.
        self.label = self.place(
            FitText("", self, bold=True, align=LEFT), (0, 0.06, 0.58, 0.2), (0.02, 0, 0.185, 1)
        )
        self.state = self.place(
            FitText("", self, align=RIGHT, colour=SOFT), (0.58, 0.08, 0.42, 0.16),
            (0.575, 0, 0.18, 1),
        )
        self.agency = self.place(
            FitText("", self, max_lines=2, colour=SOFT), (0, 0.28, 1, 0.22),
            (0.215, 0, 0.355, 1),
        )
        self.number = self.place(
            FitText("", self, bold=True, tight=True), (0.07, 0.56, 0.86, 0.4),
            (0.78, 0.02, 0.2, 0.96),
        )

    def show_tile(self, tile: Tile, *, flash: bool = False) -> None:
        if (tile, flash) == (self.tile, self.flash):
            return
        self.tile, self.flash = tile, flash
        self._stripe = QColor(tile.colour)
        self.label.setText(f"{self._words['counter_short']} {tile.number}")
        self.agency.setText(tile.agency)
        words = {"serving": "serving", "idle": "idle", "paused": "paused",
                 "closed": "closed_counter"}
        self.state.setText(self._words[words[tile.state]] if tile.state in words else tile.state)
        paused, closed = tile.state == "paused", tile.state == "closed"
        if paused and tile.since:
            self.number.setText(f"{self._words['since']} {tile.since}")
        else:
            self.number.setText(tile.serving or "—")
        self.number.set_colour(WHITE if tile.serving else SOFT)
        self.state.set_colour(ACCENT if paused else WHITE if closed else SOFT)
        fill = PANEL_CLOSED if closed else PANEL_DIM if paused else PANEL
        self.set_fill(fill, ACCENT if flash else None)
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wide = self.is_wide()
        self.agency.set_align(LEFT if wide else Qt.AlignmentFlag.AlignCenter)
        self.number.set_align(RIGHT if wide else Qt.AlignmentFlag.AlignCenter)
        # In a row, a short state word ("Melayani") would grow to its box and touch the
        # agency's name before it: no larger than the row's other texts.
        self.state.set_max_px(round(self.height() * 0.55) if wide else None)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._stripe)
        inset = round(min(self.width(), self.height()) * 0.06)
        if self.is_wide():  # the agency's colour down the row's left edge
            stripe = QRect(0, inset, max(4, round(self.height() * 0.1)), self.height() - 2 * inset)
        else:  # across the tile's top
            stripe = QRect(inset, 0, self.width() - 2 * inset, max(3, round(self.height() * 0.04)))
        painter.drawRect(stripe)
        painter.end()


class HistoryRow(Panel):
    """One earlier call: number and counter on one line."""

    WIDE = 4.2

    def __init__(self, words: Words, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._words = words
        # A gap of 8 % of the row between the two boxes: each text may fill its box, and
        # "G010" and "Loket 7" read as two things, never "G010Loket 7".
        # Wide (a portrait screen's short rows): the counter's text gets the row's height.
        self.number = self.place(
            FitText("", self, bold=True, align=LEFT), (0, 0, 0.44, 1), (0, 0, 0.34, 1)
        )
        self.counter = self.place(
            FitText("", self, align=RIGHT, colour=SOFT), (0.52, 0.1, 0.48, 0.8), (0.4, 0, 0.6, 1)
        )

    def show_call(self, call: Call | None) -> None:
        self.setVisible(call is not None)
        self.number.setText(call.number if call else "")
        if call is None:
            self.counter.setText("")
            return
        times = f"  ×{call.times}" if call.times > 1 else ""
        self.counter.setText(f"{self._words['counter_short']} {call.counter}{times}")

    def padding(self) -> int:
        return max(2, round(self.height() * (0.1 if self.is_wide() else 0.14)))


class WaitingChip(Panel):
    """One agency: its letter on its colour, how many wait (large), and its name."""

    WIDE = 5.0

    def __init__(self, words: Words, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._words = words
        self._colour = QColor("#546E7A")
        self.item: Waiting | None = None
        # Wide chips in two rows: the letter and the count on top, the name below on one line
        # (two if it must), at least 1.8 % of the screen's short side.
        # Wide (a portrait screen's strips): letter, name and count in one line.
        self.prefix = self.place(
            FitText("", self, bold=True), (0, 0, 0.3, 0.56), (0, 0, 0.1, 1)
        )
        self.count = self.place(
            FitText("", self, bold=True, tight=True, colour=ACCENT), (0.36, 0.04, 0.64, 0.48),
            (0.85, 0.08, 0.13, 0.84),
        )
        self.name = self.place(
            FitText("", self, max_lines=2), (0, 0.58, 1, 0.42), (0.12, 0, 0.72, 1)
        )

    def show_waiting(self, item: Waiting) -> None:
        if item == self.item:
            return
        self.item = item
        self._colour = QColor(item.colour)
        self.prefix.setText(item.prefix)
        self.prefix.set_colour(readable_text_on(item.colour))
        self.name.setText(item.name)
        self.count.setText(
            str(item.waiting) if item.open or item.waiting else self._words["closed"]
        )
        self.count.set_colour(ACCENT if item.open else SOFT)
        self.update()

    def padding(self) -> int:
        return max(2, round(min(self.width(), self.height()) * 0.08))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        box = self.prefix.geometry()
        side = min(box.width(), box.height())
        self.prefix.setGeometry(QRect(box.x(), box.y(), side, side))
        wide = self.is_wide()
        self.name.set_align(LEFT if wide else Qt.AlignmentFlag.AlignCenter)
        self.count.set_align(RIGHT if wide else Qt.AlignmentFlag.AlignCenter)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._colour)
        square = QRectF(self.prefix.geometry())
        painter.drawRoundedRect(square, square.width() * 0.15, square.width() * 0.15)
        painter.end()


class WaitingTitle(Panel):
    """The heading cell of the waiting counts ("Jumlah menunggu")."""

    def __init__(self, words: Words, parent: QWidget | None = None) -> None:
        super().__init__(parent, fill=BACKGROUND)
        self.text = self.place(
            FitText(words["waiting_title"], self, bold=True, max_lines=2, colour=SOFT), (0, 0, 1, 1)
        )
