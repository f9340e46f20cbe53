"""The four answer buttons: a face from sad (1) to happy (4), the answer's words under it.

Drawn with QPainter (no emoji font needed); the colours go from red to green and the face
alone says the value, so the buttons read the same to someone who cannot read well.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QAbstractButton, QSizePolicy, QWidget

from shared.qt.theme import INK, readable_text_on

COLOURS = {1: "#C62828", 2: "#EF6C00", 3: "#7CB342", 4: "#2E7D32"}
# The mouth's middle, relative to its ends: down (sad) to up (happy), in face radii.
MOUTH_CURVE = {1: -0.32, 2: -0.1, 3: 0.18, 4: 0.38}


class FaceButton(QAbstractButton):
    def __init__(self, value: int, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.value = value
        self.setText(label)
        self.setObjectName(f"answer-{value}")
        self.setAccessibleName(label)
        self.setCheckable(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(200, 260)

    def sizeHint(self) -> QSize:
        return QSize(270, 330)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = QColor(COLOURS[self.value])
        card = QRectF(self.rect()).adjusted(6, 6, -6, -6)
        fill = colour if (self.isChecked() or self.isDown()) else QColor("#FFFFFF")
        p.setPen(QPen(colour, 5))
        p.setBrush(fill)
        p.drawRoundedRect(card, 24, 24)
        on = self.isChecked() or self.isDown()
        ink = QColor(readable_text_on(COLOURS[self.value])) if on else colour
        radius = min(card.width(), card.height() * 0.62) * 0.36
        centre = QPointF(card.center().x(), card.top() + 22 + radius)
        self._face(p, centre, radius, ink)
        p.setPen(ink if on else QColor(INK))
        font = QFont(self.font())
        font.setPixelSize(24)
        font.setBold(True)
        p.setFont(font)
        text_rect = QRectF(card.left() + 10, centre.y() + radius + 10, card.width() - 20,
                           card.bottom() - centre.y() - radius - 16)
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap
        p.drawText(text_rect, int(flags), self.text())
        p.end()

    def _face(self, p: QPainter, centre: QPointF, radius: float, ink: QColor) -> None:
        p.setPen(QPen(ink, max(4.0, radius * 0.08)))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(centre, radius, radius)
        p.setBrush(ink)
        for dx in (-0.35, 0.35):
            p.drawEllipse(QPointF(centre.x() + dx * radius, centre.y() - 0.25 * radius),
                          radius * 0.09, radius * 0.09)
        p.setBrush(Qt.BrushStyle.NoBrush)
        mouth_y = centre.y() + 0.35 * radius
        left = QPointF(centre.x() - 0.45 * radius, mouth_y)
        right = QPointF(centre.x() + 0.45 * radius, mouth_y)
        control = QPointF(centre.x(), mouth_y + MOUTH_CURVE[self.value] * 2 * radius)
        path = QPainterPath(left)
        path.quadTo(control, right)
        p.drawPath(path)
