"""The database identity: a random token that tells a replaced database from the old one.

`antre init` writes it when it creates the schema (migration 0004) and `antre restore` writes a
new one into what it restores, so every app's change watcher sees that the database it follows
is no longer the one it loaded, and loads everything again.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from shared.models import DatabaseIdentity


def new_token() -> str:
    return secrets.token_hex(16)


def read_token(session: Session) -> str:
    """The current token ("" for a database from before the identity existed)."""
    return session.scalar(select(DatabaseIdentity.token).where(DatabaseIdentity.id == 1)) or ""


def renew(session: Session) -> str:
    """Gives the database a new identity (after its content was replaced); returns it."""
    token = new_token()
    now = datetime.now(UTC).replace(tzinfo=None)
    row = session.get(DatabaseIdentity, 1)
    if row is None:
        session.add(DatabaseIdentity(id=1, token=token, created_at=now))
    else:
        row.token, row.created_at = token, now
    return token
