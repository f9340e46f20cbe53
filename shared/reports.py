"""Day and range reports, computed in the database (counts, percentiles, busiest hour).

Percentiles are nearest-rank, picked with window functions so the same SQL runs on SQLite
and PostgreSQL and no ticket list is loaded into Python.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import ColumnElement, Integer, and_, case, cast, func, literal_column, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from shared import clock, lookups
from shared.db import Database
from shared.errors import AntreError
from shared.models import Counter, Service, Ticket, TicketStatus


@dataclass(frozen=True)
class ReportRow:
    key: str
    label: str
    issued: int = 0
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

    @property
    def empty(self) -> bool:
        return self.total.issued == 0


def build_report(db: Database, *, date_from: date, date_to: date | None = None) -> Report:
    date_to = date_to or date_from
    if date_to < date_from:
        raise AntreError(
            f"the range ends ({date_to.isoformat()}) before it starts ({date_from.isoformat()})"
        )
    with db.read() as session:
        return _Builder(session, date_from, date_to).build()


class _Builder:
    def __init__(self, session: Session, date_from: date, date_to: date) -> None:
        self.session = session
        self.date_from = date_from
        self.date_to = date_to
        self.site = lookups.site(session)
        self.in_range = and_(Ticket.day >= date_from, Ticket.day <= date_to)
        noon = datetime.combine(date_from, time(12), tzinfo=UTC)
        offset = clock.local(noon, self.site.timezone).utcoffset()
        self.offset_minutes = int(offset.total_seconds() // 60) if offset else 0

    def build(self) -> Report:
        services = {
            s.id: s for s in self.session.scalars(select(Service).order_by(Service.position))
        }
        counters = {c.id: c for c in self.session.scalars(select(Counter).order_by(Counter.number))}
        by_agency = self._rows(Ticket.service_id, Ticket.issued_service_id)
        by_counter = self._rows(Ticket.counter_id, None)
        agencies = [
            self._row(by_agency, sid, s.code, s.name)
            for sid, s in services.items()
            if s.active or sid in by_agency["counts"]
        ]
        counter_rows = [
            self._row(by_counter, cid, str(c.number), c.name)
            for cid, c in counters.items()
            if c.active or cid in by_counter["counts"]
        ]
        total = self._rows(None, None)
        hourly = self._hourly(None)
        return Report(
            site_name=self.site.name,
            date_from=self.date_from,
            date_to=self.date_to,
            agencies=agencies,
            counters=counter_rows,
            total=self._row(total, None, "ALL", "Semua layanan"),
            hourly=hourly,
        )

    def _row(self, data: dict[str, Any], key: Any, code: str, label: str) -> ReportRow:
        counts = data["counts"].get(key, {})
        return ReportRow(
            key=code,
            label=label,
            issued=data["issued"].get(key, 0),
            called=counts.get("called", 0),
            served=counts.get("served", 0),
            no_show=counts.get("no_show", 0),
            expired=counts.get("expired", 0),
            transferred=counts.get("transferred", 0),
            median_wait_s=data["median_wait"].get(key),
            p90_wait_s=data["p90_wait"].get(key),
            median_service_s=data["median_service"].get(key),
            busiest_hour=data["busiest"].get(key),
        )

    def _rows(
        self,
        group: InstrumentedAttribute[Any] | None,
        issued_group: InstrumentedAttribute[Any] | None,
    ) -> dict[str, Any]:
        key: ColumnElement[Any] = group if group is not None else literal_column("NULL")

        def flag(cond: ColumnElement[bool]) -> ColumnElement[Any]:
            return func.sum(case((cond, 1), else_=0))

        counts_q = select(
            key.label("k"),
            flag(Ticket.called_at.is_not(None)),
            flag(Ticket.status == TicketStatus.DONE),
            flag(Ticket.status == TicketStatus.NO_SHOW),
            flag(Ticket.status == TicketStatus.EXPIRED),
            flag(Ticket.transfers > 0),
        ).where(self.in_range)
        if group is not None:
            counts_q = counts_q.where(group.is_not(None)).group_by(group)
        counts = {
            k: dict(
                zip(
                    ("called", "served", "no_show", "expired", "transferred"),
                    (int(v or 0) for v in vals),
                    strict=True,
                )
            )
            for k, *vals in self.session.execute(counts_q)
        }
        issued_key = issued_group if issued_group is not None else group
        issued_q = select(
            (issued_key if issued_key is not None else literal_column("NULL")).label("k"),
            func.count(),
        ).where(self.in_range)
        if issued_key is not None:
            issued_q = issued_q.group_by(issued_key)
        return {
            "counts": counts,
            "issued": {k: int(n) for k, n in self.session.execute(issued_q)},
            "median_wait": self._percentile(group, Ticket.wait_seconds, 50),
            "p90_wait": self._percentile(group, Ticket.wait_seconds, 90),
            "median_service": self._percentile(group, Ticket.service_seconds, 50),
            "busiest": self._busiest(issued_key),
        }

    def _percentile(
        self,
        group: InstrumentedAttribute[Any] | None,
        value: InstrumentedAttribute[Any],
        percent: int,
    ) -> dict[Any, int]:
        """Nearest-rank percentile per group: the value at rank ceil(n * p / 100)."""
        partition = [group] if group is not None else []
        ranked = (
            select(
                (group if group is not None else literal_column("NULL")).label("k"),
                value.label("v"),
                func.row_number().over(partition_by=partition, order_by=value).label("rn"),
                func.count().over(partition_by=partition).label("n"),
            )
            .where(self.in_range, value.is_not(None))
            .subquery()
        )
        rank = (ranked.c.n * percent + 99) // 100
        rows = self.session.execute(select(ranked.c.k, ranked.c.v).where(ranked.c.rn == rank))
        return {k: int(v) for k, v in rows}

    def _local_hour(self) -> ColumnElement[Any]:
        minutes = self.offset_minutes
        if self.session.get_bind().dialect.name == "postgresql":
            shifted = Ticket.issued_at + func.make_interval(0, 0, 0, 0, 0, minutes)
            return cast(func.extract("hour", shifted), Integer)
        return cast(func.strftime("%H", Ticket.issued_at, f"{minutes:+d} minutes"), Integer)

    def _busiest(self, group: InstrumentedAttribute[Any] | None) -> dict[Any, int]:
        hour = self._local_hour()
        key = group if group is not None else literal_column("NULL")
        grouping = [group, hour] if group is not None else [hour]
        counted = (
            select(key.label("k"), hour.label("h"), func.count().label("c"))
            .where(self.in_range)
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
        return {k: int(h) for k, h in rows}

    def _hourly(self, _group: None) -> dict[int, int]:
        hour = self._local_hour()
        rows = self.session.execute(
            select(hour, func.count()).where(self.in_range).group_by(hour).order_by(hour)
        )
        return {int(h): int(c) for h, c in rows}


def report_csv(report: Report) -> str:
    """One table: a section column (agency/counter/total) then every figure."""
    out = io.StringIO()
    writer = csv.writer(out)
    names = [f.name for f in fields(ReportRow)]
    writer.writerow(["section", "date_from", "date_to", *names])
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
                ]
            )
    return out.getvalue()


def format_duration(seconds: int | None) -> str:
    if seconds is None:
        return "-"
    minutes, secs = divmod(seconds, 60)
    return f"{minutes}m{secs:02d}s"


def report_text(report: Report) -> str:
    """A plain-text table for the terminal."""
    span = (
        report.date_from.isoformat()
        if report.date_from == report.date_to
        else f"{report.date_from.isoformat()} .. {report.date_to.isoformat()}"
    )
    lines = [f"{report.site_name} — report {span}"]
    if report.empty:
        lines.append("No tickets were issued in this period.")
    header = (
        f"{'':14} {'issued':>6} {'served':>6} {'noshow':>6} {'expired':>7} {'transf':>6} "
        f"{'med.wait':>9} {'p90 wait':>9} {'med.serv':>9} {'busiest':>7}"
    )
    for title, rows in (
        ("Per agency", report.agencies),
        ("Per counter", report.counters),
        ("Total", [report.total]),
    ):
        lines += ["", title, header]
        for r in rows:
            hour = f"{r.busiest_hour:02d}:00" if r.busiest_hour is not None else "-"
            lines.append(
                f"{r.key[:14]:14} {r.issued:>6} {r.served:>6} {r.no_show:>6} {r.expired:>7} "
                f"{r.transferred:>6} {format_duration(r.median_wait_s):>9} "
                f"{format_duration(r.p90_wait_s):>9} {format_duration(r.median_service_s):>9} "
                f"{hour:>7}"
            )
    return "\n".join(lines)
