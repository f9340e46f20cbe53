"""argparse in the station's language: its own words ("usage:", "the following arguments are
required: ...") and ours (help texts, metavars) from the one catalogue.

argparse looks its messages up at run time through the module-level `_` (gettext) and
`ngettext`. Shipping compiled gettext catalogues for a dozen short texts would add a build step,
so while a parser formats help or an error, `speaking(lang)` puts a lookup into our catalogue
in their place. argparse's texts not listed here (developer errors, newer Python messages) stay
English. The CLI is one thread; the old functions come back when the block ends.
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from shared.words import CATALOGUES, Lang, Words

# argparse's message ids (as in CPython 3.11-3.13) -> our codes.
_MESSAGES = {
    "usage: ": "argparse.usage",
    "positional arguments": "argparse.positionals",
    "options": "argparse.options",
    "subcommands": "argparse.subcommands",
    "show this help message and exit": "argparse.help",
    "%(prog)s: error: %(message)s\n": "argparse.error",
    "argument %(argument_name)s: %(message)s": "argparse.argument",
    "the following arguments are required: %s": "argparse.required",
    "one of the arguments %s is required": "argparse.one_required",
    "unrecognized arguments: %s": "argparse.unrecognized",
    "invalid choice: %(value)r (choose from %(choices)s)": "argparse.invalid_choice",
    "invalid %(type)s value: %(value)r": "argparse.invalid_value",
    "expected one argument": "argparse.expected_one",
    "expected at most one argument": "argparse.expected_at_most_one",
    "expected at least one argument": "argparse.expected_at_least_one",
    "not allowed with argument %s": "argparse.not_allowed",
    "ambiguous option: %(option)s could match %(matches)s": "argparse.ambiguous",
    "ignored explicit argument %r": "argparse.ignored",
    "can't open '%(filename)s': %(error)s": "argparse.cant_open",
}


def translator(lang: Lang) -> Callable[[str], str]:
    """argparse's `_` for `lang`: the catalogue's text, raw (argparse fills in its %-fields),
    or the message itself when the catalogue does not know it."""
    catalogue = CATALOGUES[lang]

    def gettext(message: str) -> str:
        code = _MESSAGES.get(message)
        return catalogue[code] if code else message

    return gettext


@contextlib.contextmanager
def speaking(lang: Lang) -> Iterator[None]:
    """While the block runs, argparse's own messages are in `lang`."""
    module: Any = argparse
    saved = module._, module.ngettext
    gettext = translator(lang)

    def ngettext(singular: str, plural: str, n: int) -> str:
        return gettext(singular if n == 1 else plural)

    module._, module.ngettext = gettext, ngettext
    try:
        yield
    finally:
        module._, module.ngettext = saved


def station_option(argv: list[str]) -> str | None:
    """The --station value given anywhere on the command line (before the parser exists: the
    station file decides the language the parser speaks)."""
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--station" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--station="):
            return arg.removeprefix("--station=")
    return None


def date_type(w: Words) -> Callable[[str], date]:
    """An argparse `type` reading YYYY-MM-DD, refusing in `w`'s language."""

    def parse(text: str) -> date:
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise argparse.ArgumentTypeError(w("help.bad_date", text=text)) from None

    parse.__name__ = "date"
    return parse
