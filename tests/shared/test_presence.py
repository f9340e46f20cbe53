"""Counter presence: one staff member at one counter, heartbeats, and liveness that survives
a wall clock jumping an hour."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from shared import presence, staff, status
from shared.db import Database
from shared.models import Event, EventKind
from shared.presence import Claim, Elsewhere, LivenessJudge

WIB = ZoneInfo("Asia/Jakarta")
NINE = datetime(2026, 11, 23, 9, 0, tzinfo=WIB)


def at(seconds: float) -> datetime:
    return NINE + timedelta(seconds=seconds)


def counters(db: Database, seconds: float) -> dict[int, tuple[str, str | None]]:
    snap = status.snapshot(db, now=at(seconds), with_tickets=False)
    return {c.number: (c.state, c.staff) for c in snap.counters}


def test_sign_in_heartbeat_timeout_and_sign_out(any_db: Database) -> None:
    rina = staff.add_staff(any_db, name="Rina", pin="1234")
    assert counters(any_db, 0)[1] == ("closed", None)  # nobody there: never "ready"
    claim = presence.sign_in(any_db, counter=1, staff_id=rina.id, console="c1", now=at(0))
    assert claim == Claim(1, "c1")
    assert counters(any_db, 1)[1] == ("idle", "Rina")
    assert presence.heartbeat(any_db, counter=1, console="c1", now=at(5))
    assert counters(any_db, 10)[1] == ("idle", "Rina")
    # No heartbeat for longer than the timeout: closed, whoever was there.
    assert counters(any_db, 5 + presence.TIMEOUT_SECONDS + 1)[1] == ("closed", None)
    assert presence.sign_out(any_db, counter=1, console="c1", now=at(20))
    assert not presence.sign_out(any_db, counter=1, console="c1", now=at(21))
    with any_db.read() as session:
        kinds = list(session.scalars(select(Event.kind).order_by(Event.id)))
    assert kinds[-2:] == [EventKind.SIGN_IN, EventKind.SIGN_OUT]


def test_one_person_one_counter_moving_ends_the_first(any_db: Database) -> None:
    rina = staff.add_staff(any_db, name="Rina", pin="1234")
    presence.sign_in(any_db, counter=1, staff_id=rina.id, console="c1", now=at(0))
    refused = presence.sign_in(any_db, counter=3, staff_id=rina.id, console="c3", now=at(1))
    assert refused == Elsewhere(1, at(0))
    assert counters(any_db, 1)[3] == ("closed", None)
    moved = presence.sign_in(any_db, counter=3, staff_id=rina.id, console="c3", move=True,
                             now=at(2))
    assert moved == Claim(3, "c3", moved_from=1)
    assert counters(any_db, 2)[1] == ("closed", None)
    assert counters(any_db, 2)[3] == ("idle", "Rina")
    # The first console learns it no longer holds loket 1 at its next beat.
    assert not presence.heartbeat(any_db, counter=1, console="c1", now=at(3))
    assert presence.heartbeat(any_db, counter=3, console="c3", now=at(3))


def test_a_dead_console_elsewhere_does_not_block_signing_in(any_db: Database) -> None:
    rina = staff.add_staff(any_db, name="Rina", pin="1234")
    presence.sign_in(any_db, counter=1, staff_id=rina.id, console="c1", now=at(0))
    later = presence.sign_in(any_db, counter=2, staff_id=rina.id, console="c2", now=at(60))
    assert later == Claim(2, "c2", moved_from=None)
    with any_db.read() as session:
        detail = session.scalars(
            select(Event.detail).where(Event.kind == EventKind.SIGN_OUT)
        ).one()
    assert detail == "timeout"


def test_someone_else_signing_in_here_replaces_the_console(any_db: Database) -> None:
    rina = staff.add_staff(any_db, name="Rina", pin="1234")
    budi = staff.add_staff(any_db, name="Budi", pin="5678")
    presence.sign_in(any_db, counter=1, staff_id=rina.id, console="c1", now=at(0))
    assert presence.sign_in(any_db, counter=1, staff_id=budi.id, console="c9", now=at(1)) \
        == Claim(1, "c9")
    assert counters(any_db, 1)[1] == ("idle", "Budi")
    assert not presence.heartbeat(any_db, counter=1, console="c1", now=at(2))


class Ticks:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_judge_follows_beats_not_the_wall_clock(db: Database) -> None:
    """The wall clock jumps an hour both ways; beats keep coming, then stop."""
    rina = staff.add_staff(db, name="Rina", pin="1234")
    presence.sign_in(db, counter=1, staff_id=rina.id, console="c1", now=at(0))
    ticks = Ticks()
    judge = LivenessJudge(monotonic=ticks)

    def alive(wall: datetime) -> bool:
        seen = presence.read_presences(db).get(1)
        wall_fresh = seen is not None and presence.fresh(seen.heartbeat_at, wall)
        return judge.alive(seen, counter=1, fresh_by_wall=wall_fresh)

    assert alive(at(1))
    for step, wall in enumerate((at(3600), at(3602), at(-3600), at(-3598)), start=1):
        ticks.now += 2
        presence.heartbeat(db, counter=1, console="c1", now=wall)
        # The display's own wall clock is an hour off the other way: still alive.
        assert alive(at(-3600 * (-1) ** step)), step
    ticks.now += presence.TIMEOUT_SECONDS - 0.5
    assert alive(at(0))  # silent, but not for long enough
    ticks.now += 1
    assert not alive(at(-3598))  # the console stopped beating: closed, despite a fresh stamp
    presence.sign_out(db, counter=1, console="c1")
    assert not alive(at(0))
