"""Staff members and their PINs (stored as salted scrypt hashes, never in plain text)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from shared import clock
from shared.db import Database
from shared.errors import AntreError
from shared.limits import column_length, text_problem
from shared.models import Staff
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


def authenticate(db: Database, *, pin: str, name: str | None = None) -> StaffInfo | None:
    """The active staff member whose PIN matches (optionally by name), or None.

    This is only the check; sign-ins go through shared.signin, which adds the lockouts.
    """
    found = find_by_pin(db, pin=pin, name=name)
    return found[0] if found else None


def find_by_pin(db: Database, *, pin: str, name: str | None = None
                ) -> tuple[StaffInfo, str] | None:
    """The active staff member whose PIN matches, with the stored hash, or None."""
    if pin_problem(pin) is not None:
        return None  # not a PIN at all: no need to spend a hash on it
    with db.read() as session:
        query = select(Staff.id, Staff.name, Staff.pin_hash).where(Staff.active.is_(True))
        if name is not None:
            query = query.where(Staff.name == name)
        candidates = list(session.execute(query))
    for staff_id, staff_name, stored in candidates:
        if verify_pin(pin, stored):
            return StaffInfo(staff_id, staff_name, True), stored
    return None
