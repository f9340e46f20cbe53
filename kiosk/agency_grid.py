"""One large button per agency, laid out so up to 16 fit any screen without scrolling."""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QLabel,
    QLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.strings import tr
from shared.qt.theme import INK, WARN_RED, readable_text_on
from shared.status import AgencyStatus
from shared.words import agency_name, words

#: Smallest button height (touch target) and the width:height ratio the grid aims for.
MIN_BUTTON_HEIGHT = 120
#: Below this a wrapped name, a state line and the count no longer fit comfortably.
COMFORT_HEIGHT = 150
TARGET_RATIO = 2.4
#: Narrower than this a closed agency's state line and its count no longer fit side by side.
MIN_BUTTON_WIDTH = 170
GAP = 16
CLOSED_BACKGROUND = "#DDE3EA"


def grid_shape(count: int, width: int, height: int, gap: int = GAP) -> tuple[int, int]:
    """(columns, rows) for `count` buttons in `width` x `height` pixels.

    Chooses the column count whose cells come closest to TARGET_RATIO while staying at
    least MIN_BUTTON_HEIGHT tall; wide screens get more columns, tall screens more rows.
    """
    if count <= 0:
        return (1, 1)
    best: tuple[float, int] | None = None
    for columns in range(1, count + 1):
        rows = math.ceil(count / columns)
        cell_w = (width - gap * (columns - 1)) / columns
        cell_h = (height - gap * (rows - 1)) / rows
        if cell_w <= 0 or cell_h <= 0:
            continue
        penalty = abs(math.log((cell_w / cell_h) / TARGET_RATIO))
        penalty += 10 if cell_h < MIN_BUTTON_HEIGHT else 1 if cell_h < COMFORT_HEIGHT else 0
        penalty += 10 if cell_w < MIN_BUTTON_WIDTH else 0
        penalty += 0.05 * (rows * columns - count)  # prefer fewer empty cells
        if best is None or penalty < best[0]:
            best = (penalty, columns)
    columns = best[1] if best else 1
    return (columns, math.ceil(count / columns))


def _label(name: str, parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    return label


class AgencyButton(QPushButton):
    """An agency: name, short code, its colour, how many wait, and why it is closed."""

    def __init__(self, status: AgencyStatus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = status.code
        self.setObjectName(f"service-{status.code}")
        self.setProperty("kioskRole", "agency")
        self.setMinimumHeight(MIN_BUTTON_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.name_label = _label("agencyName", self)
        self.name_label.setWordWrap(True)
        self.waiting_label = _label("agencyWaiting", self)
        self.waiting_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.state_label = _label("agencyState", self)
        self.state_label.setWordWrap(True)
        bottom = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        bottom.setSpacing(0)
        bottom.addStretch(1)
        bottom.addWidget(self.waiting_label)
        self._bottom = bottom
        box = QVBoxLayout(self)
        box.setContentsMargins(28, 8, 24, 8)
        box.setSpacing(2)
        box.addWidget(self.name_label, 1)
        box.addWidget(self.state_label)
        box.addLayout(bottom)
        self.status = status
        self.lang = "id"
        self.show_status(status, "id")

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fit_name(event.size().width() - 52)
        super().resizeEvent(event)

    def _fit_name(self, room: int) -> None:
        """Shrinks the name when its longest word ("Ketenagakerjaan") cannot wrap to fit."""
        label = self.name_label
        label.setStyleSheet("")  # back to the kiosk style's size, then measure
        label.ensurePolished()
        font = label.font()
        longest = max((label.fontMetrics().horizontalAdvance(w) for w in label.text().split()),
                      default=0)
        if room > 0 and longest > room and font.pixelSize() > 0:
            size = max(12, font.pixelSize() * room // longest)
            label.setStyleSheet(f"font-size: {size}px;")

    @property
    def is_open(self) -> bool:
        return self.status.open

    def show_status(self, status: AgencyStatus, lang: str) -> None:
        self.status, self.lang = status, lang
        self.name_label.setText(agency_name(status.name, status.code))
        self.waiting_label.setText(tr(lang, "waiting", n=status.waiting))
        self.state_label.setVisible(not status.open)
        self.state_label.setText(
            words(lang, status.short) if status.short is not None else ""
        )
        self.setProperty("agencyState", status.state)
        self.setAccessibleName(agency_name(status.name, status.code))
        self._paint_colours(status)

    def _paint_colours(self, status: AgencyStatus) -> None:
        if status.open:
            background, ink, band = status.colour, readable_text_on(status.colour), status.colour
        else:
            background, ink, band = CLOSED_BACKGROUND, INK, status.colour
        self.setStyleSheet(
            f"QPushButton#{self.objectName()} {{ background: {background}; color: {ink};"
            f" border: none; border-left: 18px solid {band}; border-radius: 14px; }}"
            f"QPushButton#{self.objectName()}:pressed {{ border: 6px solid {INK};"
            f" border-left: 18px solid {band}; }}"
            f"QLabel {{ color: {ink}; background: transparent; }}"
            f"QLabel#agencyState {{ color: {WARN_RED if not status.open else ink}; }}"
        )


class AgencyGrid(QWidget):
    """The buttons, re-laid out on resize; emits `chosen(code)` on a tap."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons: dict[str, AgencyButton] = {}
        # The grid takes the space it is given and picks its shape from it; the buttons'
        # minimum heights must not push it taller than the screen (one column of 16).
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self._grid = QGridLayout(self)
        self._grid.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(GAP)
        self._empty = QLabel(self)
        self._empty.setObjectName("noAgencies")
        self._empty.setWordWrap(True)
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.hide()
        self._shape = (0, 0)
        self._lang = "id"

    def show_agencies(self, agencies: Sequence[AgencyStatus], lang: str) -> None:
        """Updates the buttons in place; rebuilds only when the set of agencies changed."""
        self._lang = lang
        if [a.code for a in agencies] != list(self.buttons):
            self._rebuild(agencies)
        for status in agencies:
            self.buttons[status.code].show_status(status, lang)
        self._empty.setText(tr(lang, "no_agencies"))
        self._empty.setVisible(not agencies)

    def _rebuild(self, agencies: Sequence[AgencyStatus]) -> None:
        for button in self.buttons.values():
            self._grid.removeWidget(button)
            button.deleteLater()
        self.buttons = {}
        for status in agencies:
            button = AgencyButton(status, self)
            button.clicked.connect(lambda _=False, code=status.code: self.chosen.emit(code))
            self.buttons[status.code] = button
        self._shape = (0, 0)
        self._place()

    def _place(self) -> None:
        shape = grid_shape(len(self.buttons), self.width(), self.height())
        if shape == self._shape:
            return
        self._shape = shape
        columns, rows = shape
        for button in self.buttons.values():
            self._grid.removeWidget(button)
        for index, button in enumerate(self.buttons.values()):
            self._grid.addWidget(button, index // columns, index % columns)
        for c in range(self._grid.columnCount()):
            self._grid.setColumnStretch(c, 1 if c < columns else 0)
        for r in range(self._grid.rowCount()):
            self._grid.setRowStretch(r, 1 if r < rows else 0)
        if not self.buttons:
            self._grid.addWidget(self._empty, 0, 0)

    def resizeEvent(self, event: object) -> None:  # type: ignore[override]
        self._place()
        super().resizeEvent(event)  # type: ignore[arg-type]
