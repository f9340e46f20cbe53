"""The hall display app (antre-display)."""

from shared.qtcheck import require_qt

require_qt("antre-display")  # before any Qt import: a missing system library is one plain line
