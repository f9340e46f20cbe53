"""The printed ticket on screen: the `preview` printer, and the QR code after a failed print.

`TicketPreview` paints the very `build_layout()` items the printer receives, on a grid of
`paper_columns(paper_mm)` monospaced cells, so what the demo shows is what a printer prints.
"""

from __future__ import annotations

from collections.abc import Sequence

import qrcode
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from shared.printing.ticket_layout import (
    Cut,
    Feed,
    LayoutItem,
    QrCode,
    Rule,
    TextLine,
    paper_columns,
)

#: Font-A line height in cell widths (12 x 24 dots).
_LINE_RATIO = 2.0


def qr_matrix(payload: str) -> list[list[bool]]:
    """The QR modules of `payload` (error correction M, a 2-module quiet zone)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2)
    code.add_data(payload)
    code.make(fit=True)
    return [list(row) for row in code.get_matrix()]


def paint_qr(painter: QPainter, matrix: Sequence[Sequence[bool]], rect: QRectF) -> None:
    """Paints the modules black on white, square, centred in `rect`."""
    count = len(matrix)
    side = min(rect.width(), rect.height())
    module = side / max(1, count)
    left = rect.x() + (rect.width() - module * count) / 2
    top = rect.y() + (rect.height() - module * count) / 2
    painter.fillRect(QRectF(left, top, module * count, module * count), QColor("#FFFFFF"))
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                painter.fillRect(
                    QRectF(left + x * module, top + y * module, module + 0.5, module + 0.5),
                    QColor("#000000"),
                )


class QrWidget(QWidget):
    """A square QR code (shown when a print failed, so the visitor can photograph it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._matrix: list[list[bool]] = []
        self.payload = ""
        self.setMinimumSize(160, 160)

    def set_payload(self, payload: str) -> None:
        self.payload = payload
        self._matrix = qr_matrix(payload) if payload else []
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(240, 240)

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._matrix:
            return
        painter = QPainter(self)
        paint_qr(painter, self._matrix, QRectF(self.rect()))
        painter.end()


class TicketPreview(QWidget):
    """Paints layout items as a strip of thermal paper, scaled to the widget's size."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[LayoutItem] = []
        self._columns = paper_columns(80)
        self._qr: dict[str, list[list[bool]]] = {}
        self._font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.setMinimumWidth(260)

    def set_layout(self, items: Sequence[LayoutItem], *, paper_mm: int) -> None:
        self.items = list(items)
        self._columns = paper_columns(paper_mm)
        self._qr = {i.payload: qr_matrix(i.payload) for i in items if isinstance(i, QrCode)}
        self.update()

    def texts(self) -> list[str]:
        """The text lines shown (for tests and logs)."""
        return [item.text for item in self.items if isinstance(item, TextLine)]

    def _rows(self) -> float:
        """The paper's height in text lines at size 1."""
        rows = 0.0
        for item in self.items:
            if isinstance(item, TextLine):
                rows += item.height
            elif isinstance(item, (Rule, Cut)):
                rows += 1
            elif isinstance(item, Feed):
                rows += item.lines
            elif isinstance(item, QrCode):
                rows += self._qr_rows(item)
        return rows

    def _qr_rows(self, item: QrCode) -> float:
        modules = len(self._qr.get(item.payload, [])) or 25
        return modules * item.module_size / 24 + 1  # dots / font-A line height

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.items:
            return
        cell = min(self.width() / self._columns, self.height() / (self._rows() * _LINE_RATIO))
        line = cell * _LINE_RATIO
        paper = QRectF(0, 0, cell * self._columns, self._rows() * line)
        paper.moveLeft((self.width() - paper.width()) / 2)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(paper.adjusted(-cell, -cell, cell, cell), QColor("#FFFFFF"))
        painter.setPen(QColor("#000000"))
        y = paper.top()
        for item in self.items:
            y = self._paint_item(painter, item, paper, y, cell)
        painter.end()

    def _paint_item(
        self, painter: QPainter, item: LayoutItem, paper: QRectF, y: float, cell: float
    ) -> float:
        line = cell * _LINE_RATIO
        if isinstance(item, TextLine):
            self._paint_text(painter, item, paper, y, cell)
            return y + line * item.height
        if isinstance(item, Rule):
            painter.drawLine(
                int(paper.left()), int(y + line / 2), int(paper.right()), int(y + line / 2)
            )
            return y + line
        if isinstance(item, QrCode):
            height = self._qr_rows(item) * line
            paint_qr(
                painter,
                self._qr[item.payload],
                QRectF(paper.left(), y, paper.width(), height - line),
            )
            return y + height
        if isinstance(item, Feed):
            return y + line * item.lines
        painter.setPen(Qt.PenStyle.DashLine)
        painter.drawLine(
            int(paper.left()), int(y + line / 2), int(paper.right()), int(y + line / 2)
        )
        painter.setPen(QColor("#000000"))
        return y + line

    def _paint_text(
        self, painter: QPainter, item: TextLine, paper: QRectF, y: float, cell: float
    ) -> None:
        font = QFont(self._font)
        font.setPixelSize(max(1, int(cell * 1.7 * item.height)))
        font.setBold(item.bold)
        font.setStretch(max(1, int(100 * item.width / item.height * 0.9)))
        painter.setFont(font)
        width = cell * len(item.text) * item.width
        left = paper.left()
        if item.align == "center":
            left += (paper.width() - width) / 2
        elif item.align == "right":
            left += paper.width() - width
        box = QRectF(left, y, width, cell * _LINE_RATIO * item.height)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextDontClip, item.text)
