"""Wrong-PIN lockouts live in the database: they survive a restart and grow with each lockout."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from shared import staff
from shared.db import Database
from shared.lockouts import CONSOLE_SIGN_IN, Scope, lock_state, record_failure, record_success
from shared.models import Lockout, Staff
from shared.signin import console_sign_in, kiosk_exit

T0 = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
COUNTER_1 = [(Scope.COUNTER, "1")]


def test_lockout_holds_across_a_reopened_database_and_doubles(any_db: Database) -> None:
    for i in range(4):
        assert record_failure(any_db, COUNTER_1, CONSOLE_SIGN_IN, now=T0).attempts_left == 4 - i
    assert record_failure(any_db, COUNTER_1, CONSOLE_SIGN_IN, now=T0).seconds_left == 60
    reopened = Database(any_db.url)  # a restarted console: a new engine, nothing in memory
    try:
        assert lock_state(reopened, COUNTER_1, CONSOLE_SIGN_IN,
                          now=T0 + timedelta(seconds=59)).locked
        later = T0 + timedelta(seconds=61)
        assert not lock_state(reopened, COUNTER_1, CONSOLE_SIGN_IN, now=later).locked
        for _ in range(5):
            state = record_failure(reopened, COUNTER_1, CONSOLE_SIGN_IN, now=later)
        assert state.seconds_left == 120  # the second lockout in a row lasts twice as long
        record_success(reopened, COUNTER_1)
        assert lock_state(reopened, COUNTER_1, CONSOLE_SIGN_IN, now=later) == state.__class__(0, 5)
        with reopened.read() as session:
            row = session.scalars(select(Lockout)).one()
            assert (row.scope, row.subject, row.total_failures) == ("counter", "1", 10)
    finally:
        reopened.dispose()


def test_console_sign_in_is_locked_per_counter_and_per_staff_member(db: Database) -> None:
    siti = staff.add_staff(db, name="Siti Aminah", pin="4821")
    budi = staff.add_staff(db, name="Budi", pin="2468")
    for _ in range(5):
        assert console_sign_in(db, name="Siti Aminah", pin="0000", counter=3, now=T0).staff is None
    # The counter is locked, even for someone else's right PIN...
    locked = console_sign_in(db, name="Budi", pin="2468", counter=3, now=T0)
    assert locked.staff is None and locked.lock.seconds_left == 60
    # ...and her own lock follows her to another counter, where others still sign in.
    assert console_sign_in(db, name="Siti Aminah", pin="4821", counter=4, now=T0).staff is None
    assert console_sign_in(db, name="Budi", pin="2468", counter=4, now=T0).staff == budi
    later = T0 + timedelta(seconds=61)
    assert console_sign_in(db, name="Siti Aminah", pin="4821", counter=4, now=later).staff == siti


def test_an_old_hash_is_upgraded_at_the_next_sign_in(db: Database) -> None:
    who = staff.add_staff(db, name="Budi", pin="2468")
    salt = b"0123456789abcdef"
    digest = hashlib.scrypt(b"2468", salt=salt, n=8192, r=8, p=1)
    old = f"scrypt$8192$8$1${salt.hex()}${digest.hex()}"
    with db.write() as session:
        row = session.get(Staff, who.id)
        assert row is not None
        row.pin_hash = old
    assert console_sign_in(db, name="Budi", pin="2468", counter=1).staff == who
    with db.read() as session:
        stored = session.get(Staff, who.id).pin_hash  # type: ignore[union-attr]
    assert stored != old and not staff.parse_hash(stored).outdated
    assert console_sign_in(db, name="Budi", pin="2468", counter=1).staff == who


def test_kiosk_exit_is_limited_per_station(db: Database) -> None:
    stored = staff.hash_pin("2468")
    results = [kiosk_exit(db, pin="1111", stored=stored, station="kiosk-lobby", now=T0)
               for _ in range(5)]
    assert [r.lock.attempts_left for r in results[:4]] == [4, 3, 2, 1]
    assert results[-1].lock.seconds_left == 30
    assert not kiosk_exit(db, pin="2468", stored=stored, station="kiosk-lobby", now=T0).granted
    assert kiosk_exit(db, pin="2468", stored=stored, station="kiosk-2", now=T0).granted
    assert kiosk_exit(db, pin="2468", stored=stored, station="kiosk-lobby",
                      now=T0 + timedelta(seconds=31)).granted


def test_kiosk_exit_keeps_its_limit_in_memory_without_a_database(tmp_path) -> None:  # type: ignore[no-untyped-def]
    gone = Database(f"sqlite:///{tmp_path / 'missing' / 'antre.db'}")
    stored = staff.hash_pin("2468")
    for _ in range(5):
        result = kiosk_exit(gone, pin="1111", stored=stored, station="offline", now=T0)
    assert result.lock.locked
    assert not kiosk_exit(gone, pin="2468", stored=stored, station="offline", now=T0).granted
    gone.dispose()
