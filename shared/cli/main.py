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
    argwords,
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
from shared.words import Lang, Words

AREAS = (queue_cmds, print_cmds, reprint_cmds, voice_cmds, demo_cmds, where_cmds, skm_cmds)


def build_parser(lang: Lang = Lang.EN) -> argparse.ArgumentParser:
    """The whole `antre` parser, its help and messages in `lang`."""
    w = Words(lang)
    with argwords.speaking(lang):  # argparse words some texts while the parser is built
        parser = argparse.ArgumentParser(prog="antre", description=w("help.antre"))
        _add_common(parser, w, default=None)
        sub = parser.add_subparsers(dest="command", required=True, metavar=w("meta.command"))
        for area in AREAS:
            area.register(sub, w)
        for command in sub.choices.values():
            _add_common_everywhere(command, w)
    return parser


def _add_common(parser: argparse.ArgumentParser, w: Words, *, default: object) -> None:
    parser.add_argument("--db", metavar=w("meta.db"), default=default, help=w("help.db"))
    parser.add_argument("--station", metavar=w("meta.file"), default=default,
                        help=w("help.station"))


def _add_common_everywhere(parser: argparse.ArgumentParser, w: Words) -> None:
    """--db and --station after the sub-command too (`antre status --db X`).

    SUPPRESS keeps a value given before the sub-command when none is given after it.
    """
    _add_common(parser, w, default=argparse.SUPPRESS)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for nested in action.choices.values():
                _add_common_everywhere(nested, w)


def main(argv: Sequence[str] | None = None) -> int:
    """Runs one command; known failures print one line on stderr and return 2.

    Everything it says, --help and argparse's own errors included, is in the station's
    language (English where none is set), read from the --station given or the default file.
    """
    use_private_umask()  # databases, backups and logs it creates are the owner's only
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = operator_language(argwords.station_option(argv))
    parser = build_parser(lang)
    with argwords.speaking(lang):
        args = parser.parse_args(argv)
    args._lang = lang  # shared.cli.speak: the same language for every line it prints
    try:
        result: int = args.func(args)
        sys.stdout.flush()
    except AntreError as exc:
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
