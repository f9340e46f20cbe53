"""The hall board as a phone shows it: now calling, each counter, waiting per agency."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from shared import clock, feed, lookups
from shared.db import Database
from shared.status import AgencyStatus, CounterStatus, build_snapshot

RECENT_CALLS = 6


@dataclass(frozen=True)
class BoardView:
    site_name: str
    calls: list[feed.CallEvent]  # newest first
    counters: list[CounterStatus]
    agencies: list[AgencyStatus]

    def to_json(self) -> dict[str, Any]:
        return {
            "site_name": self.site_name,
            "calls": [{"number": c.number, "counter": c.counter, "agency": c.agency_code,
                       "recall": c.kind == "recall"} for c in self.calls],
            "counters": [{"number": c.number, "name": c.name, "current": c.current,
                          "agency": c.current_agency, "state": c.state} for c in self.counters],
            "agencies": [{"code": a.code, "name": a.name, "prefix": a.prefix,
                          "waiting": a.waiting, "served": a.served, "open": a.open}
                         for a in self.agencies],
        }


def board_view(db: Database) -> BoardView:
    with db.read() as session:  # one moment: calls and counters agree (see display.live)
        snap = build_snapshot(session, clock.now(), with_tickets=False)
        tz = lookups.site(session).timezone
        recent = feed.read_recent_calls(session, count=RECENT_CALLS)
    calls = [c for c in reversed(recent) if clock.service_day(c.at, tz) == snap.date]
    return BoardView(snap.site_name, calls[:RECENT_CALLS], snap.counters, snap.agencies)
