"""One translation layer for every surface: kiosk, display, console, printer and CLI.

The core never writes sentences. It returns codes with data (`Said`), raises errors that carry
them, and states reasons as codes; the surfaces turn them into words here, in the language of
their audience (`Lang`). Indonesian (`indonesian.py`) is the source catalogue, English
(`english.py`) is complete: tests/shared/test_words.py checks both have the same keys and the
same placeholders.

Placeholders are `str.format` fields, with two additions:
- a `Said` value is put into words itself (a refusal inside a kiosk notice);
- a format spec starting with "@" looks the value up as a catalogue code under that prefix:
  `{day:@weekday}` with day=4 reads "weekday.4" ("Jumat" / "Friday"),
  `{kind:@priority}` with kind="lansia" reads "priority.lansia".

Plain dicts in Python modules rather than gettext .po files: the catalogue is a few hundred
short entries, typed and checked by the tests, and the Qt-free core and CLI read it directly.
"""

from __future__ import annotations

import enum
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from shared.words import (
    booking_english,
    booking_indonesian,
    cli_english,
    cli_help_english,
    cli_help_indonesian,
    cli_indonesian,
    console_english,
    console_indonesian,
)
from shared.words.english import WORDS as _ENGLISH
from shared.words.indonesian import WORDS as _INDONESIAN

# Areas with many words of their own keep them in their own modules.
_ID = {**_INDONESIAN, **booking_indonesian.WORDS, **cli_indonesian.WORDS,
       **cli_help_indonesian.WORDS, **console_indonesian.WORDS}
_EN = {**_ENGLISH, **booking_english.WORDS, **cli_english.WORDS, **cli_help_english.WORDS,
       **console_english.WORDS}


class Lang(enum.StrEnum):
    """The languages every surface speaks: Bahasa Indonesia first, English second."""

    ID = "id"
    EN = "en"

    @classmethod
    def of(cls, value: str | None, default: Lang | None = None) -> Lang:
        """`value` as a Lang; `default` (Indonesian unless given) when it is None or unknown."""
        try:
            return cls(value or "")
        except ValueError:
            return default or cls.ID


CATALOGUES: Mapping[Lang, Mapping[str, str]] = {Lang.ID: _ID, Lang.EN: _EN}


@dataclass(frozen=True)
class Said:
    """Something to tell a person, as a catalogue code and its data (no words yet)."""

    code: str
    data: Mapping[str, Any] = field(default_factory=dict, hash=False)

    def words(self, lang: Lang | str) -> str:
        return words(lang, self)


class _Formatter(string.Formatter):
    def __init__(self, lang: Lang) -> None:
        super().__init__()
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, Said):
            return words(self.lang, value)
        if format_spec.startswith("@"):
            return say(self.lang, f"{format_spec[1:]}.{value}")
        return str(super().format_field(value, format_spec))


def known(code: str) -> bool:
    """Whether `code` is in the catalogue."""
    return code in _ID


def say(lang: Lang | str, code: str, /, **data: Any) -> str:
    """The words for `code` in `lang`, filled in with `data`. An unknown code is a bug
    (KeyError); tests keep every code the program uses in both catalogues."""
    text = CATALOGUES[Lang.of(lang)][code]
    # Always formatted, so "{{" reads "{" with or without data.
    return _Formatter(Lang.of(lang)).vformat(text, (), data)


def words(lang: Lang | str, said: Said) -> str:
    """A `Said` value in words."""
    return say(lang, said.code, **said.data)


class Words:
    """The catalogue bound to one language, for a screen: `w("kiosk.choose")`."""

    def __init__(self, lang: Lang | str = Lang.ID) -> None:
        self.lang = Lang.of(lang)

    def __call__(self, code: str, /, **data: Any) -> str:
        return say(self.lang, code, **data)

    def said(self, said: Said) -> str:
        return words(self.lang, said)


def agency_name(name: str, code: str = "") -> str:
    """An agency as people read it, written once and in one form everywhere (kiosk, ticket,
    console, display): the site's name ("DPMPTSP (Perizinan)"); the code only when the
    site gives no name. Never "name (CODE)" nor "CODE — name"."""
    return " ".join(name.split()) or code


def placeholders(text: str) -> set[tuple[str, str]]:
    """The (field, spec) pairs of a catalogue text, e.g. {("day", "@weekday")}."""
    return {
        (name, spec or "")
        for _, name, spec, _ in string.Formatter().parse(text)
        if name is not None
    }


__all__ = [
    "CATALOGUES",
    "Lang",
    "Said",
    "Words",
    "agency_name",
    "known",
    "placeholders",
    "say",
    "words",
]
