"""The survey report for a period: the index for the whole MPP, per agency and per counter,
the respondents' profile and the suggestions, computed in the database (sums and counts
grouped by agency or counter; no answer sheet is loaded into Python except the comments).

The population of a group is the tickets it served (status done) in the period: an agency
by the queue a ticket ended in, a counter by the counter that finished it; responses are
grouped the same way (they copy the ticket's agency and counter). Periods are service days.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, func, literal_column, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from shared import clock, lookups
from shared.db import Database
from shared.errors import AntreError
from shared.models import IS_DONE, Counter, Service, SurveyResponse, Ticket
from shared.skm.index import SkmIndex, index_from_sums
from shared.skm.questionnaire import ELEMENT_CODES, PROFILE_CODES
from shared.tickets import Links, qr_payload

Key = ColumnElement[Any] | InstrumentedAttribute[Any]
_ELEMENT_COLUMNS = [getattr(SurveyResponse, code.lower()) for code in ELEMENT_CODES]


@dataclass(frozen=True)
class Comment:
    """A suggestion with what a manager needs to follow it up (never the staff's name)."""

    day: date
    number: str
    agency_code: str
    counter: int | None
    answered_at: datetime  # aware UTC
    text: str
    link: str | None  # the ticket's status page when the site has a status URL
    ticket_id: int


@dataclass(frozen=True)
class SkmReport:
    site_name: str
    date_from: date
    date_to: date
    agency: str | None  # the agency code the report is limited to
    total: SkmIndex
    agencies: list[SkmIndex]
    counters: list[SkmIndex]
    profile: dict[str, dict[str | None, int]]  # field -> option code (None: not given) -> n
    comments: list[Comment]

    @property
    def empty(self) -> bool:
        return self.total.respondents == 0


def build_skm_report(
    db: Database, *, date_from: date, date_to: date | None = None, agency: str | None = None
) -> SkmReport:
    date_to = date_to or date_from
    if date_to < date_from:
        raise AntreError(
            "error.range_order", start=date_from.isoformat(), end=date_to.isoformat()
        )
    with db.read() as session:
        service = lookups.service_by_code(session, agency) if agency else None
        return _Builder(session, date_from, date_to, service).build()


class _Builder:
    def __init__(
        self, session: Session, date_from: date, date_to: date, service: Service | None
    ) -> None:
        self.session = session
        self.date_from, self.date_to = date_from, date_to
        self.service = service
        self.site = lookups.site(session)
        responses = [SurveyResponse.day >= date_from, SurveyResponse.day <= date_to]
        tickets: list[ColumnElement[bool]] = [
            Ticket.day >= date_from, Ticket.day <= date_to, IS_DONE  # type: ignore[list-item]
        ]
        if service is not None:
            responses.append(SurveyResponse.service_id == service.id)
            tickets.append(Ticket.service_id == service.id)
        self.responses_where = and_(*responses)
        self.tickets_where = and_(*tickets)

    def build(self) -> SkmReport:
        total = self._indexes(None, None)
        return SkmReport(
            site_name=self.site.name,
            date_from=self.date_from,
            date_to=self.date_to,
            agency=self.service.code if self.service else None,
            total=(total.get(0) or index_from_sums("ALL", "", respondents=0, population=0,
                                                    answered={}, totals={})),
            agencies=self._agencies(),
            counters=self._counters(),
            profile=self._profile(),
            comments=self._comments(),
        )

    def _indexes(self, group: Key | None, ticket_group: Key | None) -> dict[Any, SkmIndex]:
        """Per group key: respondents, per-element counts and sums, and the population."""
        key = group if group is not None else literal_column("0")
        query = select(
            key.label("k"),
            func.count(),
            *(func.count(c) for c in _ELEMENT_COLUMNS),
            *(func.sum(c) for c in _ELEMENT_COLUMNS),
        ).where(self.responses_where)
        if group is not None:
            query = query.group_by(group)
        tkey = ticket_group if ticket_group is not None else literal_column("0")
        served_query = select(tkey, func.count()).where(self.tickets_where)
        if ticket_group is not None:
            served_query = served_query.group_by(ticket_group)
        served = {k: int(n) for k, n in self.session.execute(served_query)}
        n = len(ELEMENT_CODES)
        result: dict[Any, SkmIndex] = {}
        for k, respondents, *figures in self.session.execute(query):
            answered = dict(zip(ELEMENT_CODES, (int(v or 0) for v in figures[:n]), strict=True))
            totals = dict(zip(ELEMENT_CODES, (int(v or 0) for v in figures[n:]), strict=True))
            result[k] = index_from_sums("", "", respondents=int(respondents),
                                        population=served.get(k, 0),
                                        answered=answered, totals=totals)
        for k, population in served.items():
            result.setdefault(k, index_from_sums("", "", respondents=0, population=population,
                                                 answered={}, totals={}))
        if group is None and 0 in result:
            result[0] = _named(result[0], "ALL", "Seluruh MPP")
        return result

    def _agencies(self) -> list[SkmIndex]:
        found = self._indexes(SurveyResponse.service_id, Ticket.service_id)
        services = self.session.scalars(select(Service).order_by(Service.position, Service.id))
        return [
            _named(found[s.id], s.code, s.name)
            for s in services
            if s.id in found and (self.service is None or s.id == self.service.id)
        ]

    def _counters(self) -> list[SkmIndex]:
        found = self._indexes(SurveyResponse.counter_id, Ticket.counter_id)
        counters = self.session.scalars(select(Counter).order_by(Counter.number))
        return [_named(found[c.id], str(c.number), c.name) for c in counters if c.id in found]

    def _profile(self) -> dict[str, dict[str | None, int]]:
        result: dict[str, dict[str | None, int]] = {}
        for code in PROFILE_CODES:
            column = getattr(SurveyResponse, code)
            rows = self.session.execute(
                select(column, func.count()).where(self.responses_where).group_by(column)
            )
            result[code] = {value: int(n) for value, n in rows}
        return result

    def _comments(self) -> list[Comment]:
        query = (
            select(SurveyResponse, Ticket.number, Service.code, Counter.number)
            .join(Ticket, Ticket.id == SurveyResponse.ticket_id)
            .join(Service, Service.id == SurveyResponse.service_id)
            .outerjoin(Counter, Counter.id == SurveyResponse.counter_id)
            .where(self.responses_where, SurveyResponse.suggestion != "")
            .order_by(SurveyResponse.answered_at, SurveyResponse.id)
        )
        status_url = self.site.status_url
        return [
            Comment(
                day=row.day,
                number=number,
                agency_code=code,
                counter=counter,
                answered_at=clock.from_utc_naive(row.answered_at),
                text=row.suggestion,
                link=(qr_payload(Links(status_url=status_url), number=number,
                                 ticket_id=row.ticket_id, day=row.day)
                      if status_url else None),
                ticket_id=row.ticket_id,
            )
            for row, number, code, counter in self.session.execute(query)
        ]


def _named(index: SkmIndex, key: str, label: str) -> SkmIndex:
    return replace(index, key=key, label=label)
