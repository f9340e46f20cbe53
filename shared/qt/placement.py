"""Where an app's window goes: full screen on a chosen monitor, a plain window, or an
explicit geometry (pixels, or fractions of the screen as the demo uses to tile four apps)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from shared.errors import ConfigError

log = logging.getLogger("antre.placement")


def parse_geometry(text: str) -> tuple[float, float, float, float]:
    """"X,Y,W,H" in pixels, or in fractions of the screen when every value is <= 1."""
    try:
        values = tuple(float(v) for v in text.split(","))
    except ValueError:
        values = ()
    if len(values) != 4 or any(v < 0 for v in values):
        raise ConfigError("error.geometry", value=text)
    return values  # type: ignore[return-value]


def resolve(geometry: tuple[float, float, float, float], screen: QRect) -> QRect:
    x, y, w, h = geometry
    if all(v <= 1 for v in geometry):
        return QRect(screen.x() + round(x * screen.width()), screen.y() + round(y * screen.height()),
                     round(w * screen.width()), round(h * screen.height()))
    return QRect(int(x), int(y), int(w), int(h))


def place_window(window: QWidget, *, screen: int = 0, windowed: bool = False,
                 geometry: str | None = None, window_size: tuple[int, int] = (1280, 720)) -> None:
    """Shows `window` on monitor `screen` (the first if absent), as asked."""
    screens = QGuiApplication.screens()
    if screen >= len(screens):
        log.warning("screen %d not found (%d screens); using the first", screen, len(screens))
        screen = 0
    area = screens[screen].geometry() if screens else QRect(0, 0, *window_size)
    if geometry:
        rect = resolve(parse_geometry(geometry), area)
        window.setMinimumSize(min(window.minimumWidth(), rect.width()),
                              min(window.minimumHeight(), rect.height()))
        window.setGeometry(rect)
        window.show()
    elif windowed:
        window.resize(min(window_size[0], area.width()), min(window_size[1], area.height()))
        window.move(area.topLeft())
        window.show()
    else:
        window.setGeometry(area)  # a bare X server keeps the size hint otherwise
        window.showFullScreen()
