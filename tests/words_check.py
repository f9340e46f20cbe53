"""Checks that a screen speaks one language: no Indonesian catalogue words on an English one."""

from __future__ import annotations

import re
import string
from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QLabel, QWidget

from shared.words import CATALOGUES, Lang


@cache
def indonesian_fragments() -> frozenset[str]:
    """The literal parts of every Indonesian catalogue text (two words or more) that its
    English text does not share: "belum melayani nomor apa pun", "sampai", ..."""
    found = set()
    for code, text in CATALOGUES[Lang.ID].items():
        english = CATALOGUES[Lang.EN][code]
        for literal, *_ in string.Formatter().parse(text):
            piece = literal.strip(" :;,.()–-…")
            if len(re.findall(r"[^\W\d_]{2,}", piece)) >= 2 and piece not in english:
                found.add(piece)
    return frozenset(found)


@cache
def indonesian_only_values() -> frozenset[str]:
    """Whole Indonesian catalogue texts without placeholders that differ from their English
    text and are no English text either: the one-word labels ("Tutup", "Siap", "Istirahat")
    the fragment check cannot see."""
    english = set(CATALOGUES[Lang.EN].values())
    return frozenset(
        text.strip()
        for code, text in CATALOGUES[Lang.ID].items()
        if text != CATALOGUES[Lang.EN][code] and text not in english and "{" not in text
        and text.strip()
    )


def visible_texts(window: QWidget) -> list[str]:
    """Every text a person sees on `window`: its title, labels, buttons and other widgets
    with a text shown (the display's FitText), tooltips of those, and the cells and headers
    of its lists and tables."""
    texts = [window.windowTitle()]
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        text = getattr(widget, "text", None)
        if isinstance(widget, (QLabel, QAbstractButton)) or callable(text):
            shown = widget.text() if isinstance(widget, (QLabel, QAbstractButton)) else text()
            if isinstance(shown, str) and shown:
                texts.append(shown)
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            texts += _view_texts(widget)
    return texts


def _view_texts(view: QAbstractItemView) -> list[str]:
    model = view.model()
    texts = []
    for column in range(model.columnCount()):
        texts.append(str(model.headerData(column, Qt.Orientation.Horizontal) or ""))
        for row in range(model.rowCount()):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(model.index(row, column), role)
                if isinstance(value, str):
                    texts.append(value)
    return [t for t in texts if t]


def indonesian_in(texts: list[str]) -> list[tuple[str, str]]:
    """(text, Indonesian fragment) pairs; empty when every text is free of Indonesian."""
    found = [(text, piece) for text in texts for piece in indonesian_fragments() if piece in text]
    whole = indonesian_only_values()
    return found + [(text, text) for text in texts if text.strip() in whole]
