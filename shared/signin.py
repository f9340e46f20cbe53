"""Signing in with a PIN where lockouts hold: a console's staff sign-in and the kiosk's exit.

Both check the lock first (a locked subject's PIN is not even hashed), then the PIN, then
record the outcome in the database (shared.lockouts), so restarting an app resets nothing.
A right PIN stored with an older scrypt cost is re-hashed at the current cost.
"""

from __future__ import annotations

import logging
import socket
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import update

from shared import lockouts
from shared.db import Database
from shared.errors import DatabaseError
from shared.lockouts import CONSOLE_SIGN_IN, KIOSK_EXIT, LockState, MemoryLockouts, Scope, Subject
from shared.models import Staff
from shared.staff import StaffInfo, check_pin, hash_pin, parse_hash, verify_pin

log = logging.getLogger("antre.signin")
_OFFLINE = MemoryLockouts()


@dataclass(frozen=True)
class SignInResult:
    """`staff` is who signed in (None: refused); `lock` says whether and how long it is locked."""

    staff: StaffInfo | None
    lock: LockState


@dataclass(frozen=True)
class ExitResult:
    granted: bool
    lock: LockState


def console_sign_in(db: Database, *, name: str, pin: str, counter: int,
                    now: datetime | None = None) -> SignInResult:
    """A console's sign-in by a named staff member: one PIN hash, locked per counter and per
    staff member (a locked subject's PIN is not even hashed)."""
    subjects: list[Subject] = [(Scope.COUNTER, str(counter)), (Scope.STAFF, name)]
    state = lockouts.lock_state(db, subjects, CONSOLE_SIGN_IN, now=now)
    if state.locked:
        return SignInResult(None, state)
    found = check_pin(db, name=name, pin=pin)
    if found is None:
        log.warning("wrong PIN at the sign-in of counter %d", counter)
        return SignInResult(None, lockouts.record_failure(db, subjects, CONSOLE_SIGN_IN, now=now))
    who, stored = found
    lockouts.record_success(db, subjects)
    upgrade_hash(db, who, pin, stored)
    return SignInResult(who, LockState(0, CONSOLE_SIGN_IN.max_failures))


def upgrade_hash(db: Database, who: StaffInfo, pin: str, stored: str) -> bool:
    """Re-hashes a PIN stored with an older cost (unless it was changed meanwhile)."""
    if not parse_hash(stored).outdated:
        return False
    fresh = hash_pin(pin)
    with db.write() as session:
        session.execute(update(Staff).where(Staff.id == who.id, Staff.pin_hash == stored)
                        .values(pin_hash=fresh))
    log.info("PIN hash of staff #%d upgraded to the current scrypt cost", who.id)
    return True


def station_name() -> str:
    """This PC's name: kiosks sharing one database keep separate exit lockouts."""
    return socket.gethostname()[:100] or "kiosk"


def kiosk_exit(db: Database, *, pin: str, stored: str, station: str,
               now: datetime | None = None) -> ExitResult:
    """The kiosk's exit PIN against the station file's hash, locked per station.

    With the database unreachable the same limits hold in this process's memory.
    """
    subjects: list[Subject] = [(Scope.KIOSK, station)]
    try:
        state = lockouts.lock_state(db, subjects, KIOSK_EXIT, now=now)
    except DatabaseError as error:
        log.warning("exit PIN lockout kept in memory: %s", error)
        return _kiosk_exit_offline(subjects, pin, stored, now)
    if state.locked:
        return ExitResult(False, state)
    if not verify_pin(pin, stored):
        log.warning("wrong kiosk exit PIN on %s", station)
        return ExitResult(False, lockouts.record_failure(db, subjects, KIOSK_EXIT, now=now))
    lockouts.record_success(db, subjects)
    return ExitResult(True, LockState(0, KIOSK_EXIT.max_failures))


def _kiosk_exit_offline(subjects: list[Subject], pin: str, stored: str,
                        now: datetime | None) -> ExitResult:
    state = _OFFLINE.state(subjects, KIOSK_EXIT, now=now)
    if state.locked:
        return ExitResult(False, state)
    if not verify_pin(pin, stored):
        return ExitResult(False, _OFFLINE.failure(subjects, KIOSK_EXIT, now=now))
    _OFFLINE.success(subjects)
    return ExitResult(True, LockState(0, KIOSK_EXIT.max_failures))
