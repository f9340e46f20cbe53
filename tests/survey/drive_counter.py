"""Works a counter from another process, as the staff's console would:
`python -m tests.survey.drive_counter URL issue:DUKCAPIL call:3 recall:3 done:3 ...`
(in order)."""

from __future__ import annotations

import sys

from shared import calling, tickets
from shared.db import Database


def main(url: str, steps: list[str]) -> None:
    db = Database(url)
    for step in steps:
        verb, _, arg = step.partition(":")
        if verb == "issue":
            tickets.issue_ticket(db, service=arg)
        elif verb == "call":
            calling.call_next(db, counter=int(arg))
        elif verb == "recall":
            calling.recall(db, counter=int(arg))
        elif verb == "done":
            calling.finish(db, counter=int(arg))
        else:
            raise SystemExit(f"unknown step {step!r}")
    db.dispose()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
