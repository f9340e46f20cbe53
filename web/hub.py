"""One change watcher per server process, fanned out to every connected page.

A thread waits for commits by any process (shared.changes: SQLite's data_version poll, or
PostgreSQL's LISTEN/NOTIFY with the poll as fallback). After a change the hub recomputes, in
one worker call, the state of every ticket that has a page open and the hall board if anyone
watches it; then it wakes every page's stream at once. Pages compare and send only what
changed for them. The database is never queried once per page.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections import Counter as Tally
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from shared import clock
from shared.changes import ChangeProbe, ChangeWaiter
from shared.db import Database
from shared.errors import AntreError
from shared.live_status import TicketState, changes_since, newest_event_id, ticket_states
from web.board import BoardView, board_view

log = logging.getLogger("antre.web.hub")
T = TypeVar("T")


@dataclass(frozen=True)
class Generation:
    """What every page reads after a wake-up."""

    number: int
    online: bool


class Hub:
    def __init__(self, db: Database, *, interval: float = 0.05,
                 keepalive: float = 15.0) -> None:
        self._db = db
        self._interval = interval
        self._keepalive = keepalive
        self._ticker: asyncio.TimerHandle | None = None
        self._watched: Tally[int] = Tally()
        self._board_viewers = 0
        self.states: dict[int, TicketState] = {}
        self.board: BoardView | None = None
        self.generation = Generation(0, True)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake: asyncio.Future[Generation] | None = None
        self._dirty = False
        self._refreshing: asyncio.Task[None] | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.refreshes = 0
        self.recomputed = 0  # ticket states computed, for tests and benchmarks
        self._seen_event: int | None = None

    # -- lifecycle ---------------------------------------------------------------------
    def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._wake = self._loop.create_future()
        self._ticker = self._loop.call_later(self._keepalive, self._tick)
        self._stop.clear()
        self._thread = threading.Thread(target=self._watch, name="antre-web-watcher",
                                        daemon=True)
        self._thread.start()

    async def stop(self) -> None:
        self._stop.set()
        if self._ticker is not None:
            self._ticker.cancel()
        if self._thread is not None:
            await asyncio.to_thread(self._thread.join, 10)
            self._thread = None
        if self._wake is not None and not self._wake.done():
            self._wake.cancel()

    # -- subscriptions -----------------------------------------------------------------
    def watch_ticket(self, ticket_id: int) -> None:
        self._watched[ticket_id] += 1

    def unwatch_ticket(self, ticket_id: int) -> None:
        self._watched[ticket_id] -= 1
        if self._watched[ticket_id] <= 0:
            del self._watched[ticket_id]
            self.states.pop(ticket_id, None)

    def watch_board(self) -> None:
        self._board_viewers += 1

    def unwatch_board(self) -> None:
        self._board_viewers -= 1

    @property
    def pages(self) -> int:
        return sum(self._watched.values()) + self._board_viewers

    async def ticket_state(self, ticket_id: int) -> TicketState | None:
        """The state kept for a watched ticket, read now if the hub has none yet."""
        state = self.states.get(ticket_id)
        if state is None:
            found = await self._read(lambda: self._states([ticket_id]))
            state = found.get(ticket_id)
            if state is not None and ticket_id in self._watched:
                self.states[ticket_id] = state
        return state

    async def board_view(self) -> BoardView:
        if self.board is None:
            self.board = await self._read(lambda: board_view(self._db))
        return self.board

    async def next_generation(self, seen: int) -> Generation:
        """The generation after `seen`, or the same one at the next keepalive tick.

        Every page awaits one shared future: a wake-up costs no task or timer per page."""
        if self.generation.number != seen or self._wake is None:
            return self.generation
        return await asyncio.shield(self._wake)

    # -- the watcher thread --------------------------------------------------------------
    def _watch(self) -> None:
        probe = ChangeProbe(self._db)
        waiter = ChangeWaiter(self._db, self._stop)
        last = -1
        online = True
        try:
            while not self._stop.is_set():
                try:
                    newest = probe.newest_event_id()
                except Exception as error:  # AntreError when unreachable; others logged too
                    if online:
                        log.warning("database unreachable: %s", error,
                                    exc_info=not isinstance(error, AntreError))
                        online = False
                        self._call(lambda: self._changed(online=False))
                    self._stop.wait(1.0)
                    continue
                if not online or newest != last:
                    if not online:
                        log.info("database reachable again")
                    online, last = True, newest
                    self._call(lambda: self._changed(online=True))
                waiter.wait(self._interval)
        finally:
            probe.close()
            waiter.close()

    def _call(self, fn: Callable[[], None]) -> None:
        if self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(fn)

    # -- on the event loop -------------------------------------------------------------
    def _changed(self, *, online: bool) -> None:
        if not online:
            self._publish(online=False)
            return
        self._dirty = True
        if self._refreshing is None or self._refreshing.done():
            self._refreshing = asyncio.get_running_loop().create_task(self._refresh())

    async def _refresh(self) -> None:
        while self._dirty:
            self._dirty = False
            ids = list(self._watched)
            with_board = self._board_viewers > 0
            try:
                states, board, seen = await asyncio.to_thread(
                    self._compute, ids, dict(self.states), with_board)
            except AntreError as error:
                log.warning("cannot refresh live pages: %s", error)
                self._publish(online=False)
                return
            self.refreshes += 1
            self._seen_event = seen
            self.states = {i: s for i, s in states.items() if i in self._watched}
            self.board = board
            self._publish(online=True)

    def _compute(self, ids: list[int], known: dict[int, TicketState],
                 with_board: bool) -> tuple[dict[int, TicketState], BoardView | None, int]:
        """Recomputes the watched tickets that the new events may have changed (all of them
        after a wide event, or the first time); the others keep their state."""
        with self._db.read() as session:
            seen = self._seen_event
            changes = changes_since(session, seen) if seen is not None else None
            newest = changes.newest if changes is not None else newest_event_id(session)
            stale = [i for i in ids if i not in known or changes is None
                     or changes.touches(known[i])]
            fresh = ticket_states(session, stale, clock.now())
        self.recomputed += len(stale)
        states = {i: known[i] for i in ids if i in known and i not in fresh and i not in stale}
        states.update(fresh)
        return states, board_view(self._db) if with_board else None, newest

    def _states(self, ids: list[int]) -> dict[int, TicketState]:
        with self._db.read() as session:
            return ticket_states(session, ids, clock.now())

    async def _read(self, work: Callable[[], T]) -> T:
        return await asyncio.to_thread(work)

    def _publish(self, *, online: bool) -> None:
        self.generation = Generation(self.generation.number + 1, online)
        self._wake_all()

    def _tick(self) -> None:
        """Wakes every page with the current generation: their streams send a keepalive."""
        self._wake_all()
        if self._loop is not None:
            self._ticker = self._loop.call_later(self._keepalive, self._tick)

    def _wake_all(self) -> None:
        wake, self._wake = self._wake, asyncio.get_running_loop().create_future()
        if wake is not None and not wake.done():
            wake.set_result(self.generation)
