"""`antre demo`: runs the whole system on one PC for a first look."""

from __future__ import annotations

import argparse

Sub = argparse._SubParsersAction  # type: ignore[type-arg]


def cmd_demo(args: argparse.Namespace) -> int:
    from shared.demo import run_demo

    return run_demo(db_url=args.db, sound=not args.no_sound, web_port=args.web_port)


def register(sub: Sub) -> None:
    p = sub.add_parser("demo", help="open the kiosk, hall display and two counters on a demo database")
    p.add_argument("--no-sound", action="store_true", help="no voice announcements")
    p.add_argument("--web-port", type=int, default=8080, metavar="PORT",
                   help="port of the phone pages (antre-web; another free one if taken)")
    p.set_defaults(func=cmd_demo)
