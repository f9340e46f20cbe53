"""`antre` sub-commands for the database, the site and the queue.

Each command imports the part of shared/ it uses when it runs (see shared/cli/main.py).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shared.cli.argwords import date_type
from shared.cli.speak import out, text
from shared.cli.target import open_db
from shared.errors import AntreError
from shared.words import Words

if TYPE_CHECKING:
    from shared.views import CallResult

Sub = argparse._SubParsersAction  # type: ignore[type-arg]


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=None))


def cmd_init(args: argparse.Namespace) -> int:
    from shared.paths import DEFAULT_SITE_FILE
    from shared.setup import init_database

    db = open_db(args, must_exist=False)
    site_file = Path(args.site) if args.site else DEFAULT_SITE_FILE
    summary = init_database(db, site_file)
    if summary.warnings:
        from shared.cli.speak import language
        from shared.words import words

        lang = language(args)
        for warning in summary.warnings:
            print(f"antre: {words(lang, warning)}", file=sys.stderr)
    out(args, "cli.init_done", where=db.path or db.describe(), site=site_file,
        added=summary.agencies_added, updated=summary.agencies_updated,
        retired=summary.agencies_retired, counters=summary.counters)
    return 0


def cmd_issue(args: argparse.Namespace) -> int:
    from shared import tickets

    issued = tickets.issue_ticket(open_db(args), service=args.agency, priority=args.priority)
    if args.json:
        _print_json(issued.to_json())
    else:
        t = issued.ticket
        out(args, "cli.issued", number=t.number, agency=t.agency_name,
            ahead=issued.people_ahead, minutes=issued.estimated_wait_minutes)
    return 0


def _report_call(
    result: CallResult, args: argparse.Namespace, code: str | None, **data: str
) -> int:
    """`code`: the line about the ticket the action ended ("cli.finished", ...)."""
    if getattr(args, "json", False):
        _print_json(result.to_json())
        return 0
    if result.finished is not None and code is not None:
        out(args, code, counter=result.counter, number=result.finished.number, **data)
    if result.ticket is not None:
        out(args, "cli.now_serving", counter=result.counter, number=result.ticket.number,
            agency=result.ticket.agency_code)
    elif result.finished is not None and args.command == "call":
        out(args, "cli.nobody_else", counter=result.counter)
    return 0


def cmd_call(args: argparse.Namespace) -> int:
    from shared import calling

    result = calling.call_next(open_db(args), counter=args.counter)
    return _report_call(result, args, "cli.finished")


def cmd_recall(args: argparse.Namespace) -> int:
    from shared import calling

    return _report_call(calling.recall(open_db(args), counter=args.counter), args, None)


def cmd_no_show(args: argparse.Namespace) -> int:
    from shared import calling

    return _report_call(
        calling.no_show(open_db(args), counter=args.counter), args, "cli.no_show"
    )


def cmd_done(args: argparse.Namespace) -> int:
    from shared import calling

    return _report_call(calling.finish(open_db(args), counter=args.counter), args, "cli.finished")


def cmd_transfer(args: argparse.Namespace) -> int:
    from shared import calling

    result = calling.transfer(open_db(args), counter=args.counter, service=args.agency)
    return _report_call(result, args, "cli.transferred", agency=args.agency.upper())


def cmd_pause(args: argparse.Namespace) -> int:
    from shared import calling

    calling.pause(open_db(args), counter=args.counter)
    out(args, "cli.paused", counter=args.counter)
    return 0


def cmd_resume(args: argparse.Namespace) -> int:
    from shared import calling

    calling.resume(open_db(args), counter=args.counter)
    out(args, "cli.resumed", counter=args.counter)
    return 0


def cmd_expire(args: argparse.Namespace) -> int:
    from shared import bookings, calling

    db = open_db(args)
    count = calling.expire_stale(db, include_today=args.today)
    out(args, "cli.expired", count=count)
    upkeep = bookings.maintain(db)
    out(args, "cli.bookings_upkeep", no_shows=upkeep.no_shows, forgotten=upkeep.forgotten)
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from shared import status
    from shared.cli.speak import language
    from shared.words import words

    snap = status.snapshot(open_db(args))
    if args.json:
        _print_json(snap.to_json())
        return 0
    out(args, "cli.status_title", site=snap.site_name, day=snap.date.isoformat())
    for a in snap.agencies:
        state = text(args, "cli.open") if a.why is None else words(language(args), a.why)
        out(args, "cli.status_agency", prefix=a.prefix, code=a.code, waiting=a.waiting,
            served=a.served, state=state)
    for c in snap.counters:
        out(args, "cli.status_counter", number=c.number, state=text(args, f"cli.state.{c.state}"),
            serving=c.current or "-", who=c.staff or "-", agencies=", ".join(c.agencies))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from shared import clock, reports

    db = open_db(args)
    if args.date and (args.date_from or args.date_to):
        raise AntreError("error.date_options")
    start = args.date or args.date_from or args.date_to
    if start is None:
        with db.read() as session:
            from shared.lookups import site

            start = clock.service_day(clock.now(), site(session).timezone)
    end = args.date_to or start
    report = reports.build_report(db, date_from=start, date_to=end)
    if args.pdf:
        from shared.qtcheck import require_qt

        require_qt("antre report --pdf", ("QtCore", "QtGui"))
        from shared.qt.report_pdf import write_report_pdf
        from shared.skm.report import build_skm_report

        skm = build_skm_report(db, date_from=start, date_to=end)
        write_report_pdf(report, Path(args.pdf), skm=skm)
        out(args, "cli.report_written", path=args.pdf)
    elif args.csv:
        write_csv_stdout(reports.report_csv(report))
    else:
        from shared.cli.speak import language

        print(reports.report_text(report, language(args)))
    return 0


def write_csv_stdout(text: str) -> None:
    """CSV (its rows end in \\r\\n, RFC 4180) exactly as it is, UTF-8, on every platform.

    Windows' text-mode stdout would turn each \\n into \\r\\n and give \\r\\r\\n rows in
    `antre report --csv > file`; newline="" stops that translation.
    """
    import io
    import sys

    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(newline="", encoding="utf-8")
    sys.stdout.write(text)


def cmd_backup(args: argparse.Namespace) -> int:
    from shared.backup import backup

    target = backup(open_db(args), Path(args.path))
    out(args, "cli.backup_written", path=target)
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from shared.restore import restore

    db = open_db(args, must_exist=False)
    done = restore(db, Path(args.backup))
    out(args, "cli.restored", source=done.source, target=db.describe(), seconds=done.seconds)
    return 0


def cmd_staff_add(args: argparse.Namespace) -> int:
    from shared import staff

    info = staff.add_staff(open_db(args), name=args.name, pin=args.pin)
    out(args, "cli.staff_added", name=info.name, id=info.id)
    return 0


def cmd_staff_list(args: argparse.Namespace) -> int:
    from shared import staff

    for info in staff.list_staff(open_db(args)):
        inactive = "" if info.active else "  " + text(args, "cli.inactive")
        print(f"{info.id:>4}  {info.name}{inactive}")
    return 0


def cmd_station_pin(args: argparse.Namespace) -> int:
    from shared import staff

    staff.validate_pin(args.pin)
    print(staff.hash_pin(args.pin))
    return 0


def _counter_cmd(
    sub: Sub, w: Words, name: str, func: Any, help_code: str, *, json_flag: bool = False
) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help=w(help_code))
    p.add_argument("counter", type=int, metavar=w("meta.counter"), help=w("help.counter"))
    if json_flag:
        p.add_argument("--json", action="store_true", help=w("help.json"))
    p.set_defaults(func=func)
    return p


def register(sub: Sub, w: Words) -> None:
    """The database, the site and every queue operation."""
    p = sub.add_parser("init", help=w("help.init"))
    p.add_argument("--site", metavar=w("meta.file"), help=w("help.init.site"))
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("issue", help=w("help.issue"))
    p.add_argument("agency", metavar=w("meta.agency"), help=w("help.agency"))
    p.add_argument(
        "--priority",
        nargs="?",
        const="lansia",
        default=None,
        metavar=w("meta.kind"),
        help=w("help.issue.priority"),
    )
    p.add_argument("--json", action="store_true", help=w("help.json"))
    p.set_defaults(func=cmd_issue)

    _counter_cmd(sub, w, "call", cmd_call, "help.call", json_flag=True)
    _counter_cmd(sub, w, "recall", cmd_recall, "help.recall")
    _counter_cmd(sub, w, "no-show", cmd_no_show, "help.no_show")
    _counter_cmd(sub, w, "done", cmd_done, "help.done")
    p = _counter_cmd(sub, w, "transfer", cmd_transfer, "help.transfer")
    p.add_argument("agency", metavar=w("meta.agency"), help=w("help.agency"))
    _counter_cmd(sub, w, "pause", cmd_pause, "help.pause")
    _counter_cmd(sub, w, "resume", cmd_resume, "help.resume")

    p = sub.add_parser("expire", help=w("help.expire"))
    p.add_argument("--today", action="store_true", help=w("help.expire.today"))
    p.set_defaults(func=cmd_expire)

    _register_reporting(sub, w)


def _register_reporting(sub: Sub, w: Words) -> None:
    """Status, reports, backup, staff and the kiosk exit PIN."""
    p = sub.add_parser("status", help=w("help.status"))
    p.add_argument("--json", action="store_true", help=w("help.json"))
    p.set_defaults(func=cmd_status)

    day = date_type(w)
    p = sub.add_parser("report", help=w("help.report"))
    p.add_argument("--date", type=day, metavar="YYYY-MM-DD", help=w("help.report.date"))
    p.add_argument("--from", dest="date_from", type=day, metavar="YYYY-MM-DD",
                   help=w("help.report.from"))
    p.add_argument("--to", dest="date_to", type=day, metavar="YYYY-MM-DD",
                   help=w("help.report.to"))
    out = p.add_mutually_exclusive_group()
    out.add_argument("--csv", action="store_true", help=w("help.csv"))
    out.add_argument("--pdf", metavar=w("meta.file"), help=w("help.report.pdf"))
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("backup", help=w("help.backup"))
    p.add_argument("path", metavar=w("meta.path"), help=w("help.backup.path"))
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help=w("help.restore"))
    p.add_argument("backup", metavar=w("meta.backup"), help=w("help.restore.backup"))
    p.set_defaults(func=cmd_restore)

    staff_p = sub.add_parser("staff", help=w("help.staff"))
    staff_sub = staff_p.add_subparsers(dest="staff_command", required=True,
                                       metavar=w("meta.command"))
    p = staff_sub.add_parser("add", help=w("help.staff.add"))
    p.add_argument("name", metavar=w("meta.name"), help=w("help.staff.name"))
    p.add_argument("--pin", required=True, help=w("help.staff.pin"))
    p.set_defaults(func=cmd_staff_add)
    p = staff_sub.add_parser("list", help=w("help.staff.list"))
    p.set_defaults(func=cmd_staff_list)

    p = sub.add_parser("station-pin", help=w("help.station_pin"))
    p.add_argument("pin", metavar="PIN", help=w("help.station_pin.pin"))
    p.set_defaults(func=cmd_station_pin)
