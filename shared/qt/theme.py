"""The look every Antre screen shares: the shipped Noto Sans font and strong contrast."""

from __future__ import annotations

import logging

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication

from shared.paths import ASSETS_DIR

log = logging.getLogger("antre.theme")
FONT_FAMILY = "Noto Sans"

# Colours (WCAG AA or better for text on the given background).
INK = "#0B1F33"
PAPER = "#F4F7FB"
NAVY = "#0D2B4E"
ACCENT = "#FFC400"
OK_GREEN = "#1B7F3B"
WARN_RED = "#B3261E"
MUTED = "#4A5B6C"


def load_fonts() -> str:
    """Registers the shipped fonts; returns the family to use (falls back to the system's)."""
    family = FONT_FAMILY
    for name in ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"):
        path = ASSETS_DIR / "fonts" / name
        if QFontDatabase.addApplicationFont(str(path)) < 0:
            log.warning("could not load font %s; using the system font", path)
            family = QApplication.font().family()
    return family


def apply_theme(app: QApplication, *, dark: bool = False) -> None:
    family = load_fonts()
    font = QFont(family)
    font.setPointSize(12)
    app.setFont(font)
    palette = app.palette()
    background, text = (QColor(NAVY), QColor("#FFFFFF")) if dark else (QColor(PAPER), QColor(INK))
    palette.setColor(QPalette.ColorRole.Window, background)
    palette.setColor(QPalette.ColorRole.WindowText, text)
    palette.setColor(QPalette.ColorRole.Base, QColor("#FFFFFF"))
    palette.setColor(QPalette.ColorRole.Text, QColor(INK))
    palette.setColor(QPalette.ColorRole.ButtonText, QColor(INK))
    app.setPalette(palette)


def readable_text_on(colour: str) -> str:
    """Black or white, whichever reads better on `colour` (relative luminance)."""
    c = QColor(colour)

    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    lum = 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
    return "#000000" if lum > 0.179 else "#FFFFFF"
