"""What a ticket says and where, as a list of abstract items.

The same list is rendered twice: to ESC/POS bytes (`render.py`) and, by the kiosk, to an
on-screen preview. Text lines arrive already wrapped to the paper's width, so a renderer only
draws them; a monospaced grid of `paper_columns(paper_mm)` cells is the whole geometry.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from shared.dates import format_date
from shared.weblinks import short_form
from shared.words import Words, agency_name

Align = Literal["left", "center", "right"]

#: Font A columns (12-dot characters) on common thermal paper: 58 mm prints 384 dots,
#: 80 mm prints 576 dots.
PAPER_COLUMNS = {58: 32, 80: 48}
#: The ticket number's size multiplier is capped here: bigger stops fitting a 4-character
#: number on 58 mm paper and wastes paper.
MAX_NUMBER_SIZE = 6


@dataclass(frozen=True)
class TicketPrint:
    """Everything printed on one ticket, as plain values (safe to hand to a print thread)."""

    site_name: str
    agency_code: str
    agency_name: str
    number: str
    issued_at: datetime
    people_ahead: int
    estimated_wait_minutes: int
    priority_label: str | None
    qr_payload: str
    footer: str
    reprint: bool = False
    printed_note: str | None = None
    online: bool = False  # issued by an online booking's check-in: printed "ONLINE"


@dataclass(frozen=True)
class TextLine:
    """One printed line. `width`/`height` multiply the 12x24-dot font A cell (1..8);
    the text never exceeds `columns // width` characters (wrapped by the layout)."""

    text: str
    align: Align = "left"
    bold: bool = False
    width: int = 1
    height: int = 1


@dataclass(frozen=True)
class Rule:
    """A horizontal separator across the paper (printed as a row of `char`)."""

    char: str = "-"


@dataclass(frozen=True)
class QrCode:
    """A QR code of `payload`, `module_size` dots per module (1..16), on its own lines."""

    payload: str
    module_size: int = 6
    align: Align = "center"


@dataclass(frozen=True)
class Feed:
    """Blank paper: `lines` empty font-A lines."""

    lines: int = 1


@dataclass(frozen=True)
class Cut:
    """End of the ticket: feed past the cutter and cut."""


LayoutItem = TextLine | Rule | QrCode | Feed | Cut


def paper_columns(paper_mm: int) -> int:
    """Font-A characters per line for the paper width; ValueError for unsupported paper."""
    try:
        return PAPER_COLUMNS[paper_mm]
    except KeyError:
        raise ValueError(f"paper width {paper_mm} mm not supported (58 or 80)") from None


def number_size(number: str, columns: int) -> int:
    """The largest multiplier (up to MAX_NUMBER_SIZE) at which `number` fits on one line."""
    return max(1, min(MAX_NUMBER_SIZE, columns // max(1, len(number))))


def _wrap(
    text: str,
    columns: int,
    *,
    align: Align = "left",
    bold: bool = False,
    width: int = 1,
    height: int = 1,
) -> list[TextLine]:
    """Wraps `text` to the columns available at `width`; one item per printed line."""
    lines = textwrap.wrap(text, max(1, columns // width), break_on_hyphens=False) or [""]
    return [TextLine(line, align, bold, width, height) for line in lines]


def _label_value(label: str, value: str, columns: int) -> list[TextLine]:
    """One line "Label: value", or the value indented on the next line when it does not
    fit, so that "± 15 menit" is never split across lines."""
    if len(label) + 1 + len(value) <= columns:
        return [TextLine(f"{label} {value}")]
    return [*_wrap(label, columns), TextLine(f"  {value}")]


def build_layout(ticket: TicketPrint, *, paper_mm: int, lang: str = "id") -> list[LayoutItem]:
    """The ticket as layout items, top to bottom, ending with a Cut.

    `lang` is "id" (default) or "en"; names, footer and priority label are printed as given.
    """
    cols = paper_columns(paper_mm)
    words = Words(lang)
    size = number_size(ticket.number, cols)
    items: list[LayoutItem] = []
    if ticket.reprint:
        items += _wrap(words("ticket.reprint"), cols, align="center", bold=True)
    items += _wrap(ticket.site_name, cols, align="center", bold=True, width=2, height=2)
    items.append(Rule())
    items += _wrap(agency_name(ticket.agency_name, ticket.agency_code), cols, align="center",
                   bold=True)
    items.append(Feed())
    items += _wrap(words("ticket.number"), cols, align="center")
    items.append(TextLine(ticket.number, align="center", bold=True, width=size, height=size))
    if ticket.online:
        items.append(TextLine(words("ticket.online"), align="center", bold=True, width=2,
                              height=2))
    if ticket.priority_label:
        items += _wrap(ticket.priority_label, cols, align="center", bold=True, height=2)
    items.append(Feed())
    items += _wrap(format_date(ticket.issued_at, lang), cols, align="center")
    items += _label_value(words("ticket.ahead"), str(ticket.people_ahead), cols)
    wait = ticket.estimated_wait_minutes
    wait_text = words("ticket.wait_value", n=wait) if wait > 0 else words("ticket.wait_now")
    items += _label_value(words("ticket.wait"), wait_text, cols)
    if ticket.qr_payload:
        items.append(QrCode(ticket.qr_payload, module_size=6 if cols >= 48 else 5))
        if ticket.qr_payload.startswith(("http://", "https://")):
            # The status page's address, for phones that cannot scan: typed as printed.
            items += _wrap(short_form(ticket.qr_payload), cols, align="center")
    items.append(Rule())
    items += _wrap(ticket.footer, cols, align="center")
    if ticket.printed_note:
        items += _wrap(ticket.printed_note, cols, align="center")
    if ticket.reprint:
        items += _wrap(words("ticket.reprint"), cols, align="center", bold=True)
    items.append(Cut())
    return items


def layout_as_text(items: list[LayoutItem], *, paper_mm: int) -> str:
    """A plain-text rendition (for the CLI and logs): sizes become spacing, QR a placeholder."""
    cols = paper_columns(paper_mm)
    out: list[str] = []
    for item in items:
        if isinstance(item, TextLine):
            text = " ".join(item.text) if item.width > 1 else item.text
            if item.align == "center":
                text = text.center(cols).rstrip()
            elif item.align == "right":
                text = text.rjust(cols)
            out.append(text)
        elif isinstance(item, Rule):
            out.append(item.char * cols)
        elif isinstance(item, QrCode):
            out.append(f"[QR: {item.payload}]".center(cols).rstrip())
        elif isinstance(item, Feed):
            out.extend([""] * item.lines)
        else:
            out.append("[potong / cut]".center(cols, "=") if cols else "")
    return "\n".join(out) + "\n"
