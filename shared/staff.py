"""Staff members and their PINs (stored as salted scrypt hashes, never in plain text)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from shared import clock
from shared.db import Database
from shared.errors import AntreError
from shared.limits import column_length, text_problem
from shared.models import Counter, Event, Staff
from shared.pins import (  # noqa: F401 - the PIN API lives on here for existing callers
    PIN_MAX,
    PIN_MIN,
    PinHash,
    hash_pin,
    hash_problem,
    parse_hash,
    pin_problem,
    validate_pin,
    verify_pin,
)


@dataclass(frozen=True)
class StaffInfo:
    id: int
    name: str
    active: bool


def add_staff(db: Database, *, name: str, pin: str) -> StaffInfo:
    name = name.strip()
    if not name:
        raise AntreError("error.staff_no_name")
    problem = text_problem(name, max_len=column_length(Staff.name))
    if problem is not None:
        raise AntreError("error.staff_name", problem=problem)
    validate_pin(pin)
    stored = hash_pin(pin)  # ~100 ms: before the write lock, not under it
    with db.write() as session:
        if session.scalar(select(Staff.id).where(Staff.name == name)) is not None:
            raise AntreError("error.staff_exists", name=name)
        staff = Staff(name=name, pin_hash=stored, active=True,
                      created_at=clock.to_utc_naive(clock.now()))
        session.add(staff)
        session.flush()
        return StaffInfo(staff.id, staff.name, staff.active)


def list_staff(db: Database) -> list[StaffInfo]:
    with db.read() as session:
        rows = session.scalars(select(Staff).order_by(Staff.name))
        return [StaffInfo(s.id, s.name, s.active) for s in rows]


def authenticate(db: Database, *, name: str, pin: str) -> StaffInfo | None:
    """The active staff member `name` if `pin` is theirs, or None.

    This is only the check; sign-ins go through shared.signin, which adds the lockouts.
    """
    found = check_pin(db, name=name, pin=pin)
    return found[0] if found else None


def check_pin(db: Database, *, name: str, pin: str) -> tuple[StaffInfo, str] | None:
    """The active staff member `name` with their stored hash if `pin` is theirs, else None.

    One scrypt hash (~100 ms) per check: the staff member is named first, never found by
    trying the PIN against everyone's hash.
    """
    if pin_problem(pin) is not None:
        return None  # not a PIN at all: no need to spend a hash on it
    with db.read() as session:
        row = session.execute(
            select(Staff.id, Staff.pin_hash).where(Staff.name == name, Staff.active.is_(True))
        ).first()
    if row is None or not verify_pin(pin, row.pin_hash):
        return None
    return StaffInfo(row.id, name, True), row.pin_hash


@dataclass(frozen=True)
class SignInChoices:
    """Who may sign in at a console: the active staff by name, and who to offer first."""

    names: tuple[str, ...]
    usual: str | None  # the staff member who last worked at this counter, when still active


def sign_in_choices(db: Database, *, counter: int) -> SignInChoices:
    """The console's name list; `usual` is the newest staff member in this counter's
    events (their own calls and finishes), so they only type their PIN."""
    with db.read() as session:
        names = tuple(session.scalars(
            select(Staff.name).where(Staff.active.is_(True)).order_by(Staff.name)))
        usual = session.scalar(
            select(Staff.name)
            .join(Event, Event.staff_id == Staff.id)
            .join(Counter, Counter.id == Event.counter_id)
            .where(Counter.number == counter, Staff.active.is_(True))
            .order_by(Event.id.desc())
            .limit(1)
        )
    return SignInChoices(names, usual)
