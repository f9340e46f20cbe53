"""Another process's write landing at an exact moment of a read: after its first SELECT."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy import event

from shared.db import Database


@contextlib.contextmanager
def write_after_first_select(db: Database, write: Callable[[Database], object]) -> Iterator[None]:
    """Runs `write` once, on its own Database (its own connection, as another console's
    would be), right after the first SELECT that `db` runs inside the block. A screen that
    reads its state in one transaction does not see it until its next read."""
    other = Database(db.url)
    done: list[bool] = []

    def after(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not done and statement.lstrip().upper().startswith("SELECT"):
            done.append(True)
            write(other)

    event.listen(db.engine, "after_cursor_execute", after)
    try:
        yield
    finally:
        event.remove(db.engine, "after_cursor_execute", after)
        other.dispose()
    assert done, "the read ran no SELECT: nothing was written between its statements"
