"""Who is at which counter: a signed-in console holds its counter with a heartbeat.

A console claims its counter at sign-in, beats every `HEARTBEAT_SECONDS`, and lets go at
sign-out or exit; a console that dies (SIGKILL, power cut, cable) simply stops beating and
its counter counts as closed after `TIMEOUT_SECONDS`. One staff member is at one counter:
a claim while the same person is alive elsewhere is answered with `Elsewhere`, and is made
only when the console asks to move.

Time: a long-running reader (the hall display) judges liveness with `LivenessJudge`, which
watches each counter's beat count change on its own monotonic clock, so a wall clock that
jumps an hour neither closes a live counter nor keeps a dead one open. One-shot readers (the
CLI, the kiosk's estimate) compare the last heartbeat with their wall clock in both
directions; after a jump they agree again from the next heartbeat on.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from shared import clock, lookups
from shared.db import Database
from shared.models import Counter, CounterPresence, Event, EventKind, Staff

HEARTBEAT_SECONDS = 2.0
TIMEOUT_SECONDS = 6.0  # three missed beats
TIMEOUT = timedelta(seconds=TIMEOUT_SECONDS)


@dataclass(frozen=True)
class Claim:
    """The console now holds the counter (`moved_from`: the counter the person left)."""

    counter: int
    console: str
    moved_from: int | None = None


@dataclass(frozen=True)
class Elsewhere:
    """Refused: the staff member is signed in at another counter whose console is alive."""

    counter: int
    since: datetime  # aware UTC


@dataclass(frozen=True)
class Presence:
    counter: int
    staff_id: int
    staff_name: str
    console: str
    since: datetime  # aware UTC
    beat: int
    heartbeat_at: datetime  # aware UTC, the console's wall clock


def fresh(heartbeat_at: datetime, moment: datetime) -> bool:
    """The heartbeat is recent by the wall clock (either way: a clock set back is no proof
    of life for an hour)."""
    return abs(moment - heartbeat_at) <= TIMEOUT


def _event(session: Session, kind: EventKind, at: datetime, counter_id: int, staff_id: int,
           detail: str = "") -> None:
    session.add(Event(at=at, kind=kind, counter_id=counter_id, staff_id=staff_id,
                      detail=detail))


def sign_in(db: Database, *, counter: int, staff_id: int, console: str, move: bool = False,
            now: datetime | None = None) -> Claim | Elsewhere:
    """Claims `counter` for this staff member and console.

    A console already at this counter (another person, or a stale one) is replaced; the
    same person alive at another counter gives `Elsewhere` unless `move` is set, which ends
    the presence there.
    """
    moment = now or clock.now()
    at = clock.to_utc_naive(moment)

    def work(session: Session) -> Claim | Elsewhere:
        row = lookups.counter_by_number(session, counter, for_update=True)
        mine = session.scalars(
            select(CounterPresence).where(CounterPresence.staff_id == staff_id)
        ).first()
        moved_from: int | None = None
        if mine is not None and mine.counter_id != row.id:
            other = session.get(Counter, mine.counter_id)
            other_number = other.number if other is not None else 0
            alive = fresh(clock.from_utc_naive(mine.heartbeat_at), moment)
            if alive and not move:
                return Elsewhere(other_number, clock.from_utc_naive(mine.since))
            _event(session, EventKind.SIGN_OUT, at, mine.counter_id, staff_id,
                   "moved" if alive else "timeout")
            session.delete(mine)
            moved_from = other_number if alive else None
        here = session.get(CounterPresence, row.id)
        if here is not None:
            _event(session, EventKind.SIGN_OUT, at, row.id, here.staff_id, "replaced")
            session.delete(here)
        session.flush()  # the deletes first: staff_id and counter_id are unique
        session.add(CounterPresence(counter_id=row.id, staff_id=staff_id, console=console,
                                    since=at, beat=0, heartbeat_at=at))
        _event(session, EventKind.SIGN_IN, at, row.id, staff_id)
        return Claim(row.number, console, moved_from)

    return db.run_write(work)


def heartbeat(db: Database, *, counter: int, console: str, now: datetime | None = None) -> bool:
    """Keeps the claim alive; False when this console no longer holds the counter (the
    person signed in elsewhere, or someone else signed in here)."""
    at = clock.to_utc_naive(now or clock.now())

    def work(session: Session) -> bool:
        row = lookups.counter_by_number(session, counter)
        result = session.execute(
            update(CounterPresence)
            .where(CounterPresence.counter_id == row.id, CounterPresence.console == console)
            .values(beat=CounterPresence.beat + 1, heartbeat_at=at)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    return db.run_write(work)


def sign_out(db: Database, *, counter: int, console: str, now: datetime | None = None) -> bool:
    """Lets go of the counter (False: this console did not hold it any more)."""
    at = clock.to_utc_naive(now or clock.now())

    def work(session: Session) -> bool:
        row = lookups.counter_by_number(session, counter)
        held = session.get(CounterPresence, row.id)
        if held is None or held.console != console:
            return False
        _event(session, EventKind.SIGN_OUT, at, row.id, held.staff_id)
        session.execute(delete(CounterPresence).where(CounterPresence.counter_id == row.id))
        return True

    return db.run_write(work)


def presences(session: Session) -> dict[int, Presence]:
    """Every claim, by counter number (alive or not: judge with `fresh` or a judge)."""
    rows = session.execute(
        select(Counter.number, CounterPresence.staff_id, Staff.name, CounterPresence.console,
               CounterPresence.since, CounterPresence.beat, CounterPresence.heartbeat_at)
        .join(Counter, Counter.id == CounterPresence.counter_id)
        .join(Staff, Staff.id == CounterPresence.staff_id)
    )
    return {
        number: Presence(number, staff_id, name, console, clock.from_utc_naive(since), beat,
                         clock.from_utc_naive(beat_at))
        for number, staff_id, name, console, since, beat, beat_at in rows
    }


def read_presences(db: Database) -> dict[int, Presence]:
    with db.read() as session:
        return presences(session)


@dataclass
class _Seen:
    console: str
    beat: int
    changed_at: float
    alive_at_first_sight: bool


class LivenessJudge:
    """Tells live consoles from dead ones by watching beats change on a monotonic clock.

    A beat seen for the first time is judged by the wall clock (`fresh`); from then on a
    console is alive while its beat keeps changing within `timeout` seconds of this
    process's monotonic clock. Not thread-safe: one judge per screen, used on one thread.
    """

    def __init__(self, *, timeout: float = TIMEOUT_SECONDS,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self._timeout = timeout
        self._monotonic = monotonic
        self._seen: dict[int, _Seen] = {}

    def alive(self, presence: Presence | None, *, counter: int, fresh_by_wall: bool) -> bool:
        tick = self._monotonic()
        if presence is None:
            self._seen.pop(counter, None)
            return False
        seen = self._seen.get(counter)
        if seen is None or seen.console != presence.console:
            self._seen[counter] = _Seen(presence.console, presence.beat, tick, fresh_by_wall)
            return fresh_by_wall
        if presence.beat != seen.beat:
            seen.beat, seen.changed_at, seen.alive_at_first_sight = presence.beat, tick, True
            return True
        return seen.alive_at_first_sight and tick - seen.changed_at <= self._timeout
