"""Ticket numbers: one atomic upsert per ticket on (agency, day), safe across processes."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from sqlalchemy import Connection, Table, bindparam
from sqlalchemy.dialects import postgresql, sqlite

from shared.models import DailyNumber


def take_next_seq(connection: Connection, *, service_id: int, day: date) -> int:
    """Increments and returns the agency's number for `day` (1 for the first ticket).

    INSERT ... ON CONFLICT DO UPDATE ... RETURNING runs as one statement, so two
    processes can never read the same value; UNIQUE(service, day, seq) on tickets backs it.
    """
    statement = _UPSERT[connection.dialect.name == "postgresql"]
    params = {"service_id": service_id, "day": day, "last_seq": 1}
    return int(connection.execute(statement, params).scalar_one())


def _upsert(insert: Any) -> Any:
    """Built once per dialect (compiled once, then cached), on the table: no ORM overhead."""
    table = cast(Table, DailyNumber.__table__)
    return (
        insert(table)
        .values(service_id=bindparam("service_id"), day=bindparam("day"), last_seq=1)
        .on_conflict_do_update(
            index_elements=[table.c.service_id, table.c.day],
            set_={"last_seq": table.c.last_seq + 1},
        )
        .returning(table.c.last_seq)
    )


_UPSERT = {False: _upsert(sqlite.insert), True: _upsert(postgresql.insert)}


def format_number(prefix: str, seq: int) -> str:
    """A012: the prefix letter and at least three digits."""
    return f"{prefix}{seq:03d}"
