"""What a counter does: call next, call a chosen ticket, recall, no-show, finish, transfer,
pause and resume. Each runs in one write transaction, so two counters never share a ticket.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from shared import clock, lookups, next_ticket
from shared.db import Database
from shared.errors import QueueError
from shared.models import (
    IS_WAITING,
    Counter,
    Event,
    EventKind,
    Service,
    Ticket,
    TicketStatus,
    waiting_day,
)
from shared.tickets import ticket_view
from shared.undo import prior_streak_detail
from shared.views import CallResult, TicketView


def _now(now: datetime | None) -> datetime:
    return clock.to_utc_naive(now or clock.now())


def _event(
    session: Session,
    kind: EventKind,
    at: datetime,
    counter: Counter,
    ticket: Ticket | None,
    staff_id: int | None,
    detail: str = "",
) -> None:
    """Kept until the action ends, then inserted with the action's other events in one plain
    statement (`_insert_events`): less time under the write lock."""
    session.info.setdefault(_EVENTS, []).append({
        "at": at, "kind": kind.value, "counter_id": counter.id, "staff_id": staff_id,
        "ticket_id": ticket.id if ticket else None,
        "service_id": ticket.service_id if ticket else None, "detail": detail,
    })


def _insert_events(session: Session) -> None:
    """The action's events, in the order they happened, on the session's connection."""
    events = session.info.pop(_EVENTS, [])
    if events:
        session.connection().execute(_INSERT_EVENT, events)


_EVENTS = "antre_events"
_INSERT_EVENT = insert(cast(Table, Event.__table__))


def _current(session: Session, counter: Counter) -> Ticket | None:
    if counter.current_ticket_id is None:
        return None
    ticket = session.get(Ticket, counter.current_ticket_id)
    if ticket is None or ticket.status != TicketStatus.CALLED or ticket.counter_id != counter.id:
        counter.current_ticket_id = None
        return None
    return ticket


def _require_current(session: Session, counter: Counter, expected: str | None) -> Ticket:
    ticket = _current(session, counter)
    if ticket is None:
        raise QueueError("idle", counter=counter.number)
    if expected is not None and ticket.number != expected.upper():
        raise QueueError(
            "stale", counter=counter.number, serving=ticket.number, expected=expected.upper()
        )
    return ticket


def _close(
    session: Session,
    counter: Counter,
    ticket: Ticket,
    status: TicketStatus,
    at: datetime,
    staff_id: int | None,
    *,
    release: bool = True,
) -> None:
    """Ends the ticket being served; `release=False` when another is taken right after."""
    values: dict[str, Any] = {"status": status, "finished_at": at}
    if status == TicketStatus.DONE and ticket.called_at is not None:
        values["service_seconds"] = max(0, int((at - ticket.called_at).total_seconds()))
    _set(session, ticket, **values)
    if release:
        _set(session, counter, current_ticket_id=None)
    kind = EventKind.FINISH if status == TicketStatus.DONE else EventKind.NO_SHOW
    _event(session, kind, at, counter, ticket, staff_id)


def _take(
    session: Session,
    counter: Counter,
    ticket: Ticket,
    at: datetime,
    staff_id: int | None,
    detail: str = "",
    **counter_values: int,
) -> None:
    values: dict[str, Any] = {"status": TicketStatus.CALLED, "counter_id": counter.id,
                              "staff_id": staff_id, "called_at": at}
    if ticket.called_at is None or ticket.wait_seconds is None:
        values["wait_seconds"] = max(0, int((at - ticket.issued_at).total_seconds()))
    _set(session, ticket, **values)
    _set(session, counter, current_ticket_id=ticket.id, **counter_values)
    _event(session, EventKind.CALL, at, counter, ticket, staff_id, detail)


def _set(session: Session, row: Ticket | Counter, **values: Any) -> None:
    """A plain UPDATE of `row`, run at once on the session's connection, and the same values
    put on the object as committed ones: nothing is left for the unit of work to flush under
    the write lock."""
    session.connection().execute(_UPDATE[type(row)], {"row_id": row.id, **values})
    for key, value in values.items():
        set_committed_value(row, key, value)


def _update_by_id(model: type[Ticket] | type[Counter]) -> Any:
    table = cast(Table, model.__table__)
    return update(table).where(table.c.id == bindparam("row_id"))  # SET: the values given


_UPDATE = {Ticket: _update_by_id(Ticket), Counter: _update_by_id(Counter)}


def _counter_action(
    db: Database, counter: int, work: Callable[[Session, Counter], CallResult]
) -> CallResult:
    def run(session: Session) -> CallResult:
        result = work(session, _locked_counter(session, counter))
        _insert_events(session)
        return result

    return db.run_write(run)


def _locked_counter(session: Session, number: int) -> Counter:
    """The counter's row (locked on PostgreSQL) and its current ticket in one query: the
    ticket lands in the session, where `_current` finds it without another query."""
    lookups.check_counter_number(number)
    row = session.execute(_COUNTER_AND_TICKET, {"number": number}).first()
    if row is None or not row[0].active:
        raise lookups.unknown_counter(session, number)
    counter: Counter = row[0]
    session.info["current_ticket"] = row[1]  # the identity map holds objects weakly
    return counter


_COUNTER_AND_TICKET = (
    select(Counter, Ticket)
    .outerjoin(Ticket, Ticket.id == Counter.current_ticket_id)
    .where(Counter.number == bindparam("number"))
    .with_for_update(of=Counter)
)


def _result(counter: Counter, ticket: Ticket | None, finished: Ticket | None = None,
            agencies: Mapping[int, tuple[str, str]] | None = None) -> CallResult:
    """`agencies` (id -> code, name) spares the views a query for their agency's name."""
    names = agencies or {}
    view: TicketView | None = None
    if ticket is not None:
        view = ticket_view(ticket, counter.number, agency=names.get(ticket.service_id))
    done = None
    if finished is not None:
        done = ticket_view(finished, counter.number, agency=names.get(finished.service_id))
    return CallResult(counter=counter.number, ticket=view, finished=done)


