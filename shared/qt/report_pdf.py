"""The printable monthly/daily report: an A4 PDF drawn with QPdfWriter and QPainter.

Tables and bar charts are drawn by hand (no QtCharts scene, no widgets), so a bare
QGuiApplication on the offscreen platform is enough. Everything is black, white and greys
with the figures written on the bars, so a black-and-white print reads the same.
Labels are in Bahasa Indonesia (the report goes to the ministry). The page machinery is
shared with the survey's PDF (shared.qt.pdf_pages).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRectF

from shared.dates import format_plain_day_id
from shared.qt.pdf_pages import (
    BLACK,
    BODY_BOTTOM,
    BODY_TOP,
    CENTRE,
    CONTENT_W,
    DARK,
    FAINT,
    LEFT,
    LIGHT,
    MARGIN,
    PAGE_W,
    RIGHT,
    Block,
    Canvas,
    count,
    nice_step,
    title,
    write_pdf,
)
from shared.qt.skm_pdf import skm_summary_blocks
from shared.reports import Report, ReportRow
from shared.skm.report import SkmReport


def period_text(report: Report) -> str:
    if report.date_from == report.date_to:
        return format_plain_day_id(report.date_from)
    return f"{format_plain_day_id(report.date_from)} s.d. {format_plain_day_id(report.date_to)}"


def minutes(seconds: int | None) -> str:
    """Seconds as minutes with one decimal and a decimal comma: 750 -> "12,5"."""
    return "-" if seconds is None else f"{seconds / 60:.1f}".replace(".", ",")


def hour_text(hour: int | None) -> str:
    return "-" if hour is None else f"{hour:02d}.00"


def _summary(total: ReportRow) -> Block:
    cells = [
        ("Tiket diambil", count(total.issued)),
        ("Dilayani", count(total.served)),
        ("Tidak hadir", count(total.no_show)),
        ("Kedaluwarsa", count(total.expired)),
        ("Dialihkan", count(total.transferred)),
        ("Jam tersibuk", hour_text(total.busiest_hour)),
        ("Median waktu tunggu", f"{minutes(total.median_wait_s)} mnt"),
        ("Waktu tunggu P90", f"{minutes(total.p90_wait_s)} mnt"),
        ("Median waktu layanan", f"{minutes(total.median_service_s)} mnt"),
    ]
    cols, cell_h, gap = 3, 46.0, 6.0
    cell_w = (CONTENT_W - gap * (cols - 1)) / cols

    def paint(c: Canvas, top: float) -> None:
        for i, (label, value) in enumerate(cells):
            x = MARGIN + (i % cols) * (cell_w + gap)
            y = top + (i // cols) * (cell_h + gap)
            c.box(QRectF(x, y, cell_w, cell_h), line=DARK, width=0.8)
            c.text(QRectF(x + 8, y + 4, cell_w - 16, 14), label, 8.5, colour=DARK)
            c.text(QRectF(x + 8, y + 18, cell_w - 16, 24), value, 16, bold=True)

    rows = (len(cells) + cols - 1) // cols
    return Block(rows * (cell_h + gap), paint)


def _hourly_chart(hourly: dict[int, int]) -> Block:
    """Vertical bars, one per local hour from the first to the last hour with tickets."""
    first, last = min(hourly), max(hourly)
    hours = list(range(max(0, first - 1), min(23, last + 1) + 1))
    step = nice_step(max(hourly.values()))
    peak = -(-max(hourly.values()) // step) * step  # the top of the scale, a round number
    height, plot_h, left = 190.0, 140.0, MARGIN + 34

    def paint(c: Canvas, top: float) -> None:
        base = top + 18 + plot_h
        width = PAGE_W - MARGIN - left
        step_x = width / len(hours)
        for value in range(step, peak + 1, step):  # light gridlines with their values
            y = base - plot_h * value / peak
            c.line(left, y, width, colour=LIGHT, width=0.5, dashed=True)
            c.text(
                QRectF(MARGIN - 4, y - 6, 34, 12),
                count(value),
                7,
                align=RIGHT,
                colour=DARK,
            )
        for i, hour in enumerate(hours):
            tickets = hourly.get(hour, 0)
            bar_h = plot_h * tickets / peak
            x = left + i * step_x
            c.box(QRectF(x + step_x * 0.15, base - bar_h, step_x * 0.7, bar_h), fill=DARK)
            if tickets:
                label = QRectF(x - 6, base - bar_h - 12, step_x + 12, 11)
                c.text(label, count(tickets), 7, align=CENTRE)
            c.text(QRectF(x, base + 2, step_x, 12), f"{hour:02d}", 7.5, align=CENTRE)
        c.line(left, base, width, colour=BLACK, width=0.8)
        c.text(
            QRectF(left, base + 15, width, 12),
            "Jam (waktu setempat)",
            7.5,
            align=CENTRE,
            colour=DARK,
        )

    return Block(height, paint)


BAR_ROW_H, BAR_LABEL_W = 15.0, 150.0


def _agency_chart(rows: Sequence[ReportRow], peak: int) -> Block:
    """Horizontal bars of tickets served per agency, the figure written after each bar."""

    def paint(c: Canvas, top: float) -> None:
        width = CONTENT_W - BAR_LABEL_W - 40
        for i, row in enumerate(rows):
            y = top + i * BAR_ROW_H
            c.text(QRectF(MARGIN, y, BAR_LABEL_W - 6, BAR_ROW_H), row.label, 8, align=RIGHT)
            bar_w = width * row.served / peak
            c.box(QRectF(MARGIN + BAR_LABEL_W, y + 2.5, bar_w, BAR_ROW_H - 5), fill=DARK)
            value = QRectF(MARGIN + BAR_LABEL_W + bar_w + 4, y, 40, BAR_ROW_H)
            c.text(value, count(row.served), 8, bold=True)

    return Block(len(rows) * BAR_ROW_H + 6, paint)


def _split_agency_chart(rows: Sequence[ReportRow]) -> list[Block]:
    """The bar chart cut into page-sized parts, all on the same scale."""
    peak = max((r.served for r in rows), default=0) or 1
    per_page = int((BODY_BOTTOM - BODY_TOP - 40) // BAR_ROW_H)
    return [_agency_chart(rows[i : i + per_page], peak) for i in range(0, len(rows), per_page)]


@dataclass(frozen=True)
class _Column:
    header: str
    width: float
    value: Callable[[Any], str]  # a ReportRow's or a BookingRow's cell


AGENCY_COLUMNS = (
    _Column("Instansi", 118, lambda r: r.label),
    _Column("Diambil", 42, lambda r: count(r.issued)),
    _Column("Dilayani", 42, lambda r: count(r.served)),
    _Column("Tidak hadir", 40, lambda r: count(r.no_show)),
    _Column("Kedaluwarsa", 54, lambda r: count(r.expired)),
    _Column("Dialihkan", 46, lambda r: count(r.transferred)),
    _Column("Median tunggu", 44, lambda r: minutes(r.median_wait_s)),
    _Column("Tunggu P90", 42, lambda r: minutes(r.p90_wait_s)),
    _Column("Median layanan", 44, lambda r: minutes(r.median_service_s)),
    _Column("Jam tersibuk", 43, lambda r: hour_text(r.busiest_hour)),
)
COUNTER_COLUMNS = (
    _Column("Loket", 118, lambda r: r.label),
    _Column("Dipanggil", 48, lambda r: count(r.called)),
    _Column("Dilayani", 46, lambda r: count(r.served)),
    _Column("Tidak hadir", 46, lambda r: count(r.no_show)),
    _Column("Dialihkan", 48, lambda r: count(r.transferred)),
    _Column("Median tunggu", 52, lambda r: minutes(r.median_wait_s)),
    _Column("Tunggu P90", 52, lambda r: minutes(r.p90_wait_s)),
    _Column("Median layanan", 52, lambda r: minutes(r.median_service_s)),
    _Column("Jam tersibuk", 53, lambda r: hour_text(r.busiest_hour)),
)
BOOKING_COLUMNS = (
    _Column("Instansi", 178, lambda r: r.label or "Semua layanan"),
    _Column("Dipesan", 64, lambda r: count(r.booked)),
    _Column("Lapor diri", 64, lambda r: count(r.checked_in)),
    _Column("Tidak datang", 64, lambda r: count(r.no_show)),
    _Column("Dibatalkan", 64, lambda r: count(r.cancelled)),
    _Column("Belum lapor", 81, lambda r: count(r.pending)),
)
ROW_H, HEAD_H = 16.0, 26.0


def _table(columns: Sequence[_Column], rows: Sequence[Any], total: Any | None) -> Block:
    """One page's share of a table: a header row, body rows (zebra), an optional total."""
    body = [*rows, *([total] if total else [])]

    def paint(c: Canvas, top: float) -> None:
        c.box(QRectF(MARGIN, top, CONTENT_W, HEAD_H), fill=LIGHT)
        for i, row in enumerate(body):
            y = top + HEAD_H + i * ROW_H
            if row is total:
                c.hline(y, colour=BLACK, width=1.0)
            elif i % 2:
                c.box(QRectF(MARGIN, y, CONTENT_W, ROW_H), fill=FAINT)
        x = MARGIN
        for n, col in enumerate(columns):
            align = LEFT if n == 0 else RIGHT
            c.text(QRectF(x + 3, top, col.width - 6, HEAD_H), col.header, 7, bold=True, align=align)
            for i, row in enumerate(body):
                c.text(
                    QRectF(x + 3, top + HEAD_H + i * ROW_H, col.width - 6, ROW_H),
                    col.value(row),
                    7.5,
                    bold=row is total,
                    align=align,
                )
            x += col.width
        c.hline(top + HEAD_H + len(body) * ROW_H, colour=DARK)

    return Block(HEAD_H + len(body) * ROW_H + 4, paint)


