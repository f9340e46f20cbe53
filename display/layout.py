"""Where each part of the hall display goes, for any screen size and any number of counters.

Landscape (a 16:9 TV): header across the top; the newest call and the last calls on the left;
the counter grid on the right; waiting counts and the running text along the bottom.
Portrait (1080x1920): the same parts stacked. Pure geometry, no widgets: easy to test.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QRect


@dataclass(frozen=True)
class Layout:
    header: QRect
    now: QRect
    history: list[QRect]
    tiles: list[QRect]
    chips: list[QRect]
    ticker: QRect


def grid(
    area: QRect,
    count: int,
    *,
    aspect: float,
    gap: int,
    max_rows: int | None = None,
    max_cols: int | None = None,
) -> list[QRect]:
    """`count` cells in `area`, the column count chosen so cells come closest to `aspect`."""
    if count <= 0 or area.width() <= 0 or area.height() <= 0:
        return []
    best_cols, best_score = count, math.inf
    for cols in range(1, min(count, max_cols or count) + 1):
        if max_rows is not None and math.ceil(count / cols) > max_rows:
            continue
        rows = math.ceil(count / cols)
        w = (area.width() - gap * (cols - 1)) / cols
        h = (area.height() - gap * (rows - 1)) / rows
        if w <= 0 or h <= 0:
            continue
        score = abs(math.log((w / h) / aspect))
        if score < best_score:
            best_cols, best_score = cols, score
    cols = best_cols
    rows = math.ceil(count / cols)
    w = (area.width() - gap * (cols - 1)) / cols
    h = (area.height() - gap * (rows - 1)) / rows
    return [
        QRect(
            area.x() + round((i % cols) * (w + gap)),
            area.y() + round((i // cols) * (h + gap)),
            math.floor(w),
            math.floor(h),
        )
        for i in range(count)
    ]


def _rows(area: QRect, count: int, gap: int) -> list[QRect]:
    if count <= 0:
        return []
    h = (area.height() - gap * (count - 1)) / count
    return [
        QRect(area.x(), area.y() + round(i * (h + gap)), area.width(), math.floor(h))
        for i in range(count)
    ]


def _split_v(area: QRect, fractions: list[float], gap: int) -> list[QRect]:
    """Cuts `area` into horizontal bands of the given height fractions (they sum to 1)."""
    usable = area.height() - gap * (len(fractions) - 1)
    out, y = [], area.y()
    for f in fractions:
        h = round(usable * f)
        out.append(QRect(area.x(), y, area.width(), h))
        y += h + gap
    return out


def compute_layout(width: int, height: int, *, tiles: int, chips: int, history: int) -> Layout:
    gap = max(4, round(min(width, height) * 0.012))
    outer = QRect(0, 0, width, height).adjusted(gap, gap, -gap, 0)
    ticker_h = round(height * (0.06 if width >= height else 0.035))
    ticker = QRect(0, height - ticker_h, width, ticker_h)
    body = QRect(outer.x(), outer.y(), outer.width(), ticker.y() - gap - outer.y())
    if width >= height:
        header, middle, bottom = _split_v(body, [0.11, 0.70, 0.19], gap)
        left_w = round(middle.width() * 0.36)
        left = QRect(middle.x(), middle.y(), left_w, middle.height())
        right = QRect(
            left.right() + 1 + gap, middle.y(), middle.width() - left_w - gap, middle.height()
        )
        now, past = _split_v(left, [0.6, 0.4], gap)
        history_rows = grid(past, history, aspect=5.0, gap=gap, max_rows=3)
        tile_rects = grid(right, tiles, aspect=1.3, gap=gap)
        # Two rows of wide chips: an agency's name on one line, readable from 10 m.
        chip_rects = grid(bottom, chips, aspect=3.0, gap=gap, max_rows=2 if chips <= 16 else 3)
    else:
        # Portrait: the counters are a list (one row each, two columns past 12), the waiting
        # counts strips in two columns: every text at least 1.8 % of the screen's height.
        header, now, middle, past, bottom = _split_v(body, [0.075, 0.12, 0.5, 0.08, 0.225], gap)
        half = max(3, gap // 2)
        tile_rects = grid(middle, tiles, aspect=16.0, gap=half, max_cols=1 if tiles <= 12 else 2)
        history_rows = grid(past, history, aspect=5.0, gap=half, max_rows=2)
        chip_rects = grid(bottom, chips, aspect=9.0, gap=half, max_cols=2)
    return Layout(header, now, history_rows, tile_rects, chip_rects, ticker)