def call_next(
    db: Database, *, counter: int, staff_id: int | None = None, now: datetime | None = None
) -> CallResult:
    """Finishes the ticket being served (if any) and calls the next one."""
    at = _now(now)
    lookups.check_counter_number(counter)
    with db.read_rows() as rows:  # before the write lock: settings, not queue state
        rules = next_ticket.call_rules(rows, counter)

    def work(session: Session, row: Counter) -> CallResult:
        if row.paused:
            raise QueueError("paused", counter=row.number)
        if not rules.agencies:
            raise QueueError("no_services", counter=row.number)
        day = clock.service_day(clock.from_utc_naive(at), rules.timezone)
        finished = _current(session, row)
        ticket = next_ticket.pick_next(session, row, day, rules.interleave, list(rules.agencies))
        if finished is not None:
            _close(session, row, finished, TicketStatus.DONE, at, staff_id,
                   release=ticket is None)  # nobody next: the counter is free
        if ticket is None:
            if finished is None:
                raise QueueError("empty", counter=row.number)
            return _result(row, None, finished, rules.agencies)
        prior = prior_streak_detail(row.priority_streak)  # so an undo can put it back
        streak = {}
        if ticket.front == 1:
            streak["priority_streak"] = row.priority_streak + 1 if ticket.priority else 0
        _take(session, row, ticket, at, staff_id, prior, **streak)
        return _result(row, ticket, finished, rules.agencies)

    return _counter_action(db, counter, work)


def call_ticket(
    db: Database,
    *,
    counter: int,
    number: str,
    staff_id: int | None = None,
    now: datetime | None = None,
) -> CallResult:
    """Calls a chosen waiting ticket (e.g. picked from the list) at this counter."""
    at = _now(now)

    def work(session: Session, row: Counter) -> CallResult:
        if row.paused:
            raise QueueError("paused", counter=row.number)
        site = lookups.site(session)
        day = clock.service_day(clock.from_utc_naive(at), site.timezone)
        ticket = lookups.ticket_by_number(session, number, day)
        served = {link.service_id for link in row.links}
        if ticket.service_id not in served:
            raise QueueError("other_agency", number=ticket.number, counter=row.number)
        if ticket.status != TicketStatus.WAITING:
            where = session.get(Counter, ticket.counter_id) if ticket.counter_id else None
            if where is not None:
                raise QueueError("taken", code="refusal.taken_at", number=ticket.number,
                                 status=str(ticket.status), counter=where.number)
            raise QueueError("taken", number=ticket.number, status=str(ticket.status))
        finished = _current(session, row)
        if finished is not None:
            _close(session, row, finished, TicketStatus.DONE, at, staff_id, release=False)
        _take(session, row, ticket, at, staff_id)
        return _result(row, ticket, finished)

    return _counter_action(db, counter, work)


def recall(
    db: Database,
    *,
    counter: int,
    staff_id: int | None = None,
    expected: str | None = None,
    now: datetime | None = None,
) -> CallResult:
    at = _now(now)

    def work(session: Session, row: Counter) -> CallResult:
        ticket = _require_current(session, row, expected)
        ticket.recalls += 1
        _event(session, EventKind.RECALL, at, row, ticket, staff_id)
        return _result(row, ticket)

    return _counter_action(db, counter, work)


