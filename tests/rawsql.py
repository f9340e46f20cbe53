"""Plain sqlite3 access for tests that look under the ORM."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from typing import Any


@contextlib.contextmanager
def raw_sqlite(*args: Any, **kwargs: Any) -> Iterator[sqlite3.Connection]:
    """A sqlite3 connection that commits at the end, as `with sqlite3.connect(...)` does, and
    is also closed (which that form is not: Python 3.13 warns of the unclosed connection)."""
    conn = sqlite3.connect(*args, **kwargs)
    try:
        with conn:
            yield conn
    finally:
        conn.close()
