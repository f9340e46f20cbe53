"""The survey report for a period: the index for the whole MPP, per agency and per counter,
the respondents' profile and the suggestions, computed in the database (sums and counts
grouped by agency or counter; no answer sheet is loaded into Python except the comments).

The population of a group is the tickets it served (status done) in the period: an agency
by the queue a ticket ended in, a counter by the counter that finished it; responses are
grouped the same way (they copy the ticket's agency and counter). Periods are service days.
Three passes over the period: answer sheets and served tickets counted per (agency, counter),
and the profile per combination of its four fields; everything else is summed from those.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from shared import clock, lookups
from shared.db import Database
from shared.errors import AntreError
from shared.models import IS_DONE, Counter, Service, SurveyResponse, Ticket
from shared.skm.index import SkmIndex, index_from_sums
from shared.skm.questionnaire import ELEMENT_CODES, PROFILE_CODES
from shared.ticket_links import Links, qr_payload

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
        sums = self._response_sums()
        served = self._served()
        total = _combine(sums, served, lambda pair: 0).get(0)
        return SkmReport(
            site_name=self.site.name,
            date_from=self.date_from,
            date_to=self.date_to,
            agency=self.service.code if self.service else None,
            total=_named(total or _EMPTY, "ALL", "Seluruh MPP"),
            agencies=self._agencies(_combine(sums, served, lambda pair: pair[0])),
            counters=self._counters(_combine(sums, served, lambda pair: pair[1])),
            profile=self._profile(),
            comments=self._comments(),
        )

    def _response_sums(self) -> dict[tuple[Any, Any], _Sums]:
        """One pass over the period's answer sheets, per (agency, counter): respondents and
        each element's count and sum (additive, so agencies, counters and the total are
        summed from these few rows)."""
        group = (SurveyResponse.service_id, SurveyResponse.counter_id)
        query = (
            select(*group, func.count(), *(func.count(c) for c in _ELEMENT_COLUMNS),
                   *(func.sum(c) for c in _ELEMENT_COLUMNS))
            .where(self.responses_where)
            .group_by(*group)
        )
        n = len(ELEMENT_CODES)
        return {
            (sid, cid): _Sums(int(count), [int(v or 0) for v in rest[:n]],
                              [int(v or 0) for v in rest[n:]])
            for sid, cid, count, *rest in self.session.execute(query)
        }

    def _served(self) -> dict[tuple[Any, Any], int]:
        """One pass over the period's served tickets, per (agency, counter)."""
        group = (Ticket.service_id, Ticket.counter_id)
        query = select(*group, func.count()).where(self.tickets_where).group_by(*group)
        return {(sid, cid): int(n) for sid, cid, n in self.session.execute(query)}

    def _agencies(self, found: dict[Any, SkmIndex]) -> list[SkmIndex]:
        services = self.session.scalars(select(Service).order_by(Service.position, Service.id))
        return [_named(found[s.id], s.code, s.name) for s in services if s.id in found]

    def _counters(self, found: dict[Any, SkmIndex]) -> list[SkmIndex]:
        counters = self.session.scalars(select(Counter).order_by(Counter.number))
        return [_named(found[c.id], str(c.number), c.name) for c in counters if c.id in found]

    def _profile(self) -> dict[str, dict[str | None, int]]:
        """One pass: every combination of the four fields, counted, then summed per field."""
        columns = [getattr(SurveyResponse, code) for code in PROFILE_CODES]
        query = select(*columns, func.count()).where(self.responses_where).group_by(*columns)
        result: dict[str, dict[str | None, int]] = {code: {} for code in PROFILE_CODES}
        for *values, n in self.session.execute(query):
            for code, value in zip(PROFILE_CODES, values, strict=True):
                result[code][value] = result[code].get(value, 0) + int(n)
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


@dataclass
class _Sums:
    respondents: int
    answered: list[int]  # per element, in ELEMENT_CODES order
    totals: list[int]

    def add(self, other: _Sums) -> None:
        self.respondents += other.respondents
        self.answered = [a + b for a, b in zip(self.answered, other.answered, strict=True)]
        self.totals = [a + b for a, b in zip(self.totals, other.totals, strict=True)]


_EMPTY = index_from_sums("", "", respondents=0, population=0, answered={}, totals={})


def _combine(
    sums: dict[tuple[Any, Any], _Sums],
    served: dict[tuple[Any, Any], int],
    key: Callable[[tuple[Any, Any]], Any],
) -> dict[Any, SkmIndex]:
    """The (agency, counter) rows summed per `key` (agency id, counter id or 0 for all)."""
    grouped: dict[Any, _Sums] = {}
    population: dict[Any, int] = {}
    for pair, part in sums.items():
        k = key(pair)
        if k is not None:
            grouped.setdefault(k, _Sums(0, [0] * len(ELEMENT_CODES), [0] * len(ELEMENT_CODES)))
            grouped[k].add(part)
    for pair, n in served.items():
        k = key(pair)
        if k is not None:
            population[k] = population.get(k, 0) + n
    empty = _Sums(0, [], [])
    return {
        k: index_from_sums(
            "", "", respondents=(g := grouped.get(k, empty)).respondents,
            population=population.get(k, 0),
            answered=dict(zip(ELEMENT_CODES, g.answered, strict=False)),
            totals=dict(zip(ELEMENT_CODES, g.totals, strict=False)),
        )
        for k in set(grouped) | set(population)
    }


def _named(index: SkmIndex, key: str, label: str) -> SkmIndex:
    return replace(index, key=key, label=label)
