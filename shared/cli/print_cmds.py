"""Printing sub-commands: `antre print-test` sends a sample ticket through the real layout."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime
from zoneinfo import ZoneInfo

from shared.words import Words

DEFAULT_PRINTER = "preview"
PAPER_WIDTHS = (58, 80)  # shared.printing.ticket_layout.PAPER_COLUMNS, without importing it


def check_timeout(seconds: float) -> None:
    """`--timeout` within the station file's limits (0.5 to 60 s), or one plain line."""
    from shared.errors import ConfigError
    from shared.limits import print_timeout_problem

    problem = print_timeout_problem(seconds)
    if problem is not None:
        raise ConfigError("error.flag_value", flag="--timeout", problem=problem,
                          value=f"{seconds:g}")


def register(sub: argparse._SubParsersAction, w: Words) -> None:  # type: ignore[type-arg]
    """Adds this area's sub-commands to the `antre` parser."""
    cmd = sub.add_parser("print-test", help=w("help.print_test"),
                         description=w("help.print_test.about"))
    cmd.add_argument("--printer", metavar="URI", default=None,
                     help=w("help.printer.kinds", default=DEFAULT_PRINTER))
    cmd.add_argument("--paper", type=int, choices=PAPER_WIDTHS, default=80,
                     help=w("help.paper"))
    cmd.add_argument("--lang", choices=("id", "en"), default="id", help=w("help.ticket_lang"))
    cmd.add_argument("--timeout", type=float, default=5.0, metavar=w("meta.seconds"),
                     help=w("help.timeout"))
    cmd.set_defaults(func=run_print_test)


def run_print_test(args: argparse.Namespace) -> int:
    """Prints the sample ticket; PrinterError/ConfigError reach main() as one stderr line."""
    from shared.cli.speak import out
    from shared.printing import sample_ticket
    from shared.printing.printer import print_ticket
    from shared.printing.ticket_layout import build_layout, layout_as_text
    from shared.printing.uri import parse_printer_uri

    uri = args.printer or os.environ.get("ANTRE_PRINTER") or DEFAULT_PRINTER
    spec = parse_printer_uri(uri)
    check_timeout(args.timeout)
    ticket = sample_ticket(datetime.now(ZoneInfo("Asia/Jakarta")), args.lang)
    if spec.kind in ("preview", "dummy"):
        items = build_layout(ticket, paper_mm=args.paper, lang=args.lang)
        sys.stdout.write(layout_as_text(items, paper_mm=args.paper))
        return 0
    if spec.kind == "none":
        out(args, "cli.printer_none")
        return 0
    data = print_ticket(spec, ticket, paper_mm=args.paper, timeout=args.timeout, lang=args.lang)
    out(args, "cli.sample_sent", uri=spec.uri, size=len(data or b""))
    return 0
