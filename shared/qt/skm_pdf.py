"""The survey's report (SKM/IKM) as MPPs submit it: an A4 PDF with the summary, the table
and chart of the nine elements, the index per agency and per counter, the respondents'
profile and the suggestions. Drawn with the shared page machinery (shared.qt.pdf_pages).
Labels in Bahasa Indonesia; numbers with a decimal comma, as printed in Indonesia.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from PySide6.QtCore import QRectF

from shared import clock
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
    RIGHT,
    Block,
    Canvas,
    count,
    text_height,
    title,
    write_pdf,
)
from shared.skm.index import GRADE_FLOORS, Grade, SkmIndex, round_half_up
from shared.skm.questionnaire import Questionnaire, load_questionnaire
from shared.skm.report import Comment, SkmReport
from shared.skm.words import say

MAX_COMMENTS = 300  # in print; the CSV (`antre skm --comments --csv`) has them all
MAX_COMMENT_CHARS = 600


def period_text(report: SkmReport) -> str:
    if report.date_from == report.date_to:
        return format_plain_day_id(report.date_from)
    return f"{format_plain_day_id(report.date_from)} s.d. {format_plain_day_id(report.date_to)}"


def decimal_comma(value: Decimal | None) -> str:
    return "-" if value is None else str(value).replace(".", ",")


def three(value: Fraction | None) -> str:
    return "-" if value is None else decimal_comma(round_half_up(value, 3))


def grade_text(grade: Grade | None) -> str:
    return "-" if grade is None else f"{grade} ({say(f'grade.{grade}')})"


def _summary(report: SkmReport) -> Block:
    t = report.total

    def paint(c: Canvas, top: float) -> None:
        big = QRectF(MARGIN, top, 210, 120)
        c.box(big, line=BLACK, width=1.4)
        c.text(QRectF(MARGIN + 10, top + 6, 190, 16), "Nilai IKM (konversi)", 9, colour=DARK)
        c.text(QRectF(MARGIN + 10, top + 22, 190, 46), decimal_comma(t.converted), 34,
               bold=True, align=CENTRE)
        c.text(QRectF(MARGIN + 10, top + 72, 190, 20),
               f"Mutu {t.grade or '-'}  ·  {say(f'grade.{t.grade}') if t.grade else '-'}",
               12, bold=True, align=CENTRE)
        c.text(QRectF(MARGIN + 10, top + 96, 190, 16), f"IKM {three(t.ikm)} (skala 1–4)", 8.5,
               align=CENTRE, colour=DARK)
        x, w = MARGIN + 226, CONTENT_W - 226
        rows = [
            ("Responden", count(t.respondents)),
            ("Pengguna layanan (tiket dilayani)", count(t.population)),
            ("Sampel minimal (Krejcie-Morgan)", count(t.minimum_sample)),
            ("Saran dan masukan", count(len(report.comments))),
            ("Instansi", report.agency or "Seluruh instansi"),
        ]
        for i, (label, value) in enumerate(rows):
            y = top + i * 17
            c.text(QRectF(x, y, w * 0.58, 16), label, 8.5, colour=DARK)
            c.text(QRectF(x + w * 0.58, y, w * 0.42, 16), value, 9, bold=True, align=RIGHT)
        warn = QRectF(x, top + 90, w, 30)
        if t.below_sample:
            c.box(warn, fill=FAINT, line=BLACK, width=1.0)
            c.text(warn.adjusted(6, 0, -6, 0), "Perhatian: " + say(
                "sample.below", respondents=t.respondents, minimum=t.minimum_sample,
                population=t.population) + ".", 8, bold=True)
        else:
            c.text(warn, say("sample.enough", respondents=t.respondents,
                             minimum=t.minimum_sample) + ".", 8, colour=DARK)

    return Block(128.0, paint)


@dataclass(frozen=True)
class _Col:
    header: str
    width: float
    align_right: bool = True


ROW_H, HEAD_H = 16.0, 24.0


def _table(cols: Sequence[_Col], rows: Sequence[Sequence[str]], *, bold_last: bool = False,
           row_h: float = ROW_H) -> Block:
    def paint(c: Canvas, top: float) -> None:
        c.box(QRectF(MARGIN, top, CONTENT_W, HEAD_H), fill=LIGHT)
        for i in range(len(rows)):
            y = top + HEAD_H + i * row_h
            if bold_last and i == len(rows) - 1:
                c.hline(y, colour=BLACK, width=1.0)
            elif i % 2:
                c.box(QRectF(MARGIN, y, CONTENT_W, row_h), fill=FAINT)
        x = MARGIN
        for n, col in enumerate(cols):
            align = RIGHT if col.align_right else LEFT
            c.text(QRectF(x + 3, top, col.width - 6, HEAD_H), col.header, 7, bold=True,
                   align=align)
            for i, row in enumerate(rows):
                c.text(QRectF(x + 3, top + HEAD_H + i * row_h, col.width - 6, row_h), row[n],
                       7.5, bold=bold_last and i == len(rows) - 1, align=align)
            x += col.width
        c.hline(top + HEAD_H + len(rows) * row_h, colour=DARK)

    return Block(HEAD_H + len(rows) * row_h + 4, paint)


def _elements_table(index: SkmIndex, q: Questionnaire) -> Block:
    cols = (_Col("Unsur", 30, False), _Col("Unsur pelayanan", 186, False),
            _Col("Responden", 48), _Col("NRR", 44), _Col("NRR tertimbang", 58),
            _Col("Konversi", 50), _Col("Mutu", 99))
    rows = [
        [e.code, q.elements[n].name.id, count(e.answered), three(e.nrr), three(e.weighted),
         decimal_comma(e.converted), grade_text(e.grade)]
        for n, e in enumerate(index.elements)
    ]
    rows.append(["", "IKM (jumlah NRR tertimbang)", count(index.respondents), "",
                 three(index.ikm), decimal_comma(index.converted), grade_text(index.grade)])
    return _table(cols, rows, bold_last=True)


CHART_ROW = 17.0


def _elements_chart(index: SkmIndex, q: Questionnaire) -> Block:
    """Horizontal bars of each element's converted value on the 25-100 scale, with the
    grade boundaries dashed, the value written after the bar."""
    label_w, scale_lo, scale_hi = 200.0, 25.0, 100.0
    height = len(index.elements) * CHART_ROW + 34

    def x_of(value: float, left: float, width: float) -> float:
        return left + width * (value - scale_lo) / (scale_hi - scale_lo)

    def paint(c: Canvas, top: float) -> None:
        left, width = MARGIN + label_w, CONTENT_W - label_w - 40
        bottom = top + len(index.elements) * CHART_ROW
        for grade, floor in GRADE_FLOORS[:-1]:
            x = x_of(float(floor), left, width)
            c.vline(x, top, bottom - top, dashed=True)
            c.text(QRectF(x - 30, bottom + 2, 60, 11), f"{decimal_comma(floor)} ({grade})", 6.5,
                   align=CENTRE, colour=DARK)
        for i, e in enumerate(index.elements):
            y = top + i * CHART_ROW
            name = f"{e.code} {q.elements[i].name.id}"
            c.text(QRectF(MARGIN, y, label_w - 6, CHART_ROW), name, 7, align=RIGHT)
            if e.converted is None:
                c.text(QRectF(left + 4, y, 80, CHART_ROW), "tidak ada jawaban", 7, colour=DARK)
                continue
            bar_w = x_of(float(e.converted), left, width) - left
            c.box(QRectF(left, y + 3, bar_w, CHART_ROW - 6), fill=DARK)
            c.text(QRectF(left + bar_w + 4, y, 40, CHART_ROW), decimal_comma(e.converted), 7.5,
                   bold=True)
        c.line(left, bottom, width, colour=BLACK, width=0.8)
        c.text(QRectF(left, bottom + 14, width, 12),
               "Nilai konversi (25–100); garis putus-putus: batas mutu", 7, align=CENTRE,
               colour=DARK)

    return Block(height, paint)


def _group_table(rows: Sequence[SkmIndex], first: str, q: Questionnaire, *,
                 weakest: bool) -> list[Block]:
    cols = [_Col(first, 112 if weakest else 160, False), _Col("Responden", 48),
            _Col("Dilayani", 40), _Col("Min. sampel", 40), _Col("IKM", 36),
            _Col("Mutu", 84)]
    if weakest:
        cols.append(_Col("Unsur terlemah (NRR)", CONTENT_W - sum(c.width for c in cols), False))
    else:
        cols.append(_Col("Sampel", CONTENT_W - sum(c.width for c in cols), False))

    def cells(r: SkmIndex) -> list[str]:
        base = [r.label, count(r.respondents), count(r.population), count(r.minimum_sample),
                decimal_comma(r.converted), grade_text(r.grade)]
        if weakest:
            base.append(", ".join(f"{e.code} {three(e.nrr)}" for e in r.weakest()))
        else:
            base.append("kurang dari minimal" if r.below_sample else "cukup")
        return base

    per_page = int((BODY_BOTTOM - BODY_TOP - HEAD_H - 40) // ROW_H) - 1
    parts = [rows[i:i + per_page] for i in range(0, len(rows), per_page)] or [[]]
    return [_table(cols, [cells(r) for r in part]) for part in parts]


def _profile(report: SkmReport, q: Questionnaire) -> list[Block]:
    """The four profile fields, two tables side by side per row."""
    half = (CONTENT_W - 12) / 2
    respondents = report.total.respondents or 1

    def one(field_code: str) -> tuple[str, list[tuple[str, str, str]]]:
        field = q.field(field_code)
        counts = report.profile.get(field_code, {})
        lines = [(o.label.id, count(counts.get(o.code, 0)),
                  f"{100 * counts.get(o.code, 0) / respondents:.1f}".replace(".", ","))
                 for o in field.options]
        other = sum(n for code, n in counts.items() if code is not None and
                    field.option(code) is None)
        if other:
            lines.append(("Pilihan lama/lainnya", count(other),
                          f"{100 * other / respondents:.1f}".replace(".", ",")))
        none = counts.get(None, 0)
        lines.append(("Tidak diisi", count(none), f"{100 * none / respondents:.1f}".replace(".", ",")))
        return field.label.id, lines

    blocks = []
    codes = [f.code for f in q.profile]
    for pair in (codes[0:2], codes[2:4]):
        tables = [one(code) for code in pair]
        rows = max(len(lines) for _, lines in tables)

        def paint(c: Canvas, top: float, tables: list[tuple[str, list[tuple[str, str, str]]]]
                  = tables) -> None:
            for n, (label, lines) in enumerate(tables):
                x = MARGIN + n * (half + 12)
                c.box(QRectF(x, top, half, HEAD_H), fill=LIGHT)
                c.text(QRectF(x + 4, top, half * 0.6, HEAD_H), label, 7.5, bold=True)
                c.text(QRectF(x + half * 0.6, top, half * 0.2 - 4, HEAD_H), "Jumlah", 7,
                       bold=True, align=RIGHT)
                c.text(QRectF(x + half * 0.8, top, half * 0.2 - 4, HEAD_H), "%", 7, bold=True,
                       align=RIGHT)
                for i, (name, n_text, pct) in enumerate(lines):
                    y = top + HEAD_H + i * 14
                    c.text(QRectF(x + 4, y, half * 0.6, 14), name, 7.5)
                    c.text(QRectF(x + half * 0.6, y, half * 0.2 - 4, 14), n_text, 7.5,
                           align=RIGHT)
                    c.text(QRectF(x + half * 0.8, y, half * 0.2 - 4, 14), pct, 7.5, align=RIGHT)
                c.line(x, top + HEAD_H + len(lines) * 14, half, colour=DARK)

        blocks.append(Block(HEAD_H + rows * 14 + 10, paint))
    return blocks


def _comment_height(text: str) -> float:
    return 14 + text_height(text, CONTENT_W - 8, 8) + 8


def _comment(comment: Comment, tz: str) -> Block:
    text = comment.text if len(comment.text) <= MAX_COMMENT_CHARS else (
        comment.text[:MAX_COMMENT_CHARS].rstrip() + " …")
    height = _comment_height(text)
    when = clock.local(comment.answered_at, tz)
    where = f"loket {comment.counter}" if comment.counter else ""
    head = f"{format_plain_day_id(comment.day)} {when:%H.%M}  ·  tiket {comment.number}  ·  " \
           f"{comment.agency_code} {where}"

    def paint(c: Canvas, top: float) -> None:
        c.text(QRectF(MARGIN, top, CONTENT_W * 0.55, 13), head, 7.5, bold=True)
        if comment.link:
            c.text(QRectF(MARGIN + CONTENT_W * 0.55, top, CONTENT_W * 0.45, 13), comment.link,
                   7, align=RIGHT, colour=DARK)
        c.text(QRectF(MARGIN + 8, top + 13, CONTENT_W - 8, height - 18), text, 8)
        c.line(MARGIN, top + height - 2, CONTENT_W, colour=LIGHT)

    return Block(height, paint)


def _comments(report: SkmReport, tz: str) -> list[Block]:
    if not report.comments:
        return [_note("Tidak ada saran atau masukan pada periode ini.")]
    shown = report.comments[-MAX_COMMENTS:]
    blocks = [_comment(c, tz) for c in shown]
    if len(report.comments) > len(shown):
        blocks.insert(0, _note(
            f"{count(len(shown))} saran terbaru dari {count(len(report.comments))}; semuanya "
            "ada di `antre skm --comments --csv`."))
    return blocks


def _note(text: str, height: float = 30.0) -> Block:
    def paint(c: Canvas, top: float) -> None:
        c.text(QRectF(MARGIN, top + 2, CONTENT_W, height - 4), text, 8, colour=DARK)

    return Block(height, paint)


NOTES = (
    "Catatan. Menurut Permen PANRB No. 14 Tahun 2017: NRR per unsur = jumlah nilai jawaban / "
    "jumlah responden yang menjawab unsur itu; NRR tertimbang = NRR × 1/9; IKM = jumlah NRR "
    "tertimbang; nilai konversi = IKM × 25, dibulatkan dua desimal (setengah ke atas), dan mutu "
    "dibaca dari nilai itu: A 88,31–100,00 Sangat Baik; B 76,61–88,30 Baik; C 65,00–76,60 "
    "Kurang Baik; D 25,00–64,99 Tidak Baik. Populasi = tiket yang selesai dilayani pada "
    "periode; sampel minimal dari tabel Krejcie dan Morgan. Setiap jawaban terkait dengan satu "
    "tiket yang dilayani; petugas tidak melihat jawaban perorangan."
)


def skm_summary_blocks(report: SkmReport, *, new_page: bool = False,
                       questionnaire: Questionnaire | None = None) -> list[Block]:
    """The survey's summary (for the monthly report's SKM page): index, elements, agencies."""
    q = questionnaire or load_questionnaire()
    heading = title("Survei Kepuasan Masyarakat (SKM)")
    heading = Block(heading.height, heading.paint, keep_with_next=True, new_page=new_page)
    if report.empty:
        return [heading, _note(
            f"Belum ada jawaban survei pada {period_text(report)}; indeks belum dapat "
            "dihitung.", 40)]
    return [
        heading, _summary(report),
        title("Nilai per unsur pelayanan"), _elements_table(report.total, q),
        title("Per instansi (unsur terlemah untuk tindak lanjut)"),
        *_group_table(report.agencies, "Instansi", q, weakest=True),
    ]


def skm_blocks(report: SkmReport, questionnaire: Questionnaire | None = None,
               tz: str = clock.DEFAULT_TZ) -> list[Block]:
    q = questionnaire or load_questionnaire()
    blocks = skm_summary_blocks(report, questionnaire=q)
    if report.empty:
        return blocks
    return [
        *blocks[:4],
        title("Grafik nilai per unsur"), _elements_chart(report.total, q),
        *blocks[4:],
        title("Per loket"), *_group_table(report.counters, "Loket", q, weakest=False),
        title("Profil responden"), *_profile(report, q),
        _note(NOTES, 76),
        title(f"Saran dan masukan ({count(len(report.comments))})"), *_comments(report, tz),
    ]


def write_skm_pdf(report: SkmReport, path: Path, *, questionnaire: Questionnaire | None = None,
                  tz: str = clock.DEFAULT_TZ) -> None:
    scope = f" — {report.agency}" if report.agency else ""
    write_pdf(
        Path(path),
        title=f"Survei Kepuasan Masyarakat {report.site_name} {period_text(report)}",
        header=(report.site_name,
                f"Laporan Survei Kepuasan Masyarakat{scope}  ·  Periode: {period_text(report)}"),
        blocks=skm_blocks(report, questionnaire, tz),
        timezone=tz,
    )

