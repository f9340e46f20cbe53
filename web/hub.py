"""One change watcher per server process, fanned out to the pages a change concerns.

A thread waits for commits by any process (shared.changes: SQLite's data_version poll, or
PostgreSQL's LISTEN/NOTIFY with the poll as fallback). After a change the hub recomputes, in
one worker call, the state of every ticket that has a page open and the hall board if anyone
watches it. Then it wakes only the pages whose ticket (or board) came out different: a call
changes the pages of one agency's queue, so the other pages are not woken at all (waking
2,000 streams to find that 1,800 had nothing new cost hundreds of milliseconds on a busy
machine). Going offline or back online wakes every page. Each page has its own keepalive
timer, spread out so that 2,000 pages never send their keepalives in one burst. The database
is never queried once per page.
"""

from __future__ import annotations

import asyncio
import logging
import random
import threading
from collections import Counter as Tally
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, TypeVar

from shared import clock
from shared.changes import ChangeProbe, ChangeWaiter
from shared.db import Database
from shared.errors import AntreError
from shared.event_cursor import Cursor
from shared.live_status import (
    Changes,
    TicketState,
    changes_since,
    newest_event_id,
    ticket_states,
)
from web.board import BoardView, board_view

log = logging.getLogger("antre.web.hub")
T = TypeVar("T")
BOARD: Final = "board"
Key = int | str  # a ticket id, or BOARD
#: How often the watcher still reads the newest event while LISTEN/NOTIFY works.
LISTEN_POLL_S = 0.5


@dataclass(frozen=True)
class Generation:
    """What a page reads after a wake-up: its own version number (it grows when what the
    page shows may have changed) and whether the database is reachable."""

    number: int
    online: bool


