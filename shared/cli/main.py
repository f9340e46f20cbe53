"""The admin command line `antre`: one parser, sub-commands registered by area modules."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from shared.cli import demo_cmds, print_cmds, queue_cmds, reprint_cmds, voice_cmds
from shared.errors import AntreError

AREAS = (queue_cmds, print_cmds, reprint_cmds, voice_cmds, demo_cmds)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="antre", description="Antre queue system: administration and testing tools."
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        help="database URL (default: $ANTRE_DB or an SQLite file in the user data folder)",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for area in AREAS:
        area.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Runs one command; known failures print one line on stderr and return 2."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        result: int = args.func(args)
    except AntreError as exc:
        print(f"antre: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return result


if __name__ == "__main__":
    sys.exit(main())
