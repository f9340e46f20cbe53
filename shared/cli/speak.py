"""What `antre` prints, in one language: the station's (its [station] language), English
when none is set; errors use the same choice (shared/cli/main.py)."""

from __future__ import annotations

import argparse
from typing import Any

from shared.words import Lang, say


def language(args: argparse.Namespace) -> Lang:
    """The station's language for this command (read once per command)."""
    lang = getattr(args, "_lang", None)
    if not isinstance(lang, Lang):
        from shared.station import operator_language

        lang = operator_language(getattr(args, "station", None))
        args._lang = lang
    return lang


def text(args: argparse.Namespace, code: str, /, **data: Any) -> str:
    return say(language(args), code, **data)


def out(args: argparse.Namespace, code: str, /, **data: Any) -> None:
    """Prints one catalogue line on stdout."""
    print(text(args, code, **data))


def source_words(args: argparse.Namespace, source: str) -> str:
    """Where the database choice came from ("--db", "$ANTRE_DB", "station file X", ...)."""
    if source.startswith("station file "):
        return text(args, "cli.where.source.station", path=source.removeprefix("station file "))
    if source == "default":
        return text(args, "cli.where.source.default")
    return source  # "--db", "$ANTRE_DB": the same in every language
