"""Texts that never widen their layout: a one-line label whose text, too long for it, ends
in "…" with the whole text in its tooltip (so the console does not jump when a line grows),
and the waiting list's marks cell, which shortens the agency a transfer came from, never the
priority after it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QLabel,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)


class ElidedLabel(QLabel):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setText(text)

    def setText(self, text: str) -> None:  # type: ignore[override]
        self._full = text
        self._elide()

    def text(self) -> str:  # type: ignore[override]
        """The whole text, as set (what is painted may end in "…")."""
        return self._full

    def shown_text(self) -> str:
        return super().text()

    def sizeHint(self) -> QSize:
        return QSize(0, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def changeEvent(self, event: object) -> None:  # type: ignore[override]
        super().changeEvent(event)  # type: ignore[arg-type]
        self._elide()  # a new style sheet (font size) changes what fits

    def _elide(self) -> None:
        width = self.contentsRect().width()
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, width)
        if shown != super().text():
            super().setText(shown)
        self.setToolTip(self._full if shown != self._full else "")


def fit_source(
    fm: QFontMetrics, width: int, source: str, composers: list[Callable[[str], str]]
) -> str:
    """The first of `compose(source)` for each composer (the wordier first) that fits in
    `width`, the source shortened by whole words ("ATR/BPN…") before the next composer is
    tried; at last the source is cut by letters. The rest of a composed text stays whole."""
    words = source.split(" ")
    names = [source] + [
        " ".join(words[:count]).rstrip(",;:-–—(") + "…" for count in range(len(words) - 1, 0, -1)
    ]
    for compose in composers:
        for name in names:
            text = compose(name)
            if fm.horizontalAdvance(text) <= width:
                return text
    last = composers[-1]
    room = width - fm.horizontalAdvance(last(""))
    return last(fm.elidedText(source, Qt.TextElideMode.ElideRight, max(0, room)) or "…")


class SourceMarksDelegate(QStyledItemDelegate):
    """Paints the marks cell ("↩ dari <agency>  ★ Lansia") so that what is cut, when the
    cell is too narrow, is the end of the agency's name: the priority stays readable. The
    whole text is in the cell's tooltip (the model's)."""

    def __init__(
        self, role: int, compose: Callable[..., str], parent: QWidget | None = None
    ) -> None:
        """`compose(source, marks, tiny=)` writes the cell; `role` gives (source, marks)."""
        super().__init__(parent)
        self._role = role
        self._compose = compose

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        marks = index.data(self._role)
        if not marks or marks[0] is None:
            return
        source, rest = marks
        widget = option.widget
        style = widget.style() if widget is not None else None
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1 \
            if style is not None else 4
        width = option.rect.width() - 2 * margin
        fm = option.fontMetrics
        option.text = fit_source(fm, width, source, [
            lambda name: self._compose(name, rest),
            lambda name: self._compose(name, rest, tiny=True),
        ])
