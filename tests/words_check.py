"""Checks that a screen speaks one language: no Indonesian catalogue words on an English one."""

from __future__ import annotations

import re
import string
from functools import cache

from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

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


def visible_texts(window: QWidget) -> list[str]:
    """Every text a person sees on `window`: its title, labels and buttons shown."""
    texts = [window.windowTitle()]
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        if isinstance(widget, (QLabel, QAbstractButton)) and widget.text():
            texts.append(widget.text())
    return texts


def indonesian_in(texts: list[str]) -> list[tuple[str, str]]:
    """(text, Indonesian fragment) pairs; empty when every text is free of Indonesian."""
    return [(text, piece) for text in texts for piece in indonesian_fragments() if piece in text]