class Hub:
    def __init__(self, db: Database, *, interval: float = 0.05,
                 keepalive: float = 15.0) -> None:
        self._db = db
        self._interval = interval
        self._keepalive = keepalive
        self._watched: Tally[int] = Tally()
        self._board_viewers = 0
        self.states: dict[int, TicketState] = {}
        self.board: BoardView | None = None
        self.online = True
        self._versions: dict[Key, int] = {}
        self._version = 0
        self._waiters: dict[Key, set[asyncio.Future[None]]] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._dirty = False
        self._refreshing: asyncio.Task[None] | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.refreshes = 0
        self.recomputed = 0  # ticket states computed, for tests and benchmarks
        self.woken = 0  # page wake-ups for changes, for tests and benchmarks
        # None until the first refresh; on PostgreSQL it reads the last ids again (commits
        # may come out of id order), on SQLite not.
        self._events: Cursor | None = None

    @property
    def newest_seen(self) -> int | None:
        """The newest event id the pages have been brought up to (None before the first)."""
        return self._events.newest if self._events is not None else None

    # -- lifecycle ---------------------------------------------------------------------
    def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop.clear()
        self._thread = threading.Thread(target=self._watch, name="antre-web-watcher",
                                        daemon=True)
        self._thread.start()

    async def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            await asyncio.to_thread(self._thread.join, 10)
            self._thread = None
        for waiters in self._waiters.values():
            for waiter in waiters:
                waiter.cancel()

    # -- subscriptions -----------------------------------------------------------------
    def watch_ticket(self, ticket_id: int) -> None:
        self._watched[ticket_id] += 1

    def unwatch_ticket(self, ticket_id: int) -> None:
        self._watched[ticket_id] -= 1
        if self._watched[ticket_id] <= 0:
            del self._watched[ticket_id]
            self.states.pop(ticket_id, None)
            self._versions.pop(ticket_id, None)

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
            try:
                found = await self._read(lambda: self._states([ticket_id]))
            except AntreError:
                self._set_online(False)  # every page says so; this one's caller decides
                raise
            state = found.get(ticket_id)
            if state is not None and ticket_id in self._watched:
                self.states[ticket_id] = state
        return state

    async def board_view(self) -> BoardView:
        if self.board is None:
            self.board = await self._read(lambda: board_view(self._db))
        return self.board

    def generation(self, key: Key) -> Generation:
        return Generation(self._versions.get(key, 0), self.online)

    async def next_generation(self, key: Key, seen: int) -> Generation:
        """The page's generation once it differs from `seen`; the same one when the page's
        keepalive is due (after `keepalive` seconds, give or take a quarter, so that pages
        opened together do not all send a keepalive at the same moment)."""
        current = self.generation(key)
        if current.number != seen or self._loop is None:
            return current
        woken = self._loop.create_future()
        waiters = self._waiters.setdefault(key, set())
        waiters.add(woken)
        timer = self._loop.call_later(self._keepalive * random.uniform(0.75, 1.0),
                                      _settle, woken)
        try:
            await woken
        finally:
            timer.cancel()
            waiters.discard(woken)
            if not waiters and self._waiters.get(key) is waiters:
                del self._waiters[key]
        return self.generation(key)

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
                # While LISTEN works a NOTIFY ends the wait at once: polling at the poll's
                # pace too would only compete with the pages for the CPU. A NOTIFY says that
                # an event was committed: the refresh reads which, so no probe is needed first
                # (the next probe's newest then differs from `last`: one more refresh, cheap).
                while waiter.wait(LISTEN_POLL_S if waiter.listening else self._interval):
                    self._call(lambda: self._changed(online=True))
        finally:
            probe.close()
            waiter.close()

    def _call(self, fn: Callable[[], None]) -> None:
        if self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(fn)

    # -- on the event loop -------------------------------------------------------------
    def _changed(self, *, online: bool) -> None:
        if not online:
            self._set_online(False)
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
                states, board, changes = await asyncio.to_thread(
                    self._compute, ids, dict(self.states), with_board)
            except AntreError as error:
                log.warning("cannot refresh live pages: %s", error)
                self._set_online(False)
                return
            self.refreshes += 1
            if isinstance(changes, Changes) and self._events is not None:
                self._events.take_ids(changes.ids)
            elif isinstance(changes, int):
                self._events = Cursor.for_database(self._db.is_sqlite)
                self._events.restart(changes)
            changed: list[Key] = [i for i, state in states.items()
                                  if i in self._watched and self.states.get(i) != state]
            # A state read meanwhile for a page that opened during the refresh is kept.
            self.states = {i: s for i, s in {**self.states, **states}.items()
                           if i in self._watched}
            if with_board and board != self.board:
                changed.append(BOARD)
            self.board = board
            if not self.online:
                self._set_online(True)
            else:
                self._publish(changed)

    def _compute(self, ids: list[int], known: dict[int, TicketState], with_board: bool
                 ) -> tuple[dict[int, TicketState], BoardView | None, Changes | int]:
        """Recomputes the watched tickets that the new events may have changed (all of them
        after a wide event, the first time, or when the database was replaced: a restored
        or recreated one has fewer events than were taken); the others keep their state.
        Returns the changes read, or after a full recompute the newest event id."""
        with self._db.read() as session:
            events = self._events
            newest_id = newest_event_id(session)
            changes = None
            if events is not None and newest_id >= events.newest:
                changes = changes_since(session, events.after(), events.known())
            newest: Changes | int = changes if changes is not None else newest_id
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

    def _set_online(self, online: bool) -> None:
        """Every page shows whether the database is reachable: all of them are woken."""
        self.online = online
        keys: set[Key] = {*self._watched, *self._waiters}
        if self._board_viewers:
            keys.add(BOARD)
        self._publish(list(keys))

    def _publish(self, keys: list[Key]) -> None:
        """New versions for `keys`; their pages are woken, no other page is."""
        for key in keys:
            self._version += 1
            self._versions[key] = self._version
            for waiter in self._waiters.get(key, ()):
                if not waiter.done():
                    waiter.set_result(None)
                    self.woken += 1


def _settle(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)
