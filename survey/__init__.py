"""`antre-survey --counter N`: the satisfaction survey (SKM) on a tablet facing the visitor."""

from shared.qtcheck import require_qt

require_qt("antre-survey")  # before any Qt import: a missing system library is one plain line
