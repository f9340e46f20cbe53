"""From a ticket link's token to the ticket: an index of the recent tickets' tokens.

Tokens are HMACs (shared/weblinks.py), so the index is built by computing them: once per
ticket, incrementally as tickets are issued. Only today's and yesterday's tickets have live
links; older ones answer "not found" like a made-up token.
"""

from __future__ import annotations

import threading
from datetime import date, timedelta

from sqlalchemy import select

from shared import clock, lookups, weblinks
from shared.db import Database
from shared.models import Ticket

LINK_DAYS = 2
#: Look back this many ids on each catch-up: on PostgreSQL a transaction that took a lower
#: id may commit after one with a higher id.
OVERLAP = 200


class TokenIndex:
    """`find(token)` blocks on the database: call it from a worker thread."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._lock = threading.Lock()
        self._tokens: dict[str, int] = {}
        self._days: dict[int, date] = {}
        self._newest = 0
        self._secret = ""
        self._today: date | None = None
        self.site_name = ""

    def find(self, token: str) -> int | None:
        if not weblinks.looks_like_token(token):
            return None
        with self._lock:
            found = self._tokens.get(token)
            if found is None:
                self._catch_up()
                found = self._tokens.get(token)
            return found

    def token_of(self, ticket_id: int, day: date) -> str:
        with self._lock:
            if not self._secret:
                self._catch_up()
            return weblinks.ticket_token(self._secret, ticket_id=ticket_id, day=day)

    def _catch_up(self) -> None:
        """Adds tickets issued since the last look; drops those older than LINK_DAYS."""
        with self._db.read() as session:
            site = lookups.site(session)
            self.site_name = site.name
            today = clock.service_day(clock.now(), site.timezone)
            days = [today - timedelta(days=n) for n in range(LINK_DAYS)]
            if site.link_secret != self._secret or today != self._today:
                self._tokens.clear()
                self._days.clear()
                self._newest = 0
                self._secret, self._today = site.link_secret, today
            rows = session.execute(
                select(Ticket.id, Ticket.day)
                .where(Ticket.id > self._newest - OVERLAP, Ticket.day.in_(days))
                .order_by(Ticket.id)
            ).all()
        for ticket_id, day in rows:
            token = weblinks.ticket_token(self._secret, ticket_id=ticket_id, day=day)
            self._tokens[token] = ticket_id
            self._days[ticket_id] = day
            self._newest = max(self._newest, ticket_id)
