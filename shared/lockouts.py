"""Wrong-PIN lockouts kept in the database, so restarting an app does not reset them.

A subject (a counter, a staff member, a kiosk) is locked after `max_failures` wrong PINs in a
row; each further lockout lasts twice as long as the one before (up to `max_seconds`), until
a right PIN clears it. Every failure is recorded with its time (`lockouts.total_failures`,
`last_failure_at`) for the operator. Times are naive UTC like the rest of the schema.
"""

from __future__ import annotations

import enum
import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, tuple_, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from shared import clock
from shared.db import Database
from shared.models import Lockout


class Scope(enum.StrEnum):
    COUNTER = "counter"
    STAFF = "staff"
    KIOSK = "kiosk"


Subject = tuple[Scope, str]


@dataclass(frozen=True)
class Policy:
    max_failures: int
    base_seconds: int
    max_seconds: int

    def lock_seconds(self, strikes: int) -> int:
        """The length of lockout number `strikes + 1` in a row."""
        return int(min(self.max_seconds, self.base_seconds * 2 ** min(strikes, 20)))


CONSOLE_SIGN_IN = Policy(max_failures=5, base_seconds=60, max_seconds=15 * 60)
KIOSK_EXIT = Policy(max_failures=5, base_seconds=30, max_seconds=15 * 60)


@dataclass(frozen=True)
class LockState:
    """`seconds_left` > 0 while locked; `attempts_left` before the next lockout."""

    seconds_left: int
    attempts_left: int

    @property
    def locked(self) -> bool:
        return self.seconds_left > 0


def _now(now: datetime | None) -> datetime:
    return clock.to_utc_naive(now or clock.now())


def _state(rows: Sequence[Lockout], policy: Policy, at: datetime) -> LockState:
    left = 0.0
    attempts = policy.max_failures
    for row in rows:
        if row.locked_until is not None and row.locked_until > at:
            left = max(left, (row.locked_until - at).total_seconds())
        attempts = min(attempts, policy.max_failures - row.failures)
    return LockState(math.ceil(left), max(0, attempts))


def _rows(session: Session, subjects: Sequence[Subject], *, lock: bool = False) -> list[Lockout]:
    keys = [(str(scope), subject) for scope, subject in subjects]
    query = select(Lockout).where(tuple_(Lockout.scope, Lockout.subject).in_(keys))
    if lock:
        query = query.with_for_update()
    return list(session.scalars(query))


def _count_failure(row: Lockout, policy: Policy, at: datetime) -> None:
    row.total_failures += 1
    row.last_failure_at = at
    if row.locked_until is not None and row.locked_until > at:
        return  # a guess while locked is recorded, not counted again
    row.failures += 1
    if row.failures >= policy.max_failures:
        row.locked_until = at + timedelta(seconds=policy.lock_seconds(row.strikes))
        row.strikes += 1
        row.failures = 0


def lock_state(db: Database, subjects: Sequence[Subject], policy: Policy, *,
               now: datetime | None = None) -> LockState:
    """The strictest state over `subjects` (locked if any of them is)."""
    with db.read() as session:
        return _state(_rows(session, subjects), policy, _now(now))


def record_failure(db: Database, subjects: Sequence[Subject], policy: Policy, *,
                   now: datetime | None = None) -> LockState:
    """Counts one wrong PIN against every subject; locks those that reached the limit."""
    at = _now(now)

    def work(session: Session) -> LockState:
        insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
        for scope, subject in subjects:
            session.execute(insert(Lockout).values(
                scope=str(scope), subject=subject, failures=0, strikes=0, total_failures=0,
            ).on_conflict_do_nothing())
        rows = _rows(session, subjects, lock=True)
        for row in rows:
            _count_failure(row, policy, at)
        session.flush()
        return _state(rows, policy, at)

    return db.run_write(work)


def record_success(db: Database, subjects: Sequence[Subject]) -> None:
    """A right PIN: the subjects start again with a clean slate (totals are kept)."""
    keys = [(str(scope), subject) for scope, subject in subjects]

    def work(session: Session) -> None:
        session.execute(
            update(Lockout)
            .where(tuple_(Lockout.scope, Lockout.subject).in_(keys))
            .values(failures=0, strikes=0, locked_until=None)
        )

    db.run_write(work)


class MemoryLockouts:
    """The same rules kept in this process only: for when the database cannot be reached
    (the kiosk's exit PIN still has a limit while the server is down)."""

    def __init__(self) -> None:
        self._rows: dict[tuple[str, str], Lockout] = {}
        self._lock = threading.Lock()

    def _row(self, scope: Scope, subject: str) -> Lockout:
        key = (str(scope), subject)
        if key not in self._rows:
            self._rows[key] = Lockout(scope=key[0], subject=subject, failures=0, strikes=0,
                                      total_failures=0)
        return self._rows[key]

    def state(self, subjects: Sequence[Subject], policy: Policy, *,
              now: datetime | None = None) -> LockState:
        with self._lock:
            return _state([self._row(*s) for s in subjects], policy, _now(now))

    def failure(self, subjects: Sequence[Subject], policy: Policy, *,
                now: datetime | None = None) -> LockState:
        at = _now(now)
        with self._lock:
            rows = [self._row(*s) for s in subjects]
            for row in rows:
                _count_failure(row, policy, at)
            return _state(rows, policy, at)

    def success(self, subjects: Sequence[Subject]) -> None:
        with self._lock:
            for scope, subject in subjects:
                row = self._row(scope, subject)
                row.failures, row.strikes, row.locked_until = 0, 0, None
