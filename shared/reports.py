"""Day and range reports, computed in the database (counts, percentiles, busiest hour).

Percentiles are nearest-rank (the value at rank ceil(n * p / 100)), picked with window
functions so the same SQL runs on SQLite and PostgreSQL and no ticket list is loaded into
Python. Every query is limited to the period through the indexed `tickets.day` column.

What the figures mean:

* Per agency (instansi): `issued` counts the tickets the agency numbered; `called`, `served`,
  `no_show` and `expired` count tickets by the queue they ended in (a ticket transferred from
  DUKCAPIL to BPJSKES and served there is served by BPJSKES); `transferred` counts transfers
  out of the agency to another one. The wait (issue to first call) belongs to the agency that
  numbered the ticket, the service time to the agency that served it; the busiest hour is the
  local hour in which the agency issued the most tickets.
* Per counter (loket): a counter issues nothing (`issued` is None, "-" in print). `called`
  counts the tickets it called (those sent on to another agency included); `served`,
  `no_show` the tickets it closed; `transferred` the transfers it made; the waits are those
  of the tickets it called straight from their first queue (not transferred); the busiest
  hour is the local hour in which it made the most calls. `expired` is always 0 (an expired
  ticket was never called).
* The total: every ticket of the period; `transferred` counts transfers, so it equals the
  sum over agencies and over counters.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    and_,
    case,
    cast,
    func,
    literal_column,
    or_,
    select,
    true,
)
from sqlalchemy.orm import InstrumentedAttribute, Session

from shared import clock, lookups
from shared.booking_report import BOOKING_COLUMNS, BookingRow, booking_cells, booking_rows
from shared.db import Database
from shared.errors import AntreError
from shared.models import Counter, Event, EventKind, Service, Ticket, TicketStatus

Key = ColumnElement[Any] | InstrumentedAttribute[Any]


@dataclass(frozen=True)
class ReportRow:
    key: str
    label: str
    issued: int | None = 0  # None for counters: a counter issues no tickets
    called: int = 0
    served: int = 0
    no_show: int = 0
    expired: int = 0
    transferred: int = 0
    median_wait_s: int | None = None
    p90_wait_s: int | None = None
    median_service_s: int | None = None
    busiest_hour: int | None = None


@dataclass(frozen=True)
class Report:
    site_name: str
    date_from: date
    date_to: date
    agencies: list[ReportRow]
    counters: list[ReportRow]
    total: ReportRow
    hourly: dict[int, int]  # local hour -> tickets issued
    timezone: str = clock.DEFAULT_TZ  # the site's: dates printed on the report
    bookings: list[BookingRow] = field(default_factory=list)  # online bookings per agency

    @property
    def empty(self) -> bool:
        return not self.total.issued


def build_report(db: Database, *, date_from: date, date_to: date | None = None) -> Report:
    date_to = date_to or date_from
    if date_to < date_from:
        raise AntreError(
            "error.range_order", start=date_from.isoformat(), end=date_to.isoformat()
        )
    with db.read() as session:
        return _Builder(session, date_from, date_to).build()


_STATUS_COUNTS = (
    ("called", Ticket.called_at.is_not(None)),
    ("served", Ticket.status == TicketStatus.DONE),
    ("no_show", Ticket.status == TicketStatus.NO_SHOW),
    ("expired", Ticket.status == TicketStatus.EXPIRED),
)


@dataclass(frozen=True)
class _Figures:
    """The query results for one grouping (agency, counter or the total), keyed by group."""

    counts: dict[Any, dict[str, int]]
    issued: dict[Any, int] | None  # None: the grouping issues no tickets (counters)
    transfers: dict[Any, int]
    waits: dict[Any, dict[int, int]]  # group -> {percent: seconds}
    service: dict[Any, dict[int, int]]
    busiest: dict[Any, int]

    def row(self, key: Any, code: str, label: str) -> ReportRow:
        mine = self.counts.get(key, {})
        return ReportRow(
            key=code,
            label=label,
            issued=None if self.issued is None else self.issued.get(key, 0),
            called=mine.get("called", 0),
            served=mine.get("served", 0),
            no_show=mine.get("no_show", 0),
            expired=mine.get("expired", 0),
            transferred=self.transfers.get(key, 0),
            median_wait_s=self.waits.get(key, {}).get(50),
            p90_wait_s=self.waits.get(key, {}).get(90),
            median_service_s=self.service.get(key, {}).get(50),
            busiest_hour=self.busiest.get(key),
        )


class _Builder:
    def __init__(self, session: Session, date_from: date, date_to: date) -> None:
        self.session = session
        self.date_from = date_from
        self.date_to = date_to
        self.site = lookups.site(session)
        self._transfer_rows: list[tuple[int | None, int | None, int]] | None = None
        self.in_range = and_(Ticket.day >= date_from, Ticket.day <= date_to)
        noon = datetime.combine(date_from, time(12), tzinfo=UTC)
        offset = clock.local(noon, self.site.timezone).utcoffset()
        self.offset_minutes = int(offset.total_seconds() // 60) if offset else 0

    def build(self) -> Report:
        return Report(
            site_name=self.site.name,
            date_from=self.date_from,
            date_to=self.date_to,
            agencies=self._agencies(),
            counters=self._counters(),
            total=self._total(),
            hourly=self._hourly(),
            timezone=self.site.timezone,
            bookings=booking_rows(self.session, self.date_from, self.date_to),
        )

    def _agencies(self) -> list[ReportRow]:
        final, first = Ticket.service_id, Ticket.issued_service_id
        figures = _Figures(
            counts=self._counts(final),
            issued=self._issued(first),
            transfers=self._transfers(by_source_agency=True),
            waits=self._percentiles(first, Ticket.wait_seconds),
            service=self._percentiles(final, Ticket.service_seconds, (50,)),
            busiest=self._busiest(first, Ticket.issued_at),
        )
        services = self.session.scalars(select(Service).order_by(Service.position, Service.id))
        return [
            figures.row(s.id, s.code, s.name)
            for s in services
            if s.active or s.id in figures.counts or s.id in (figures.issued or {})
        ]

    def _counters(self) -> list[ReportRow]:
        key = Ticket.counter_id
        figures = _Figures(
            counts=self._counts(key),
            issued=None,
            transfers=self._transfers(by_source_agency=False),
            waits=self._percentiles(key, Ticket.wait_seconds, where=Ticket.transfers == 0),
            service=self._percentiles(key, Ticket.service_seconds, (50,)),
            busiest=self._busiest(key, Ticket.called_at),
        )
        rows = []
        for c in self.session.scalars(select(Counter).order_by(Counter.number)):
            if c.active or c.id in figures.counts or c.id in figures.transfers:
                row = figures.row(c.id, str(c.number), c.name)
                # Tickets it called and then sent on no longer point at this counter.
                rows.append(replace(row, called=row.called + row.transferred, expired=0))
        return rows

    def _total(self) -> ReportRow:
        figures = _Figures(
            counts=self._counts(None),
            issued=self._issued(None),
            transfers=self._transfers(by_source_agency=None),
            waits=self._percentiles(None, Ticket.wait_seconds),
            service=self._percentiles(None, Ticket.service_seconds, (50,)),
            busiest=self._busiest(None, Ticket.issued_at),
        )
        return figures.row(0, "ALL", "Semua layanan")

    def _key(self, group: Key | None) -> Key:
        """The grouping column, or a constant 0 for the total (no GROUP BY needed)."""
        return group if group is not None else literal_column("0")

    def _counts(self, group: Key | None) -> dict[Any, dict[str, int]]:
        query = select(
            self._key(group).label("k"),
            *(func.sum(case((cond, 1), else_=0)) for _, cond in _STATUS_COUNTS),
        ).where(self.in_range)
        if group is not None:
            query = query.where(group.is_not(None)).group_by(group)
        names = [name for name, _ in _STATUS_COUNTS]
        return {
            k: dict(zip(names, (int(v or 0) for v in vals), strict=True))
            for k, *vals in self.session.execute(query)
            if k is not None
        }

    def _issued(self, group: Key | None) -> dict[Any, int]:
        query = select(self._key(group).label("k"), func.count()).where(self.in_range)
        if group is not None:
            query = query.group_by(group)
        return {k: int(n) for k, n in self.session.execute(query)}

    def _transfer_counts(self) -> list[tuple[int | None, int | None, int]]:
        """Transfers of the period's tickets as (counter id, source agency id, count): a
        handful of rows, summed per agency, per counter and in all by `_transfers`."""
        if self._transfer_rows is None:
            query = (
                select(Event.counter_id, Event.source_service_id, func.count())
                .select_from(Ticket)
                .join(Event, Event.ticket_id == Ticket.id)
                .where(self.in_range, Ticket.transfers > 0, Event.kind == EventKind.TRANSFER)
                .group_by(Event.counter_id, Event.source_service_id)
            )
            self._transfer_rows = [(c, d, int(n)) for c, d, n in self.session.execute(query)]
        return self._transfer_rows

    def _transfers(self, *, by_source_agency: bool | None) -> dict[Any, int]:
        """Transfers by source agency (service id), by counter (counter id) or in all (0)."""
        result: dict[Any, int] = {}
        for counter_id, source_id, count in self._transfer_counts():
            if by_source_agency is None:
                key: Any = 0
            elif by_source_agency:
                key = source_id
            else:
                key = counter_id
            if key is not None:
                result[key] = result.get(key, 0) + count
        return result

    def _percentiles(
        self,
        group: Key | None,
        value: Key,
        percents: tuple[int, ...] = (50, 90),
        where: ColumnElement[bool] | None = None,
    ) -> dict[Any, dict[int, int]]:
        """Nearest-rank percentiles per group in one query: {group: {percent: value}}."""
        partition = [group] if group is not None else []
        ranked = (
            select(
                self._key(group).label("k"),
                value.label("v"),
                func.row_number().over(partition_by=partition, order_by=value).label("rn"),
                func.count().over(partition_by=partition).label("n"),
            )
            .where(self.in_range, value.is_not(None), where if where is not None else true())
            .subquery()
        )
        ranks = {p: (ranked.c.n * p + 99) // 100 for p in percents}
        picked = select(
            ranked.c.k, ranked.c.v, *(case((ranked.c.rn == r, 1), else_=0) for r in ranks.values())
        ).where(or_(*(ranked.c.rn == r for r in ranks.values())))
        result: dict[Any, dict[int, int]] = {}
        for k, v, *hits in self.session.execute(picked):
            if k is None:
                continue
            for p, hit in zip(ranks, hits, strict=True):
                if hit:
                    result.setdefault(k, {})[p] = int(v)
        return result

    def _local_hour(self, moment: Key) -> Key:
        minutes = self.offset_minutes
        if self.session.get_bind().dialect.name == "postgresql":
            shifted = moment + func.make_interval(0, 0, 0, 0, 0, minutes)
            return cast(func.extract("hour", shifted), Integer)
        return cast(func.strftime("%H", moment, f"{minutes:+d} minutes"), Integer)

    def _busiest(self, group: Key | None, moment: Key) -> dict[Any, int]:
        """The local hour with the most tickets per group (the earliest hour on a tie)."""
        hour = self._local_hour(moment)
        grouping = [group, hour] if group is not None else [hour]
        counted = (
            select(self._key(group).label("k"), hour.label("h"), func.count().label("c"))
            .where(self.in_range, moment.is_not(None))
            .group_by(*grouping)
            .subquery()
        )
        ranked = select(
            counted.c.k,
            counted.c.h,
            func.row_number()
            .over(partition_by=[counted.c.k], order_by=[counted.c.c.desc(), counted.c.h])
            .label("rn"),
        ).subquery()
        rows = self.session.execute(select(ranked.c.k, ranked.c.h).where(ranked.c.rn == 1))
        return {k: int(h) for k, h in rows if k is not None}

    def _hourly(self) -> dict[int, int]:
        hour = self._local_hour(Ticket.issued_at)
        rows = self.session.execute(
            select(hour, func.count()).where(self.in_range).group_by(hour).order_by(hour)
        )
        return {int(h): int(c) for h, c in rows}


def report_csv(report: Report) -> str:
    """One table: a section column (agency/counter/total) then every figure; the online
    booking figures last (empty for counters: a counter takes no bookings)."""
    out = io.StringIO()
    writer = csv.writer(out)
    names = [f.name for f in fields(ReportRow)]
    writer.writerow(["section", "date_from", "date_to", *names, *BOOKING_COLUMNS])
    booked = {r.key: r for r in report.bookings}
    for section, rows in (
        ("agency", report.agencies),
        ("counter", report.counters),
        ("total", [report.total]),
    ):
        for row in rows:
            writer.writerow(
                [
                    section,
                    report.date_from.isoformat(),
                    report.date_to.isoformat(),
                    *("" if getattr(row, n) is None else getattr(row, n) for n in names),
                    *booking_cells(booked, section, row.key),
                ]
            )
    return out.getvalue()


def format_duration(seconds: int | None) -> str:
    if seconds is None:
        return "-"
    minutes, secs = divmod(seconds, 60)
    return f"{minutes}m{secs:02d}s"


def report_text(report: Report, lang: str = "en") -> str:
    """A plain-text table for the terminal, in `lang` (shared/report_text.py)."""
    from shared.report_text import render

    return render(report, lang)
