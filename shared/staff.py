"""Staff members and their PINs (stored as salted scrypt hashes, never in plain text)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import select

from shared import clock
from shared.db import Database
from shared.errors import AntreError
from shared.models import Staff

_N, _R, _P = 2**13, 8, 1


@dataclass(frozen=True)
class StaffInfo:
    id: int
    name: str
    active: bool


def hash_pin(pin: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=_N, r=_R, p=_P)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    candidate = hashlib.scrypt(pin.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p))
    return hmac.compare_digest(candidate.hex(), digest)


def validate_pin(pin: str) -> None:
    if not (pin.isdigit() and 4 <= len(pin) <= 8):
        raise AntreError("error.pin_format")


def add_staff(db: Database, *, name: str, pin: str) -> StaffInfo:
    name = name.strip()
    if not name:
        raise AntreError("error.staff_no_name")
    validate_pin(pin)
    with db.write() as session:
        if session.scalar(select(Staff.id).where(Staff.name == name)) is not None:
            raise AntreError("error.staff_exists", name=name)
        staff = Staff(name=name, pin_hash=hash_pin(pin), active=True,
                      created_at=clock.to_utc_naive(clock.now()))
        session.add(staff)
        session.flush()
        return StaffInfo(staff.id, staff.name, staff.active)


def list_staff(db: Database) -> list[StaffInfo]:
    with db.read() as session:
        rows = session.scalars(select(Staff).order_by(Staff.name))
        return [StaffInfo(s.id, s.name, s.active) for s in rows]


def authenticate(db: Database, *, pin: str, name: str | None = None) -> StaffInfo | None:
    """The active staff member whose PIN matches (optionally by name), or None."""
    with db.read() as session:
        query = select(Staff).where(Staff.active.is_(True))
        if name is not None:
            query = query.where(Staff.name == name)
        candidates = list(session.scalars(query))
    for staff in candidates:
        if verify_pin(pin, staff.pin_hash):
            return StaffInfo(staff.id, staff.name, staff.active)
    return None
