"""A4 pages drawn with QPdfWriter and QPainter: the pieces every Antre PDF shares.

A document is a list of blocks (a known height and a paint function); `paginate` places
them top to bottom and starts a new page when one does not fit; `write_pdf` draws them with
a header and footer on every page, through a temporary file renamed at the end. A bare
QGuiApplication on the offscreen platform is enough (no widgets).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from shared import clock
from shared.dates import format_plain_day_id
from shared.errors import AntreError
from shared.paths import ASSETS_DIR

log = logging.getLogger("antre.pdf")
_app: QGuiApplication | None = None  # kept alive when this module had to create it

PAGE_W, PAGE_H = 595.0, 842.0  # A4 in points; the writer runs at 72 dpi so 1 unit = 1 pt
MARGIN = 40.0
CONTENT_W = PAGE_W - 2 * MARGIN
BODY_TOP = MARGIN + 58.0  # below the header
BODY_BOTTOM = PAGE_H - MARGIN - 22.0  # above the footer
BLACK, DARK, MID, LIGHT, FAINT = "#000000", "#333333", "#777777", "#D0D0D0", "#F0F0F0"

LEFT, RIGHT = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight
CENTRE = Qt.AlignmentFlag.AlignHCenter


def count(value: int | None) -> str:
    """A count with the Indonesian thousands separator: 60000 -> "60.000"."""
    return f"{value or 0:,}".replace(",", ".")


def nice_step(peak: int) -> int:
    """A round gridline step (1, 2 or 5 times a power of ten) giving at most 5 lines."""
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            if peak <= 5 * factor * magnitude:
                return factor * magnitude
        magnitude *= 10


def ensure_app() -> str:
    """A QGuiApplication (created if none exists) and the font family to use."""
    global _app
    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _app = QGuiApplication([])
    family = "Noto Sans"
    for name in ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"):
        if QFontDatabase.addApplicationFont(str(ASSETS_DIR / "fonts" / name)) < 0:
            log.info("font %s not loaded; using the default font", name)
            family = QGuiApplication.font().family()
    return family


# A 72 dpi device (and the buffer it would write to) to measure text as the PDF draws it.
_measure: tuple[QPdfWriter, QBuffer] | None = None
_family: str | None = None


def text_height(text: str, width: float, size: float, *, bold: bool = False) -> float:
    """The height `text` takes when wrapped into `width` points at `size` (as Canvas.text
    draws it), so a block can know its height before it is painted."""
    global _measure, _family
    if _family is None:
        _family = ensure_app()  # registers the fonts once, not once per measured text
    font = QFont(_family)
    font.setPointSizeF(size)
    font.setBold(bold)
    if _measure is None:
        buffer = QBuffer()
        writer = QPdfWriter(buffer)
        writer.setResolution(72)
        _measure = (writer, buffer)
    metrics = QFontMetricsF(font, _measure[0])
    flags = int(Qt.TextFlag.TextWordWrap)
    return metrics.boundingRect(QRectF(0, 0, width, 1e6), flags, text).height()


class Canvas:
    """A painter on the PDF with the few drawing helpers the report needs."""

    def __init__(self, painter: QPainter, family: str) -> None:
        self.p = painter
        self.family = family

    def font(self, size: float, *, bold: bool = False) -> None:
        font = QFont(self.family)
        font.setPointSizeF(size)
        font.setBold(bold)
        self.p.setFont(font)

    def text(
        self,
        rect: QRectF,
        text: str,
        size: float,
        *,
        bold: bool = False,
        align: Qt.AlignmentFlag = LEFT,
        colour: str = BLACK,
    ) -> None:
        self.font(size, bold=bold)
        self.p.setPen(QColor(colour))
        flags = align | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap
        self.p.drawText(rect, int(flags), text)

    def box(
        self, rect: QRectF, *, fill: str | None = None, line: str | None = None, width: float = 0.6
    ) -> None:
        self.p.setPen(QPen(QColor(line), width) if line else Qt.PenStyle.NoPen)
        self.p.setBrush(QColor(fill) if fill else Qt.BrushStyle.NoBrush)
        self.p.drawRect(rect)

    def line(
        self,
        x: float,
        y: float,
        length: float,
        *,
        colour: str = MID,
        width: float = 0.6,
        dashed: bool = False,
    ) -> None:
        """A horizontal line from (x, y), `length` long."""
        style = Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine
        self.p.setPen(QPen(QColor(colour), width, style))
        self.p.drawLine(QRectF(x, y, length, 0).topLeft(), QRectF(x, y, length, 0).topRight())

    def vline(
        self, x: float, y: float, length: float, *, colour: str = MID, dashed: bool = False
    ) -> None:
        """A vertical line from (x, y) down, `length` long."""
        style = Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine
        self.p.setPen(QPen(QColor(colour), 0.6, style))
        self.p.drawLine(QRectF(x, y, 0, length).topLeft(), QRectF(x, y, 0, length).bottomLeft())

    def hline(self, y: float, *, colour: str = MID, width: float = 0.6) -> None:
        self.line(MARGIN, y, CONTENT_W, colour=colour, width=width)


@dataclass
class Block:
    """A piece of the page that is drawn at a given top and takes a known height."""

    height: float
    paint: Callable[[Canvas, float], None]
    keep_with_next: bool = False  # a section title stays on the page of what follows
    new_page: bool = False  # starts a new page (e.g. the survey's page in the monthly report)


def title(text: str) -> Block:
    def paint(c: Canvas, top: float) -> None:
        c.text(QRectF(MARGIN, top + 6, CONTENT_W, 18), text, 12.5, bold=True)

    return Block(28.0, paint, keep_with_next=True)


def paginate(blocks: Sequence[Block]) -> list[list[tuple[float, Block]]]:
    """Places blocks top to bottom; a block that does not fit starts a new page."""
    pages: list[list[tuple[float, Block]]] = [[]]
    y = BODY_TOP
    for i, block in enumerate(blocks):
        need = block.height
        if block.keep_with_next and i + 1 < len(blocks):
            need += blocks[i + 1].height
        if (block.new_page or y + need > BODY_BOTTOM) and pages[-1]:
            pages.append([])
            y = BODY_TOP
        pages[-1].append((y, block))
        y += block.height + 6
    return pages


def frame(c: Canvas, title: str, subtitle: str, page: int, pages: int,
          timezone: str = clock.DEFAULT_TZ) -> None:
    """Header (title, subtitle) and footer (date made in the site's zone, page numbers)."""
    c.text(QRectF(MARGIN, MARGIN, CONTENT_W, 22), title, 15, bold=True)
    c.text(QRectF(MARGIN, MARGIN + 22, CONTENT_W, 18), subtitle, 10.5, colour=DARK)
    c.hline(MARGIN + 46, colour=BLACK, width=1.2)
    foot = PAGE_H - MARGIN - 14
    c.hline(foot - 4)
    made = format_plain_day_id(clock.local(clock.now(), timezone).date())
    c.text(QRectF(MARGIN, foot, CONTENT_W / 2, 14), f"Dibuat {made} dengan Antre", 8, colour=DARK)
    c.text(
        QRectF(MARGIN + CONTENT_W / 2, foot, CONTENT_W / 2, 14),
        f"Halaman {page} dari {pages}",
        8,
        align=RIGHT,
        colour=DARK,
    )


def write_pdf(
    path: Path,
    *,
    title: str,
    header: tuple[str, str],
    blocks: Sequence[Block],
    timezone: str = clock.DEFAULT_TZ,
) -> None:
    """Writes the blocks as an A4 portrait PDF (via a temporary file, then renamed)."""
    path = Path(path)
    if path.is_dir():
        raise AntreError("error.pdf_is_folder", path=str(path))
    if not path.parent.is_dir():
        raise AntreError("error.pdf_no_folder", path=str(path), folder=str(path.parent))
    family = ensure_app()
    partial = path.with_name(f".{path.name}.partial")
    writer = QPdfWriter(str(partial))
    writer.setResolution(72)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
        )
    )
    writer.setTitle(title)
    writer.setCreator("Antre")
    painter = QPainter()
    if not painter.begin(writer):
        raise AntreError("error.pdf_write", path=str(path))
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        canvas = Canvas(painter, family)
        placed_pages = paginate(blocks)
        for number, placed in enumerate(placed_pages, start=1):
            if number > 1:
                writer.newPage()
            frame(canvas, header[0], header[1], number, len(placed_pages), timezone)
            for top, block in placed:
                block.paint(canvas, top)
    except BaseException:
        painter.end()
        partial.unlink(missing_ok=True)
        raise
    painter.end()
    try:
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise AntreError("error.pdf_replace", path=str(path), detail=exc.strerror) from None
    log.info("PDF written to %s (%d bytes)", path, path.stat().st_size)
