"""`antre demo`: runs the whole system on one PC for a first look."""

from __future__ import annotations

import argparse

from shared.words import Words

Sub = argparse._SubParsersAction  # type: ignore[type-arg]


def cmd_demo(args: argparse.Namespace) -> int:
    from shared.demo import run_demo

    return run_demo(db_url=args.db, sound=not args.no_sound, web_port=args.web_port)


def register(sub: Sub, w: Words) -> None:
    p = sub.add_parser("demo", help=w("help.demo"))
    p.add_argument("--no-sound", action="store_true", help=w("help.demo.no_sound"))
    p.add_argument("--web-port", type=int, default=8080, metavar="PORT",
                   help=w("help.demo.web_port"))
    p.set_defaults(func=cmd_demo)
