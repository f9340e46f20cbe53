"""Expected failures. Each carries what to tell the person at the screen as a catalogue code
with its data (`said`), put into words by the surface in its audience's language
(shared/words); `str(error)` is the English text, for logs."""

from __future__ import annotations

from typing import Any

from shared.words import Lang, Said, words


class AntreError(Exception):
    """A known, expected failure (bad input, closed agency, unreachable database...).

    `AntreError("error.unknown_agency", code="XYZ")`: the first argument is a catalogue
    code (tests/shared/test_words.py checks every raise names one).
    """

    def __init__(self, code: str, /, **data: Any) -> None:
        super().__init__(code)
        self.said = Said(code, data)

    @property
    def code(self) -> str:
        return self.said.code

    def words(self, lang: Lang | str) -> str:
        """What to tell the person, in `lang`."""
        return words(lang, self.said)

    def __str__(self) -> str:
        return self.words(Lang.EN)


class ConfigError(AntreError):
    """A site or station file is missing, malformed or invalid."""


class DatabaseError(AntreError):
    """The database cannot be reached, opened or written."""


class QueueError(AntreError):
    """A queue operation is refused. `reason` is a stable short code for screens and tests
    ("empty", "stale", "break", ...); the catalogue code is "refusal.<reason>" unless given."""

    def __init__(self, reason: str, /, *, code: str | None = None, **data: Any) -> None:
        super().__init__(code or f"refusal.{reason}", **data)
        self.reason = reason


class BookingError(AntreError):
    """A booking is refused or cannot be checked in: bad input, a full slot, too early...

    `reason` is the code's last part ("early", "full", "phone"), stable for screens and tests.
    """

    @property
    def reason(self) -> str:
        return self.code.rsplit(".", 1)[-1]


class NotFoundError(AntreError):
    """An unknown agency, counter, ticket or staff member."""


class PrinterError(AntreError):
    """The printer is unknown, unreachable, refused the job or ran out of paper."""
