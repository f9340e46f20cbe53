"""The staff console app (antre-counter)."""

from shared.qtcheck import require_qt

require_qt("antre-counter")  # before any Qt import: a missing system library is one plain line
