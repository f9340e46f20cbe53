"""`antre reprint NUMBER`: prints today's ticket again, through the kiosk's ticket layout."""

from __future__ import annotations

import argparse
import os
import sys

from shared.cli.print_cmds import DEFAULT_PRINTER, PAPER_WIDTHS, check_timeout
from shared.cli.target import open_db
from shared.words import Words


def register(sub: argparse._SubParsersAction, w: Words) -> None:  # type: ignore[type-arg]
    cmd = sub.add_parser("reprint", help=w("help.reprint"), description=w("help.reprint.about"))
    cmd.add_argument("number", metavar=w("meta.number"), help=w("help.ticket_number"))
    cmd.add_argument("--printer", metavar="URI", default=None,
                     help=w("help.printer", default=DEFAULT_PRINTER))
    cmd.add_argument("--paper", type=int, choices=PAPER_WIDTHS, default=80,
                     help=w("help.paper"))
    cmd.add_argument("--timeout", type=float, default=5.0, metavar=w("meta.seconds"),
                     help=w("help.timeout"))
    cmd.set_defaults(func=run_reprint)


def run_reprint(args: argparse.Namespace) -> int:
    """Finds the ticket (NotFoundError -> one stderr line), prints it, records a success."""
    from shared.cli.speak import out
    from shared.printing.issued import ticket_print_from
    from shared.printing.printer import print_ticket
    from shared.printing.ticket_layout import build_layout, layout_as_text
    from shared.printing.uri import parse_printer_uri
    from shared.tickets import find_ticket, mark_printed

    spec = parse_printer_uri(args.printer or os.environ.get("ANTRE_PRINTER") or DEFAULT_PRINTER)
    check_timeout(args.timeout)
    db = open_db(args)
    try:
        issued = find_ticket(db, number=args.number.strip().upper())
        ticket = ticket_print_from(issued, reprint=True)
        if spec.kind in ("preview", "dummy"):
            items = build_layout(ticket, paper_mm=args.paper)
            sys.stdout.write(layout_as_text(items, paper_mm=args.paper))
            return 0
        if spec.kind == "none":
            out(args, "cli.printer_none")
            return 0
        data = print_ticket(spec, ticket, paper_mm=args.paper, timeout=args.timeout)
        mark_printed(db, ticket_id=issued.ticket.id, printed=True)
        out(args, "cli.reprinted", number=issued.ticket.number, uri=spec.uri,
            size=len(data or b""))
        return 0
    finally:
        db.dispose()
