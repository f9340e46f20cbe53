"""The lobby touchscreen app (antre-kiosk)."""

from shared.qtcheck import require_qt

require_qt("antre-kiosk")  # before any Qt import: a missing system library is one plain line