def no_show(db: Database, *, counter: int, staff_id: int | None = None,
            expected: str | None = None, now: datetime | None = None) -> CallResult:
    """The visitor did not come: the ticket being served ends as no-show."""
    return _end_current(db, counter, TicketStatus.NO_SHOW, staff_id, expected, now)


def finish(db: Database, *, counter: int, staff_id: int | None = None,
           expected: str | None = None, now: datetime | None = None) -> CallResult:
    """The ticket being served is done (its service time is recorded)."""
    return _end_current(db, counter, TicketStatus.DONE, staff_id, expected, now)


def _end_current(db: Database, counter: int, status: TicketStatus, staff_id: int | None,
                 expected: str | None, now: datetime | None) -> CallResult:
    at = _now(now)

    def work(session: Session, row: Counter) -> CallResult:
        ticket = _require_current(session, row, expected)
        _close(session, row, ticket, status, at, staff_id)
        return _result(row, None, ticket)

    return _counter_action(db, counter, work)


def transfer(
    db: Database,
    *,
    counter: int,
    service: str,
    staff_id: int | None = None,
    expected: str | None = None,
    note: str = "",
    now: datetime | None = None,
) -> CallResult:
    """Sends the ticket being served to another agency's queue, at its front, same number.
    The event keeps both agencies as columns and the staff's `note` for the receiving side."""
    at = _now(now)

    def work(session: Session, row: Counter) -> CallResult:
        ticket = _require_current(session, row, expected)
        target: Service = lookups.service_by_code(session, service)
        if target.id == ticket.service_id:
            raise QueueError("same_agency", number=ticket.number, agency=target.name)
        source_id = ticket.service_id
        ticket.status = TicketStatus.WAITING
        ticket.service_id = target.id
        ticket.service = target
        ticket.front = 0
        ticket.queued_at = at
        ticket.counter_id = None
        ticket.transfers += 1
        row.current_ticket_id = None
        session.add(Event(at=at, kind=EventKind.TRANSFER, counter_id=row.id, staff_id=staff_id,
                          ticket_id=ticket.id, service_id=target.id, detail=note.strip()[:200],
                          source_service_id=source_id, target_service_id=target.id))
        return _result(row, None, ticket)

    return _counter_action(db, counter, work)


def pause(
    db: Database, *, counter: int, staff_id: int | None = None, now: datetime | None = None
) -> CallResult:
    at = _now(now)

    def work(session: Session, row: Counter) -> CallResult:
        if row.paused:
            raise QueueError("paused", code="refusal.already_paused", counter=row.number)
        current = _current(session, row)
        if current is not None:
            raise QueueError("busy", counter=row.number, number=current.number)
        row.paused = True
        row.paused_at = at
        _event(session, EventKind.PAUSE, at, row, None, staff_id)
        return _result(row, None)

    return _counter_action(db, counter, work)


def resume(
    db: Database, *, counter: int, staff_id: int | None = None, now: datetime | None = None
) -> CallResult:
    at = _now(now)

    def work(session: Session, row: Counter) -> CallResult:
        if not row.paused:
            raise QueueError("not_paused", counter=row.number)
        row.paused = False
        row.paused_at = None
        _event(session, EventKind.RESUME, at, row, None, staff_id)
        return _result(row, None)

    return _counter_action(db, counter, work)


def expire_stale(db: Database, *, now: datetime | None = None, include_today: bool = False) -> int:
    """Marks waiting tickets of past days (or, at closing, of today too) as expired."""
    at = _now(now)

    def work(session: Session) -> int:
        site = lookups.site(session)
        today = clock.service_day(clock.from_utc_naive(at), site.timezone)
        day = waiting_day(session.get_bind().dialect.name)
        day_filter = day <= today if include_today else day < today
        # Through the partial index of waiting tickets: this runs every minute on each
        # kiosk and display, inside the write lock, over years of history.
        stale = list(session.scalars(select(Ticket).where(IS_WAITING, day_filter)))
        for ticket in stale:
            ticket.status = TicketStatus.EXPIRED
            ticket.finished_at = at
        if stale:
            session.add(Event(at=at, kind=EventKind.EXPIRE, detail=f"{len(stale)} expired"))
        # Counters still "serving" a ticket from an earlier day are released.
        for row in session.scalars(select(Counter).where(Counter.current_ticket_id.is_not(None))):
            current = session.get(Ticket, row.current_ticket_id)
            if current is None or current.day < today:
                row.current_ticket_id = None
        return len(stale)

    return db.run_write(work)
