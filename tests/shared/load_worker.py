"""A worker process for the concurrency tests and benchmarks: one loop, timed per operation.

    python -m tests.shared.load_worker issue URL AGENCY COUNT [--go] [--progress N]
    python -m tests.shared.load_worker call URL COUNTER COUNT [--go] [--progress N]
    python -m tests.shared.load_worker watch URL - 0

`--go`: print "ready" once connected, then wait for a line on stdin before starting, so a
benchmark starts every worker at once. `--progress N`: print "progress" after N operations,
so a test can wait on the pipe for work to be under way. `watch` polls like a display's
change watcher until a line (or end of file) comes on stdin, and reports how often it saw the
database replaced. The last line printed is one JSON object: the numbers it got, every error
message it saw, the time of each operation.
"""

from __future__ import annotations

import argparse
import json
import select
import sys
import time
from typing import Any

from shared import calling, tickets
from shared.changes import ChangeProbe
from shared.db import Database
from shared.errors import AntreError, QueueError

WATCH_INTERVAL = 0.01  # seconds between a watcher's polls (it waits on stdin meanwhile)


def last_json(out: str) -> dict[str, Any]:
    """A worker's result: the last line it printed."""
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


def told_to_stop(timeout: float) -> bool:
    """Waits up to `timeout` for a line (or end of file) on stdin: the pipe, not a file."""
    ready, _, _ = select.select([sys.stdin], [], [], timeout)
    return bool(ready)


def watch(db: Database) -> dict[str, object]:
    probe = ChangeProbe(db)
    identities: list[str] = []
    polls = 0
    errors: list[str] = []
    while True:
        try:
            mark = probe.poll()
        except AntreError as error:
            errors.append(str(error))
        else:
            if not identities or identities[-1] != mark.identity:
                identities.append(mark.identity)
            polls += 1
        if told_to_stop(WATCH_INTERVAL):
            break
    probe.close()
    return {"identities": len(identities), "errors": errors, "polls": polls}


def work(db: Database, mode: str, target: str, count: int, progress: int) -> dict[str, object]:
    numbers: list[str] = []
    errors: list[str] = []
    times: list[float] = []
    empty = 0
    started = time.perf_counter()
    for done in range(count):
        begun = time.perf_counter()
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
        times.append(time.perf_counter() - begun)
        if done + 1 == progress:
            print("progress", flush=True)
    return {"mode": mode, "numbers": numbers, "errors": errors, "empty": empty,
            "seconds": time.perf_counter() - started, "times": times}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=("issue", "call", "watch"))
    parser.add_argument("url")
    parser.add_argument("target")
    parser.add_argument("count", type=int)
    parser.add_argument("--go", action="store_true")
    parser.add_argument("--progress", type=int, default=0)
    args = parser.parse_args(argv)
    db = Database(args.url)
    if args.mode == "watch":
        result = watch(db)
    else:
        if args.go:
            with db.read():
                pass  # connected: the first operation does not pay for it
            print("ready", flush=True)
            sys.stdin.readline()
        result = work(db, args.mode, args.target, args.count, args.progress)
    db.dispose()
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
