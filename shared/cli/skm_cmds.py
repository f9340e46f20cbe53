"""`antre skm`: the satisfaction survey's index (IKM) for a period, as text, CSV or PDF.

Like every command, it imports what it uses when it runs (see shared/cli/main.py).
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from shared.cli.argwords import date_type
from shared.cli.queue_cmds import Sub, write_csv_stdout
from shared.cli.target import open_db
from shared.errors import AntreError
from shared.words import Words


def _period(args: argparse.Namespace, today: date) -> tuple[date, date]:
    """--from/--to; either alone is one day; neither is the month so far."""
    start = args.date_from or args.date_to
    end = args.date_to or args.date_from
    if start is None or end is None:
        return today.replace(day=1), today
    return start, end


def cmd_skm(args: argparse.Namespace) -> int:
    from shared import clock, lookups
    from shared.skm.output import comments_csv, skm_csv, skm_text
    from shared.skm.report import build_skm_report

    db = open_db(args)
    with db.read() as session:
        site = lookups.site(session)
        today = clock.service_day(clock.now(), site.timezone)
        tz = site.timezone
    start, end = _period(args, today)
    if args.pdf and args.comments:
        raise AntreError("error.skm_comments_pdf")
    report = build_skm_report(db, date_from=start, date_to=end, agency=args.agency)
    if args.pdf:
        from shared.qtcheck import require_qt

        require_qt("antre skm --pdf", ("QtCore", "QtGui"))
        from shared.qt.skm_pdf import write_skm_pdf

        write_skm_pdf(report, Path(args.pdf), tz=tz)
        from shared.cli.speak import out

        out(args, "cli.skm_written", path=args.pdf)
    elif args.comments and args.csv:
        write_csv_stdout(comments_csv(report.comments))
    elif args.comments:
        for c in report.comments:
            link = f"  {c.link}" if c.link else ""
            print(f"{c.day.isoformat()} {c.number} {c.agency_code} loket {c.counter or '-'}"
                  f"{link}\n    " + "\n    ".join(c.text.splitlines()))
    elif args.csv:
        write_csv_stdout(skm_csv(report))
    else:
        from shared.cli.speak import language

        print(skm_text(report, args.lang or language(args)))
    return 0


def register(sub: Sub, w: Words) -> None:
    day = date_type(w)
    p = sub.add_parser("skm", help=w("help.skm"))
    p.add_argument("--from", dest="date_from", type=day, metavar="YYYY-MM-DD",
                   help=w("help.skm.from"))
    p.add_argument("--to", dest="date_to", type=day, metavar="YYYY-MM-DD",
                   help=w("help.skm.to"))
    p.add_argument("--agency", metavar=w("meta.code"), help=w("help.skm.agency"))
    p.add_argument("--comments", action="store_true", help=w("help.skm.comments"))
    p.add_argument("--lang", choices=("id", "en"), default=None, help=w("help.skm.lang"))
    out = p.add_mutually_exclusive_group()
    out.add_argument("--csv", action="store_true", help=w("help.csv"))
    out.add_argument("--pdf", metavar=w("meta.file"), help=w("help.skm.pdf"))
    p.set_defaults(func=cmd_skm)
