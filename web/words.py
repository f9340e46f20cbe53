"""The page language and the web's words (catalogue codes `web.*` in shared/words)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from shared.words import Lang, say

LANGUAGES = tuple(lang.value for lang in Lang)


@dataclass(frozen=True)
class Words:
    """`w("counter", n=3)` in templates reads the catalogue code `web.counter`."""

    lang: str

    def __call__(self, key: str, **values: object) -> str:
        if not values:
            return _plain(self.lang, key)  # most words of a live page: read once
        return say(self.lang, f"web.{key}", **values)

    @property
    def other(self) -> str:
        return Lang.EN.value if self.lang == Lang.ID else Lang.ID.value


@cache
def _plain(lang: str, key: str) -> str:
    return say(lang, f"web.{key}")


def pick_language(query: str | None, cookie: str | None) -> str:
    for candidate in (query, cookie):
        if candidate in LANGUAGES:
            return str(candidate)
    return Lang.ID.value
