"""Text that always fits its box: the font size comes from the widget's geometry.

A hall display runs at 1920x1080, 3840x2160 and in portrait; fixed point sizes would clip
somewhere. `FitText` paints its text as large as its contents rectangle allows (optionally on
two lines, split at the best space), measured with QFontMetricsF, so nothing is ever cut off.
`tight=True` fits the ink of the glyphs rather than the line box: big numbers get larger.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from shared.qt.theme import FONT_FAMILY

Layout = tuple[int, list[str]]  # pixel size, lines


def _font(px: int, bold: bool) -> QFont:
    font = QFont(FONT_FAMILY)
    font.setPixelSize(max(1, px))
    font.setBold(bold)
    return font


def _measure(lines: list[str], px: int, bold: bool, tight: bool) -> tuple[float, float]:
    fm = QFontMetricsF(_font(px, bold))
    if tight:
        rect = fm.tightBoundingRect(lines[0])
        return rect.width(), rect.height()
    return max(fm.horizontalAdvance(line) for line in lines), fm.height() * len(lines)


def fit_size(lines: list[str], width: float, height: float, *, bold: bool, tight: bool) -> int:
    """The largest pixel size at which `lines` fit in width x height (at least 1)."""
    if width < 1 or height < 1 or not any(lines):
        return 1
    px = max(1, int(height / (0.6 if tight else 1.3 * len(lines))))  # a little too big
    for _ in range(40):  # converges in two or three steps; the bound is a safety net
        w, h = _measure(lines, px, bold, tight)
        if w <= width and h <= height:
            return px
        shrink = min(width / w if w else 1.0, height / h if h else 1.0)
        px = max(1, min(px - 1, int(px * shrink)))
        if px == 1:
            return 1
    return px


def best_layout(
    text: str, width: float, height: float, *, bold: bool, tight: bool, max_lines: int
) -> Layout:
    """One line, or two split at the space that gives the largest font."""
    best: Layout = (fit_size([text], width, height, bold=bold, tight=tight), [text])
    if max_lines < 2 or tight:
        return best
    words = text.split(" ")
    for cut in range(1, len(words)):
        lines = [" ".join(words[:cut]), " ".join(words[cut:])]
        px = fit_size(lines, width, height, bold=bold, tight=False)
        if px > best[0] * 1.15:  # two lines only when clearly larger
            best = (px, lines)
    return best


class FitText(QWidget):
    """A label whose font size follows its size; paints nothing outside its rectangle."""

    def __init__(
        self,
        text: str = "",
        parent: QWidget | None = None,
        *,
        bold: bool = False,
        colour: str = "#FFFFFF",
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignCenter,
        tight: bool = False,
        max_lines: int = 1,
        max_px: int | None = None,
    ) -> None:
        super().__init__(parent)
        self._text = text
        self._bold = bold
        self._colour = QColor(colour)
        self._align = align
        self._tight = tight
        self._max_lines = max_lines
        self._max_px = max_px
        self._layout: Layout | None = None
        self._natural: Layout | None = None
        self.group: FitGroup | None = None
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self._changed()

    def set_colour(self, colour: str) -> None:
        if QColor(colour) != self._colour:
            self._colour = QColor(colour)
            self.update()

    def set_align(self, align: Qt.AlignmentFlag) -> None:
        if align != self._align:
            self._align = align
            self.update()

    def set_max_px(self, max_px: int | None) -> None:
        if max_px != self._max_px:
            self._max_px = max_px
            self._changed()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._changed()
        super().resizeEvent(event)

    def _changed(self) -> None:
        self._layout = self._natural = None
        if self.group is not None:
            self.group.invalidate()
        self.update()

    def natural_layout(self) -> Layout:
        """The largest size and lines for this text alone (cached)."""
        if self._natural is None:
            box = self.contentsRect()
            px, lines = best_layout(
                self._text,
                box.width(),
                box.height(),
                bold=self._bold,
                tight=self._tight,
                max_lines=self._max_lines,
            )
            if self._max_px is not None:
                px = min(px, self._max_px)
            self._natural = (px, lines)
        return self._natural

    def layout_text(self) -> Layout:
        """The size and lines drawn: the natural ones, capped by the group's size."""
        px, lines = self.natural_layout()
        shared = self.group.pixel_size() if self.group is not None else None
        if shared is None or shared >= px:
            return px, lines
        if self._layout is None or self._layout[0] != shared:
            # At the smaller size one line may now fit where two were needed.
            box = self.contentsRect()
            one = fit_size(
                [self._text], box.width(), box.height(), bold=self._bold, tight=self._tight
            )
            self._layout = (shared, [self._text] if one >= shared else lines)
        return self._layout

    def pixel_size(self) -> int:
        return self.layout_text()[0]

    def placements(self) -> list[tuple[QPointF, str, QRectF]]:
        """Where each line is drawn: baseline origin, text, and the rectangle it covers."""
        px, lines = self.layout_text()
        fm = QFontMetricsF(_font(px, self._bold))
        box = QRectF(self.contentsRect())
        h_align = self._align & Qt.AlignmentFlag.AlignHorizontal_Mask
        if self._tight:
            ink = fm.tightBoundingRect(lines[0])
            x = self._x_for(box, ink.width(), h_align) - ink.x()
            y = box.y() + (box.height() - ink.height()) / 2 - ink.y()
            return [(QPointF(x, y), lines[0], ink.translated(x, y))]
        line_h = fm.height()
        top = box.y() + (box.height() - line_h * len(lines)) / 2
        out = []
        for i, line in enumerate(lines):
            width = fm.horizontalAdvance(line)
            x = self._x_for(box, width, h_align)
            y = top + i * line_h
            out.append((QPointF(x, y + fm.ascent()), line, QRectF(x, y, width, line_h)))
        return out

    def text_rect(self) -> QRectF:
        """The union of what is painted (tests check it lies within contentsRect)."""
        rect = QRectF()
        for _, _, covered in self.placements():
            rect = rect.united(covered)
        return rect

    @staticmethod
    def _x_for(box: QRectF, width: float, h_align: Qt.AlignmentFlag) -> float:
        if h_align == Qt.AlignmentFlag.AlignLeft:
            return box.x()
        if h_align == Qt.AlignmentFlag.AlignRight:
            return box.right() - width
        return box.x() + (box.width() - width) / 2

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._text:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setFont(_font(self.pixel_size(), self._bold))
        painter.setPen(self._colour)
        for origin, line, _ in self.placements():
            painter.drawText(origin, line)
        painter.end()


class FitGroup:
    """Sibling labels (all tile agency names, say) drawn at one size: the smallest that fits.

    Each member keeps its own natural size; the group's size is worked out lazily at paint
    time, so it is right whatever order resizes and text changes arrive in.
    """

    def __init__(self) -> None:
        self.members: list[FitText] = []
        self._px: int | None = None

    def add(self, member: FitText) -> None:
        self.members.append(member)
        member.group = self
        self.invalidate()

    def remove(self, member: FitText) -> None:
        if member in self.members:
            self.members.remove(member)
            self.invalidate()

    def invalidate(self) -> None:
        if self._px is not None:
            self._px = None
            for member in self.members:
                member.update()

    def pixel_size(self) -> int | None:
        if self._px is None:
            sizes = [m.natural_layout()[0] for m in self.members if m.text()]
            self._px = min(sizes) if sizes else None
        return self._px
