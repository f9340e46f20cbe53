"""Layout items to ESC/POS bytes, through python-escpos."""

from __future__ import annotations

from collections.abc import Sequence

from shared.errors import ConfigError
from shared.printing._escpos import QR_ECLEVEL_M, Escpos, escpos_printer
from shared.printing.ticket_layout import (
    Cut,
    Feed,
    LayoutItem,
    QrCode,
    Rule,
    TextLine,
    TicketPrint,
    build_layout,
    paper_columns,
)


def render_layout(printer: Escpos, items: Sequence[LayoutItem], *, paper_mm: int) -> None:
    """Sends `items` to `printer`, starting from a reset (ESC @) so no earlier job's style
    leaks in. Each text line states its full style, so lines can be read in isolation."""
    columns = paper_columns(paper_mm)
    printer.hw("INIT")
    for item in items:
        if isinstance(item, TextLine):
            printer.set(
                align=item.align,
                bold=item.bold,
                custom_size=True,
                width=item.width,
                height=item.height,
            )
            printer.textln(item.text)
        elif isinstance(item, Rule):
            printer.set(align="left", bold=False, custom_size=True, width=1, height=1)
            printer.textln(item.char * columns)
        elif isinstance(item, QrCode):
            # Native QR (GS ( k): sharp at any size and decodable from the bytes. python-escpos
            # refuses center=True with native=True, so the alignment is set beforehand.
            printer.set(align=item.align)
            printer.qr(item.payload, ec=QR_ECLEVEL_M, size=item.module_size, native=True)
            printer.ln()
        elif isinstance(item, Feed):
            printer.ln(item.lines)
        elif isinstance(item, Cut):
            printer.set(align="left", bold=False, custom_size=True, width=1, height=1)
            printer.cut()


def make_dummy(profile: str | None = None) -> Escpos:
    """An in-memory printer with the given capabilities profile (ConfigError if unknown)."""
    try:
        return escpos_printer.Dummy(profile=profile)
    except (KeyError, ValueError) as exc:
        raise ConfigError("error.printer_profile", profile=profile) from exc


def render_bytes(
    ticket: TicketPrint, *, paper_mm: int, profile: str | None = None, lang: str = "id"
) -> bytes:
    """The ESC/POS bytes of one ticket, exactly as a printer would receive them."""
    dummy = make_dummy(profile)
    render_layout(dummy, build_layout(ticket, paper_mm=paper_mm, lang=lang), paper_mm=paper_mm)
    data: bytes = dummy.output
    return data
