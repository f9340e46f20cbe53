"""Expiry at closing and at the next day's first start, with a controlled clock."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from shared import calling, dayops, status, tickets
from shared.db import Database

WIB = ZoneInfo("Asia/Jakarta")


def t(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=WIB)  # 23 Nov 2026 is a Monday


def test_waiting_tickets_expire_when_their_agency_closes(jombang_db: Database) -> None:
    for m in range(3):
        tickets.issue_ticket(jombang_db, service="DUKCAPIL", now=t(23, 14, m))
    tickets.issue_ticket(jombang_db, service="KPP", now=t(23, 14, 5))
    calling.call_next(jombang_db, counter=3, now=t(23, 14, 10))
    assert dayops.maintain(jombang_db, now=t(23, 14, 59)) == 0  # still open
    assert dayops.maintain(jombang_db, now=t(23, 15, 0)) == 3  # B002, B003, F001
    snap = status.snapshot(jombang_db, now=t(23, 15, 1))
    assert [(x.number, x.status) for x in snap.tickets] == [
        ("B001", "called"), ("B002", "expired"), ("B003", "expired"), ("F001", "expired")]
    assert dayops.maintain(jombang_db, now=t(23, 15, 2)) == 0  # idempotent


def test_first_start_next_day_expires_and_numbering_restarts(jombang_db: Database) -> None:
    tickets.issue_ticket(jombang_db, service="KPP", now=t(23, 9))
    # Nobody ran maintenance at closing; the next morning's first start does it.
    assert dayops.maintain(jombang_db, now=t(24, 7, 30)) == 1
    assert tickets.issue_ticket(jombang_db, service="KPP", now=t(24, 8)).ticket.number == "F001"
    assert len(status.snapshot(jombang_db, now=t(24, 8)).tickets) == 1  # history kept apart
