"""The admin command line `antre`: one parser, sub-commands registered by area modules.

Registering a command imports nothing heavy: each command imports what it uses when it runs,
so `antre status` loads SQLAlchemy and the models, not Qt, python-escpos or Alembic.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from shared.cli import (
    demo_cmds,
    print_cmds,
    queue_cmds,
    reprint_cmds,
    skm_cmds,
    target,
    voice_cmds,
    where_cmds,
)
from shared.errors import AntreError
from shared.files import use_private_umask
from shared.station import operator_language

AREAS = (queue_cmds, print_cmds, reprint_cmds, voice_cmds, demo_cmds, where_cmds, skm_cmds)
DB_HELP = (
    "database URL or SQLite file path (default: the station file's, else $ANTRE_DB, "
    "else antre.db in the data folder)"
)
STATION_HELP = "station settings file (default: station.toml in the data folder)"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="antre", description="Antre queue system: administration and testing tools."
    )
    _add_common(parser, default=None)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for area in AREAS:
        area.register(sub)
    for command in sub.choices.values():
        _add_common_everywhere(command)
    return parser


def _add_common(parser: argparse.ArgumentParser, *, default: object) -> None:
    parser.add_argument("--db", metavar="URL|FILE", default=default, help=DB_HELP)
    parser.add_argument("--station", metavar="FILE", default=default, help=STATION_HELP)


def _add_common_everywhere(parser: argparse.ArgumentParser) -> None:
    """--db and --station after the sub-command too (`antre status --db X`).

    SUPPRESS keeps a value given before the sub-command when none is given after it.
    """
    _add_common(parser, default=argparse.SUPPRESS)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for nested in action.choices.values():
                _add_common_everywhere(nested)


def main(argv: Sequence[str] | None = None) -> int:
    """Runs one command; known failures print one line on stderr and return 2."""
    use_private_umask()  # databases, backups and logs it creates are the owner's only
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        result: int = args.func(args)
        sys.stdout.flush()
    except AntreError as exc:
        lang = operator_language(getattr(args, "station", None))
        print(f"antre: {exc.words(lang)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _silence_stdout()  # `antre report | head`: the reader left; say nothing more
        return 1
    finally:
        target.close_databases()
    return result


def _silence_stdout() -> None:
    """Points stdout at the null device so the interpreter's final flush cannot fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is not a real file (tests capture it)
        pass
    finally:
        os.close(devnull)


if __name__ == "__main__":
    sys.exit(main())
