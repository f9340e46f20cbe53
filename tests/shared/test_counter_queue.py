"""The console's queries: waiting list with counts, served count and median, last event."""

from __future__ import annotations

import time
from datetime import date

import pytest

from shared import calling
from shared.counter_queue import counter_state, waiting_query
from shared.db import Database
from shared.errors import NotFoundError
from shared.tickets import issue_ticket, mark_printed


def test_empty_counter(db: Database) -> None:
    state = counter_state(db, counter=1)
    assert state.number == 1
    assert [a.code for a in state.agencies] == ["DPMPTSP"]
    assert "DUKCAPIL" in [a.code for a in state.other_agencies]
    assert state.current is None and state.waiting == []
    assert state.waiting_counts == {"DPMPTSP": 0}
    assert state.served_today == 0 and state.median_service_seconds is None


def test_unknown_counter(db: Database) -> None:
    with pytest.raises(NotFoundError):
        counter_state(db, counter=99)


def test_waiting_list_order_counts_and_print_flag(db: Database) -> None:
    first = issue_ticket(db, service="DPMPTSP").ticket
    issue_ticket(db, service="DPMPTSP", priority="lansia")
    issue_ticket(db, service="DUKCAPIL")
    mark_printed(db, ticket_id=first.id, printed=False, detail="paper out")
    state = counter_state(db, counter=1)
    assert [t.number for t in state.waiting] == ["A002", "A001"]  # priority first
    assert state.waiting[0].priority == "lansia"
    assert state.waiting[1].print_status == "failed"
    assert state.waiting_counts == {"DPMPTSP": 2}


def test_current_served_count_median_and_last_event(db: Database) -> None:
    for _ in range(4):
        issue_ticket(db, service="DUKCAPIL")
    calling.call_next(db, counter=3, staff_id=None)
    calling.call_next(db, counter=3)
    calling.call_next(db, counter=3)
    state = counter_state(db, counter=3)
    assert state.current is not None and state.current.number == "B003"
    assert state.current_wait_seconds is not None
    assert state.served_today == 2
    assert state.median_service_seconds is not None
    assert state.last_event is not None
    assert (state.last_event.kind, state.last_event.ticket_number) == ("call", "B003")
    assert [t.number for t in state.waiting] == ["B004"]


def test_waiting_query_uses_partial_index(db: Database) -> None:
    query = waiting_query([1, 2], date(2026, 11, 27))
    sql = str(query.compile(db.engine, compile_kwargs={"literal_binds": True}))
    with db.engine.connect() as conn:
        plan = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql).all()
    assert "ix_tickets_waiting" in " ".join(str(row) for row in plan)


def test_fast_with_500_waiting(db: Database) -> None:
    for _ in range(250):
        issue_ticket(db, service="DPMPTSP")
        issue_ticket(db, service="DUKCAPIL")
    started = time.perf_counter()
    state = counter_state(db, counter=1)
    elapsed = time.perf_counter() - started
    assert len(state.waiting) == 250
    assert elapsed < 0.2


def test_counter_state_on_sqlite_and_postgresql(any_db: Database) -> None:
    issue_ticket(any_db, service="DPMPTSP")
    issue_ticket(any_db, service="DPMPTSP", priority="lansia")
    calling.call_next(any_db, counter=1)
    calling.call_next(any_db, counter=1)
    state = counter_state(any_db, counter=1)
    assert state.current is not None and state.current.number == "A001"
    assert state.served_today == 1
    assert state.waiting == [] and state.waiting_counts == {"DPMPTSP": 0}
    issue_ticket(any_db, service="DPMPTSP")
    assert [t.number for t in counter_state(any_db, counter=2).waiting] == ["A003"]
