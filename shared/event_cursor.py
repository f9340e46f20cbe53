"""Which events are news to a reader (the hall display, the phone pages' hub), when events
may commit out of id order.

On PostgreSQL an event's id comes from a sequence when the event is written, not when its
transaction commits: a recall written at loket 1 (id 41) can commit just after a call at
loket 3 (id 42). A reader that then read "after 42" never saw 41: the recall never showed,
an undo never took its call off the board, a phone kept "waiting" for a called ticket. So on
PostgreSQL a reader reads again the last `LOOKBACK` ids before the newest it has seen, and
keeps the ids it has already taken. SQLite's writers take turns (BEGIN IMMEDIATE), so ids
commit in order: no lookback there (`for_database`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar

LOOKBACK = 64  # far more events than can be written while one transaction is still open


class _Event(Protocol):
    @property
    def id(self) -> int: ...


E = TypeVar("E", bound=_Event)


class Cursor:
    """Where the next read starts, and which of the events it brings are new."""

    def __init__(self, lookback: int = 0) -> None:
        self.lookback = lookback
        self.newest = 0  # the newest event id seen
        self._floor = 0  # events at or below it are all known
        self._seen: set[int] = set()  # events above the floor already taken

    @classmethod
    def for_database(cls, is_sqlite: bool) -> Cursor:
        return cls(0 if is_sqlite else LOOKBACK)

    def restart(self, newest: int, calls: Sequence[_Event] = ()) -> None:
        """After a full load: every event up to `newest` is history."""
        self.newest = max([newest, *(c.id for c in calls)])
        self._floor = self.newest
        self._seen = set()

    def after(self) -> int:
        """The id the next read starts after."""
        return max(self._floor, self.newest - self.lookback)

    def known(self) -> frozenset[int]:
        """The events above `after()` that were already taken (a reader leaves them out)."""
        return frozenset(self._seen)

    def take(self, calls: Sequence[E]) -> list[E]:
        """The events of a read that were not taken before, oldest first."""
        fresh = [c for c in calls if c.id > self._floor and c.id not in self._seen]
        self.take_ids(c.id for c in fresh)
        return fresh

    def take_ids(self, ids: Iterable[int]) -> None:
        """Marks events as taken (read and acted on)."""
        self._seen.update(ids)
        self.newest = max([self.newest, *self._seen])
        self._floor = max(self._floor, self.newest - self.lookback)
        self._seen = {i for i in self._seen if i > self._floor}