def _split_table(columns: Sequence[_Column], rows: Sequence[Any], total: Any | None
                 ) -> list[Block]:
    """The table cut into page-sized parts (the header is repeated on every part)."""
    per_page = int((BODY_BOTTOM - BODY_TOP - HEAD_H - 40) // ROW_H) - 1
    parts = [rows[i : i + per_page] for i in range(0, len(rows), per_page)] or [[]]
    return [
        _table(columns, part, total if n == len(parts) - 1 else None)
        for n, part in enumerate(parts)
    ]


NOTES = (
    "Catatan. Diambil: tiket yang diberi nomor oleh instansi. Dilayani, tidak hadir dan "
    "kedaluwarsa dihitung pada instansi tempat tiket berakhir (tiket yang dialihkan dihitung "
    "di instansi tujuan). Dialihkan: tiket yang dialihkan ke instansi lain. Waktu tunggu: sejak "
    "tiket diambil sampai pertama kali dipanggil, pada instansi yang memberi nomor; waktu "
    "layanan: sejak panggilan terakhir sampai selesai. Median dan P90 dengan metode peringkat "
    "terdekat, dalam menit. Per loket: Dipanggil termasuk tiket yang kemudian dialihkan; waktu "
    "tunggu hanya tiket yang tidak dialihkan; jam tersibuk = jam dengan panggilan terbanyak."
)


def _notes() -> Block:
    def paint(c: Canvas, top: float) -> None:
        c.text(QRectF(MARGIN, top + 4, CONTENT_W, 62), NOTES, 7, colour=DARK)

    return Block(70.0, paint)


def _empty_message(report: Report) -> Block:
    def paint(c: Canvas, top: float) -> None:
        c.box(QRectF(MARGIN, top + 20, CONTENT_W, 110), line=BLACK, width=1.2)
        c.text(
            QRectF(MARGIN + 20, top + 34, CONTENT_W - 40, 36),
            "Tidak ada tiket pada periode ini.",
            18,
            bold=True,
            align=CENTRE,
        )
        c.text(
            QRectF(MARGIN + 20, top + 74, CONTENT_W - 40, 44),
            f"Tidak ada satu pun tiket yang diambil di {report.site_name} pada "
            f"{period_text(report)}, sehingga tidak ada angka untuk dilaporkan.",
            10.5,
            align=CENTRE,
            colour=DARK,
        )

    return Block(140.0, paint)


def _blocks(report: Report) -> list[Block]:
    if report.empty:
        return [_empty_message(report)]
    return [
        title("Ringkasan"),
        _summary(report.total),
        title("Tiket diambil per jam"),
        _hourly_chart(report.hourly),
        title("Tiket dilayani per instansi"),
        *_split_agency_chart(report.agencies),
        title("Per instansi (waktu dalam menit)"),
        *_split_table(AGENCY_COLUMNS, report.agencies, report.total),
        title("Per loket (waktu dalam menit)"),
        *_split_table(COUNTER_COLUMNS, report.counters, None),
        *_booking_blocks(report),
        _notes(),
    ]


def _booking_blocks(report: Report) -> list[Block]:
    """Online bookings per agency (for days of the period), when there were any."""
    if not report.bookings:
        return []
    *rows, total = report.bookings
    return [title("Antrean online per instansi (pemesanan untuk hari dalam periode)"),
            *_split_table(BOOKING_COLUMNS, rows, total)]


def write_report_pdf(report: Report, path: Path, *, skm: SkmReport | None = None) -> None:
    """Writes the report as an A4 portrait PDF; with `skm`, the survey's summary page too
    (left out when the period has no tickets at all)."""
    blocks = _blocks(report)
    if skm is not None and not report.empty:
        blocks += skm_summary_blocks(skm, new_page=True)
    write_pdf(
        Path(path),
        title=f"Laporan Antrean {report.site_name} {period_text(report)}",
        header=(report.site_name, f"Laporan Antrean  ·  Periode: {period_text(report)}"),
        blocks=blocks,
        timezone=report.timezone,
    )
