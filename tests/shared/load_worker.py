"""A worker process for the concurrency tests and benchmarks.

    python -m tests.shared.load_worker issue URL AGENCY COUNT
    python -m tests.shared.load_worker call URL COUNTER COUNT

Prints one JSON object: the numbers it got and every error message it saw.
"""

from __future__ import annotations

import json
import sys
import time

from shared import calling, tickets
from shared.db import Database
from shared.errors import AntreError, QueueError


def main(argv: list[str]) -> int:
    mode, url, target, count = argv[0], argv[1], argv[2], int(argv[3])
    db = Database(url)
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
