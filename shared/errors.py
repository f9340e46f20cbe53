"""Expected failures: each carries a message in plain words for the person at the screen."""

from __future__ import annotations


class AntreError(Exception):
    """A known, expected failure (bad input, closed agency, unreachable database...)."""


class ConfigError(AntreError):
    """A site or station file is missing, malformed or invalid."""


class DatabaseError(AntreError):
    """The database cannot be reached, opened or written."""


class QueueError(AntreError):
    """A queue operation is refused; `reason` is a stable code for screens and tests."""

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class NotFoundError(AntreError):
    """An unknown agency, counter, ticket or staff member."""


class PrinterError(AntreError):
    """The printer is unknown, unreachable, refused the job or ran out of paper."""
