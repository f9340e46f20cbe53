"""A worker process for the concurrency tests and benchmarks.

    python -m tests.shared.load_worker issue URL AGENCY COUNT
    python -m tests.shared.load_worker call URL COUNTER COUNT
    python -m tests.shared.load_worker watch URL STOPFILE 0

`watch` polls like a display's change watcher until STOPFILE exists and reports how often it
saw the database replaced.

Prints one JSON object: the numbers it got and every error message it saw.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from shared import calling, tickets
from shared.changes import ChangeProbe
from shared.db import Database
from shared.errors import AntreError, QueueError


def watch(db: Database, stop: Path) -> dict[str, object]:
    probe = ChangeProbe(db)
    identities: list[str] = []
    newest: list[int] = []
    errors: list[str] = []
    while not stop.exists():
        try:
            mark = probe.poll()
        except AntreError as error:
            errors.append(str(error))
        else:
            if not identities or identities[-1] != mark.identity:
                identities.append(mark.identity)
            newest.append(mark.newest)
        time.sleep(0.01)
    probe.close()
    return {"identities": len(identities), "errors": errors, "polls": len(newest)}


def main(argv: list[str]) -> int:
    mode, url, target, count = argv[0], argv[1], argv[2], int(argv[3])
    db = Database(url)
    if mode == "watch":
        print(json.dumps(watch(db, Path(target))))
        db.dispose()
        return 0
    numbers: list[str] = []
    errors: list[str] = []
    empty = 0
    started = time.perf_counter()
    for _ in range(count):
        try:
            if mode == "issue":
                numbers.append(tickets.issue_ticket(db, service=target).ticket.number)
            else:
                result = calling.call_next(db, counter=int(target))
                if result.ticket is not None:
                    numbers.append(result.ticket.number)
        except QueueError as error:
            if error.reason != "empty":
                errors.append(str(error))
            empty += 1
        except AntreError as error:
            errors.append(str(error))
    elapsed = time.perf_counter() - started
    db.dispose()
    print(json.dumps({"numbers": numbers, "errors": errors, "empty": empty, "seconds": elapsed}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
