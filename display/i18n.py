"""The display's words, from the shared catalogue (shared/words, codes "display.*")."""

from __future__ import annotations

from datetime import datetime

from shared.dates import format_day
from shared.words import Lang, say


class Words:
    """The display's words in one language (Indonesian when unknown): `words["idle"]`."""

    def __init__(self, lang: str = "id") -> None:
        self.lang = Lang.of(lang)

    def __getitem__(self, key: str) -> str:
        return say(self.lang, f"display.{key}")

    def day_date(self, moment: datetime) -> str:
        """ "Jumat, 27 November 2026" """
        return format_day(moment.date(), self.lang)
