"""The survey report as text for the terminal and as CSV (numbers with a decimal point)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from fractions import Fraction

from shared.skm.index import SkmIndex, round_half_up
from shared.skm.questionnaire import ELEMENT_CODES
from shared.skm.report import Comment, SkmReport
from shared.skm.words import say


def three(value: Fraction | None) -> str:
    """An NRR or IKM on the 1-4 scale to three decimals ("" when there is none)."""
    return "" if value is None else str(round_half_up(value, 3))


def two(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}"


def sample_words(index: SkmIndex, lang: str = "id") -> str:
    key = "sample.below" if index.below_sample else "sample.enough"
    return say(key, lang, respondents=index.respondents, minimum=index.minimum_sample,
               population=index.population)


def grade_words(index: SkmIndex, lang: str = "id") -> str:
    grade = index.grade
    return "-" if grade is None else f"{grade} ({say(f'grade.{grade}', lang)})"


def skm_csv(report: SkmReport) -> str:
    """One table: a section column (total/agency/counter), then every figure."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([
        "section", "date_from", "date_to", "key", "label", "respondents", "population",
        "minimum_sample", "below_sample", *(f"nrr_{c}" for c in ELEMENT_CODES),
        "ikm", "ikm_converted", "grade",
    ])
    for section, rows in (("total", [report.total]), ("agency", report.agencies),
                          ("counter", report.counters)):
        for r in rows:
            writer.writerow([
                section, report.date_from.isoformat(), report.date_to.isoformat(), r.key,
                r.label, r.respondents, r.population, r.minimum_sample,
                int(r.below_sample), *(three(e.nrr) for e in r.elements), three(r.ikm),
                two(r.converted), r.grade or "",
            ])
    return out.getvalue()


def comments_csv(comments: list[Comment]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["day", "ticket", "agency", "counter", "answered_at_utc", "link", "text"])
    for c in comments:
        writer.writerow([c.day.isoformat(), c.number, c.agency_code, c.counter or "",
                         c.answered_at.isoformat(timespec="seconds"), c.link or "", c.text])
    return out.getvalue()


def _index_line(r: SkmIndex) -> str:
    nrrs = " ".join(f"{three(e.nrr) or '-':>5}" for e in r.elements)
    warn = "  !" if r.below_sample else ""
    return (f"{r.key[:14]:14} {r.respondents:>6} {r.population:>7} {r.minimum_sample:>5} "
            f"{nrrs} {three(r.ikm) or '-':>6} {two(r.converted) or '-':>6} {r.grade or '-'}{warn}")


def skm_text(report: SkmReport, lang: str = "id") -> str:
    span = (report.date_from.isoformat() if report.date_from == report.date_to
            else f"{report.date_from.isoformat()} .. {report.date_to.isoformat()}")
    scope = f" — {report.agency}" if report.agency else ""
    t = report.total
    lines = [f"{report.site_name} — SKM {span}{scope}"]
    if report.empty:
        lines.append("No survey answers in this period." if lang == "en"
                     else "Belum ada jawaban survei pada periode ini.")
    else:
        lines.append(f"IKM {three(t.ikm)} -> {two(t.converted)} {grade_words(t, lang)}")
    lines.append(sample_words(t, lang))
    head = (f"{'':14} {'resp':>6} {'served':>7} {'min':>5} "
            + " ".join(f"{c:>5}" for c in ELEMENT_CODES) + f" {'IKM':>6} {'x25':>6} grade")
    for title, rows in (("Per agency", report.agencies), ("Per counter", report.counters)):
        lines += ["", f"{title} (! = fewer respondents than the Krejcie-Morgan minimum)", head]
        lines += [_index_line(r) for r in rows]
    lines += ["", "Weakest elements per agency (lowest NRR first)"]
    for r in report.agencies:
        weak = ", ".join(f"{e.code} {three(e.nrr)}" for e in r.weakest())
        if weak:
            lines.append(f"  {r.key:14} {weak}")
    lines += ["", f"Suggestions ({len(report.comments)})"]
    for c in report.comments:
        where = f"loket {c.counter}" if c.counter else "-"
        link = f"  {c.link}" if c.link else ""
        text = " / ".join(c.text.splitlines())
        lines.append(f"  {c.day.isoformat()} {c.number} {c.agency_code} {where}{link}: {text}")
    return "\n".join(lines)
