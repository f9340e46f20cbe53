"""Queue rules through the public API, on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from shared import calling, presence, staff, status, tickets
from shared.counter_queue import counter_state
from shared.db import Database
from shared.errors import NotFoundError, QueueError
from shared.models import Counter, Event, Service, Ticket

WIB = ZoneInfo("Asia/Jakarta")
MONDAY_9 = datetime(2026, 11, 23, 9, 0, tzinfo=WIB)


def at(minutes: float, base: datetime = MONDAY_9) -> datetime:
    return base + timedelta(minutes=minutes)


def issue(db: Database, code: str, minute: float, priority: str | None = None) -> str:
    return tickets.issue_ticket(db, service=code, priority=priority, now=at(minute)).ticket.number


def call(db: Database, counter: int, minute: float) -> str | None:
    result = calling.call_next(db, counter=counter, now=at(minute))
    return result.ticket.number if result.ticket else None


def test_numbers_per_agency_start_at_one_and_restart_each_day(any_db: Database) -> None:
    assert [issue(any_db, "DUKCAPIL", m) for m in range(3)] == ["B001", "B002", "B003"]
    assert issue(any_db, "DPMPTSP", 4) == "A001"
    assert issue(any_db, "dukcapil", 5) == "B004"  # codes are case-insensitive
    assert issue(any_db, "DUKCAPIL", 24 * 60) == "B001"  # next service day


def test_people_ahead_and_estimate(any_db: Database) -> None:
    first = tickets.issue_ticket(any_db, service="DUKCAPIL", now=at(0))
    assert (first.people_ahead, first.estimated_wait_minutes) == (0, 0)
    for m in range(1, 4):
        issue(any_db, "DUKCAPIL", m)
    fifth = tickets.issue_ticket(any_db, service="DUKCAPIL", now=at(5))
    # 4 ahead x 8 min (Dukcapil's configured time, no history yet) / 1 counter.
    assert (fifth.people_ahead, fifth.estimated_wait_minutes) == (4, 32)
    priority = tickets.issue_ticket(any_db, service="DUKCAPIL", priority="lansia", now=at(6))
    assert priority.people_ahead == 0


def test_estimate_uses_recent_service_times_and_open_counters(any_db: Database) -> None:
    for m in range(4):
        issue(any_db, "DPMPTSP", m)
    call(any_db, 1, 10)
    calling.finish(any_db, counter=1, now=at(14))  # 4 minutes of service
    issued = tickets.issue_ticket(any_db, service="DPMPTSP", now=at(15))
    # Nobody signed in: counted as one counter. 3 ahead x 4 min = 12 min.
    assert (issued.people_ahead, issued.estimated_wait_minutes) == (3, 12)
    for number, name in ((1, "Andi"), (2, "Budi")):
        who = staff.add_staff(any_db, name=name, pin="1234")
        presence.sign_in(any_db, counter=number, staff_id=who.id, console=name, now=at(15))
    issued = tickets.issue_ticket(any_db, service="DPMPTSP", now=at(15))
    # 4 ahead x 4 min / 2 counters (1 and 2 serve DPMPTSP, both signed in) = 8 min.
    assert (issued.people_ahead, issued.estimated_wait_minutes) == (4, 8)
    calling.pause(any_db, counter=2, now=at(15))
    issued = tickets.issue_ticket(any_db, service="DPMPTSP", now=at(15))
    assert (issued.people_ahead, issued.estimated_wait_minutes) == (5, 20)  # a break
    # A minute later counter 2 is back and beating; counter 1's console went silent.
    calling.resume(any_db, counter=2, now=at(16))
    presence.heartbeat(any_db, counter=2, console="Budi", now=at(16))
    issued = tickets.issue_ticket(any_db, service="DPMPTSP", now=at(16))
    assert (issued.people_ahead, issued.estimated_wait_minutes) == (6, 24)


def test_call_order_is_oldest_first_and_finishes_the_current(any_db: Database) -> None:
    for m in range(3):
        issue(any_db, "DUKCAPIL", m)
    assert call(any_db, 3, 10) == "B001"
    result = calling.call_next(any_db, counter=3, now=at(12))
    assert result.ticket is not None and result.ticket.number == "B002"
    assert result.finished is not None and result.finished.number == "B001"
    assert call(any_db, 3, 14) == "B003"
    last = calling.call_next(any_db, counter=3, now=at(15))
    assert last.ticket is None and last.finished is not None and last.finished.number == "B003"
    with any_db.read() as session:  # nobody next: the counter is free, not still on B003
        assert session.scalar(select(Counter.current_ticket_id).where(Counter.number == 3)) is None
    with pytest.raises(QueueError) as caught:
        calling.call_next(any_db, counter=3, now=at(16))
    assert caught.value.reason == "empty"


def test_two_counters_of_one_agency_share_its_queue(any_db: Database) -> None:
    for m in range(4):
        issue(any_db, "DPMPTSP", m)
    assert [call(any_db, 1, 10), call(any_db, 2, 10), call(any_db, 1, 11), call(any_db, 2, 11)] == [
        "A001", "A002", "A003", "A004"]


def test_priority_interleave_never_starves_regular_visitors(any_db: Database) -> None:
    regular = [issue(any_db, "DUKCAPIL", m) for m in range(3)]
    priority = [issue(any_db, "DUKCAPIL", 3 + m, "lansia") for m in range(5)]
    order = [call(any_db, 3, 10 + m) for m in range(8)]
    # Interleave 3: three priority calls, then one regular, and so on.
    assert order == [*priority[:3], regular[0], *priority[3:5], regular[1], regular[2]]


def test_transfer_keeps_number_and_goes_to_the_front(any_db: Database) -> None:
    issue(any_db, "DUKCAPIL", 0)
    for m in range(2):
        issue(any_db, "BPJSKES", 1 + m)
    assert call(any_db, 3, 5) == "B001"
    result = calling.transfer(any_db, counter=3, service="BPJSKES", note="bawa KTP asli",
                              now=at(6))
    assert result.ticket is None and result.finished is not None
    assert result.finished.number == "B001"
    # The receiving counter sees where it came from and the note, before and after calling.
    waiting = counter_state(any_db, counter=4, now=at(6)).waiting
    moved = next(t for t in waiting if t.number == "B001")
    assert (moved.transferred_from, moved.transfer_note) == ("Dukcapil", "bawa KTP asli")
    with any_db.read() as session:
        event = session.scalars(select(Event).where(Event.kind == "transfer")).one()
        services = {s.code: s.id for s in session.scalars(select(Service))}
        assert (event.source_service_id, event.target_service_id, event.detail) == (
            services["DUKCAPIL"], services["BPJSKES"], "bawa KTP asli")
    assert call(any_db, 4, 7) == "B001"  # ahead of C001 and C002
    current = counter_state(any_db, counter=4, now=at(7)).current
    assert current is not None and current.transferred_from == "Dukcapil"
    assert current.transfer_note == "bawa KTP asli"
    assert call(any_db, 4, 8) == "C001"
    snap = status.snapshot(any_db, now=at(9))
    row = next(t for t in snap.tickets if t.number == "B001")
    assert row.transferred and row.agency == "BPJSKES"


def test_transfer_to_the_same_agency_or_unknown_one_is_refused(any_db: Database) -> None:
    issue(any_db, "DUKCAPIL", 0)
    call(any_db, 3, 1)
    with pytest.raises(QueueError, match="already in the Dukcapil queue"):
        calling.transfer(any_db, counter=3, service="DUKCAPIL", now=at(2))
    with pytest.raises(NotFoundError, match="unknown agency 'POLRI'"):
        calling.transfer(any_db, counter=3, service="POLRI", now=at(2))


def test_recall_no_show_and_finish(any_db: Database) -> None:
    for m in range(2):
        issue(any_db, "DUKCAPIL", m)
    call(any_db, 3, 2)
    recalled = calling.recall(any_db, counter=3, now=at(3))
    assert recalled.ticket is not None and recalled.ticket.recalls == 1
    gone = calling.no_show(any_db, counter=3, now=at(4))
    assert gone.finished is not None and gone.finished.number == "B001"
    call(any_db, 3, 5)
    done = calling.finish(any_db, counter=3, now=at(9))
    assert done.finished is not None and done.finished.number == "B002"
    with any_db.read() as session:
        b1, b2 = session.scalars(select(Ticket).order_by(Ticket.id)).all()
        assert (b1.status, b2.status) == ("no_show", "done")
        assert b2.service_seconds == 240 and b2.wait_seconds == 240
        kinds = session.scalars(select(Event.kind).order_by(Event.id)).all()
    assert kinds[-6:] == ["issue", "call", "recall", "no_show", "call", "finish"]
    for action in (calling.recall, calling.no_show, calling.finish):
        with pytest.raises(QueueError) as caught:
            action(any_db, counter=3, now=at(10))
        assert caught.value.reason == "idle"


def test_stale_screen_is_refused(any_db: Database) -> None:
    issue(any_db, "DUKCAPIL", 0)
    call(any_db, 3, 1)
    with pytest.raises(QueueError) as caught:
        calling.finish(any_db, counter=3, expected="B007", now=at(2))
    assert caught.value.reason == "stale"


def test_call_a_chosen_ticket_and_never_one_already_taken(any_db: Database) -> None:
    for m in range(3):
        issue(any_db, "DPMPTSP", m)
    chosen = calling.call_ticket(any_db, counter=1, number="A003", now=at(5))
    assert chosen.ticket is not None and chosen.ticket.number == "A003"
    with pytest.raises(QueueError, match="A003 was already called at counter 1") as caught:
        calling.call_ticket(any_db, counter=2, number="A003", now=at(6))
    assert caught.value.reason == "taken"
    with pytest.raises(QueueError) as other:
        calling.call_ticket(any_db, counter=3, number="A001", now=at(6))
    assert other.value.reason == "other_agency"


def test_pause_and_resume(any_db: Database) -> None:
    issue(any_db, "DUKCAPIL", 0)
    calling.pause(any_db, counter=3, now=at(1))
    with pytest.raises(QueueError) as caught:
        calling.call_next(any_db, counter=3, now=at(2))
    assert caught.value.reason == "paused"
    snap = status.snapshot(any_db, now=at(2))
    loket3 = next(c for c in snap.counters if c.number == 3)
    assert (loket3.state, loket3.activity) == ("closed", "paused")  # nobody signed in
    assert loket3.paused_since == at(1)
    calling.resume(any_db, counter=3, now=at(3))
    assert call(any_db, 3, 4) == "B001"
    with pytest.raises(QueueError) as busy:
        calling.pause(any_db, counter=3, now=at(5))
    assert busy.value.reason == "busy"


def test_unknown_counter_and_agency(any_db: Database) -> None:
    with pytest.raises(NotFoundError, match="unknown counter 13"):
        calling.call_next(any_db, counter=13)
    with pytest.raises(NotFoundError, match="unknown agency 'POLRI'"):
        tickets.issue_ticket(any_db, service="POLRI")


def test_expire_yesterdays_waiting_tickets(any_db: Database) -> None:
    issue(any_db, "DUKCAPIL", 0)
    issue(any_db, "DUKCAPIL", 1)
    call(any_db, 3, 2)
    assert calling.expire_stale(any_db, now=at(60)) == 0
    assert calling.expire_stale(any_db, now=at(24 * 60)) == 1
    snap = status.snapshot(any_db, now=at(24 * 60))
    assert snap.tickets == [] and next(c for c in snap.counters if c.number == 3).current is None
    with any_db.read() as session:
        assert session.scalar(select(func.count()).where(Ticket.status == "expired")) == 1


def test_snapshot_counts(any_db: Database) -> None:
    for m in range(3):
        issue(any_db, "DUKCAPIL", m)
    call(any_db, 3, 4)
    calling.finish(any_db, counter=3, now=at(5))
    call(any_db, 3, 6)
    snap = status.snapshot(any_db, now=at(7))
    dukcapil = next(a for a in snap.agencies if a.code == "DUKCAPIL")
    assert (dukcapil.waiting, dukcapil.served, dukcapil.open) == (1, 1, True)
    counter = next(c for c in snap.counters if c.number == 3)
    assert (counter.current, counter.activity, counter.agencies) == ("B002", "serving", ["DUKCAPIL"])
    assert (counter.state, counter.staff) == ("closed", None)  # a CLI call: nobody signed in
    assert [t.status for t in snap.tickets] == ["done", "called", "waiting"]


def test_mark_printed(any_db: Database) -> None:
    issued = tickets.issue_ticket(any_db, service="DUKCAPIL", now=at(0))
    tickets.mark_printed(any_db, ticket_id=issued.ticket.id, printed=False, detail="paper out")
    snap = status.snapshot(any_db, now=at(1))
    assert snap.tickets[0].print_status == "failed"
    again = tickets.find_ticket(any_db, number="b001", now=at(2))
    assert again.ticket.number == "B001" and again.ticket.print_status == "failed"
