"""What the hall display shows, as plain data: no Qt, bounded in size.

The window renders a `DisplayState`; the live feed changes it with whole snapshots (counters,
waiting counts) and with call events (newest call, history). Only the last few calls are kept,
so memory does not grow over a long day.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from shared import clock
from shared.feed import UNDONE_CALL, CallEvent
from shared.presence import LivenessJudge
from shared.status import Snapshot

HISTORY_SIZE = 7  # the newest call and six before it
SEEN_IDS = 1000  # how far back a late call event is still taken (far past shared.event_cursor's)


@dataclass(frozen=True)
class Call:
    """One call or recall as the screen shows it."""

    event_id: int
    kind: str  # call | recall
    number: str
    counter: int
    agency_code: str
    agency_name: str
    at: datetime
    times: int = 1  # calls of this ticket at this counter: a recall counts, never duplicates

    @classmethod
    def from_event(cls, event: CallEvent) -> Call:
        return cls(
            event.id,
            event.kind,
            event.number,
            event.counter,
            event.agency_code,
            event.agency_name,
            event.at,
        )


@dataclass(frozen=True)
class Tile:
    """One counter's tile: what it serves and whom."""

    number: int
    agency: str  # the name shown (the agency served now, else the counter's agencies)
    colour: str
    serving: str | None
    state: str  # serving | idle | paused while someone is signed in there, else closed
    since: str = ""  # a break's start, "12:05" in the site's time


@dataclass(frozen=True)
class Waiting:
    code: str
    name: str
    prefix: str
    colour: str
    waiting: int
    open: bool


@dataclass
class DisplayState:
    site_name: str = ""
    running_text: str = ""
    tiles: list[Tile] = field(default_factory=list)
    waiting: list[Waiting] = field(default_factory=list)
    history: deque[Call] = field(default_factory=lambda: deque(maxlen=HISTORY_SIZE))
    last_event_id: int = 0  # the newest call event taken
    # Call events taken lately: one that committed late (shared.event_cursor) is taken once.
    seen: set[int] = field(default_factory=set)
    day: date | None = None
    timezone: str = clock.DEFAULT_TZ
    judge: LivenessJudge = field(default_factory=LivenessJudge)
    # (counter, ticket) pairs being called or served now, from the latest snapshot.
    active: set[tuple[int, str]] = field(default_factory=set)
    # (number, counter) of calls taken back since the window last looked (not to be spoken).
    undone: list[tuple[str, int]] = field(default_factory=list)

    @property
    def newest(self) -> Call | None:
        return self.history[-1] if self.history else None

    @property
    def now_calling(self) -> Call | None:
        """The newest call whose ticket is still called or being served at its counter:
        a finished, no-show or transferred ticket leaves the big panel."""
        known = {tile.number for tile in self.tiles}
        for call in reversed(self.history):
            # A counter the snapshot does not list cannot be judged: its call stays.
            if (call.counter, call.number) in self.active or call.counter not in known:
                return call
        return None

    def earlier(self, count: int) -> list[Call]:
        """The calls before the one in the big panel, newest first."""
        shown = self.now_calling
        return [c for c in reversed(self.history) if c is not shown][:count]

    def apply_snapshot(self, snap: Snapshot) -> None:
        """Counters and waiting counts from a fresh snapshot (the database is the truth)."""
        if self.day is not None and snap.date != self.day:
            self.history.clear()  # a new service day starts with an empty board
        self.day = snap.date
        self.timezone = snap.timezone
        self.site_name = snap.site_name
        self.running_text = snap.running_text
        names = {a.code: a.name for a in snap.agencies}
        colours = {a.code: a.colour for a in snap.agencies}
        tiles = []
        for c in snap.counters:
            # Open only while a console there is alive, judged by its beats on this
            # process's monotonic clock (see shared.presence).
            alive = self.judge.alive(c.presence, counter=c.number, fresh_by_wall=c.open)
            state = c.activity if alive else "closed"
            serving = c.current if state == "serving" else None
            code = (serving and c.current_agency) or (c.agencies[0] if c.agencies else "")
            if serving and c.current_agency:
                label = names.get(code, code)
            else:
                label = " / ".join(names.get(a, a) for a in c.agencies) or c.name
            since = ""
            if state == "paused" and c.paused_since is not None:
                since = clock.local(c.paused_since, snap.timezone).strftime("%H:%M")
            tiles.append(
                Tile(c.number, label, colours.get(code, "#546E7A"), serving, state, since)
            )
        self.tiles = tiles
        self.active = {(c.number, c.current) for c in snap.counters if c.current}
        self.waiting = [
            Waiting(a.code, a.name, a.prefix, a.colour, a.waiting, a.open) for a in snap.agencies
        ]

    def apply_calls(self, events: list[CallEvent]) -> list[Call]:
        """Adds calls newer than the last one seen; returns the new ones, oldest first."""
        fresh: list[Call] = []
        for event in events:
            if event.id in self.seen or event.id <= self.last_event_id - SEEN_IDS:
                continue
            self.seen.add(event.id)
            self.last_event_id = max(self.last_event_id, event.id)
            if event.kind == UNDONE_CALL:
                self._forget(event)  # called and taken back in one batch: never announced
                fresh = [c for c in fresh if c.number != event.number]
                self.undone.append((event.number, event.counter))
                continue
            call = Call.from_event(event)
            fresh.append(call)
            self._remember(call)
            self.active.add((call.counter, call.number))  # the next snapshot confirms it
            self._mark_serving(call)
        self.seen = {i for i in self.seen if i > self.last_event_id - SEEN_IDS}
        return fresh

    def _remember(self, call: Call) -> None:
        """Adds the call to the history; a ticket called again replaces its older row (moved
        to the newest place, counted "×2" when at the same counter)."""
        for old in list(self.history):
            if old.number == call.number:
                self.history.remove(old)
                if old.counter == call.counter:
                    call = replace(call, times=old.times + 1)
        self.history.append(call)

    def _forget(self, undo: CallEvent) -> None:
        """A call taken back (the ticket waits again): its row leaves the board, silently;
        the big panel goes back to the ticket the counter serves again."""
        kept = [c for c in self.history if c.number != undo.number]
        self.history.clear()
        self.history.extend(kept)
        self.active.discard((undo.counter, undo.number))

    def _mark_serving(self, call: Call) -> None:
        """Shows the call on its tile at once (the next snapshot confirms it)."""
        for index, tile in enumerate(self.tiles):
            if tile.number == call.counter and tile.state != "closed":
                self.tiles[index] = Tile(
                    tile.number, call.agency_name, tile.colour, call.number, "serving"
                )
                return
