"""Answer sheets: one per served ticket, only while its window is open, text cleaned.

The rules: the ticket must exist and be finished (done); it may be answered once; and only
within the site's window after it was finished (`[survey] window_minutes`). A refusal is a
`SurveyRefused` carrying a `Refusal` code and its data, worded by `shared.skm.words`.
"""

from __future__ import annotations

import enum
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shared import clock, lookups
from shared.db import Database
from shared.errors import AntreError
from shared.models import SurveyResponse, Ticket, TicketStatus
from shared.skm.questionnaire import ELEMENT_CODES, PROFILE_CODES, Questionnaire
from shared.skm.words import say
from shared.words import Said

MAX_SUGGESTION = 2000  # characters, after cleaning: a long complaint fits, a pasted file not
CHANNELS = ("tablet", "web", "cli")


class Refusal(enum.StrEnum):
    NO_TICKET = "no_ticket"
    NOT_FINISHED = "not_finished"
    ALREADY_ANSWERED = "already_answered"
    WINDOW_CLOSED = "window_closed"
    NO_ANSWERS = "no_answers"
    BAD_ANSWER = "bad_answer"
    BAD_PROFILE = "bad_profile"
    TEXT_TOO_LONG = "text_too_long"


class SurveyRefused(AntreError):
    """A survey answer is refused; `reason` and `data` let each screen word it."""

    def __init__(self, reason: Refusal, **data: Any) -> None:
        super().__init__(say(f"refusal.{reason}", "en", **data))
        self.reason = reason
        self.data = data
        self.said = Said(f"skm.refusal.{reason}", data)

    def words(self, lang: str) -> str:
        return say(f"refusal.{self.reason}", lang, **self.data)


@dataclass(frozen=True)
class Answers:
    """What a visitor gave: element code -> 1..4 (a skipped element is absent or None),
    profile field -> option code (optional) and the free text."""

    elements: dict[str, int | None] = field(default_factory=dict)
    profile: dict[str, str | None] = field(default_factory=dict)
    suggestion: str = ""


@dataclass(frozen=True)
class SurveyTicket:
    """A finished ticket a survey may be offered for (plain values, for screens)."""

    ticket_id: int
    number: str
    agency_code: str
    agency_name: str
    finished_at: datetime  # aware UTC
    closes_at: datetime  # aware UTC: the window's end
    answered: bool


def clean_text(text: str) -> str:
    """Removes control and format characters (keeping line breaks, tabs become spaces),
    normalises line endings and Unicode (NFC) and trims the ends."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    kept = []
    for char in text:
        if char == "\n":
            kept.append(char)
        elif char == "\t":
            kept.append(" ")
        elif unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn"):
            continue
        else:
            kept.append(char)
    return "".join(kept).strip()


def validate(answers: Answers, questionnaire: Questionnaire | None = None) -> Answers:
    """The answers checked and the free text cleaned; raises SurveyRefused."""
    elements: dict[str, int | None] = {}
    for code, value in answers.elements.items():
        if code not in ELEMENT_CODES:
            raise SurveyRefused(Refusal.BAD_ANSWER, element=code)
        if value is not None and (isinstance(value, bool) or value not in (1, 2, 3, 4)):
            raise SurveyRefused(Refusal.BAD_ANSWER, element=code)
        elements[code] = value
    if not any(v is not None for v in elements.values()):
        raise SurveyRefused(Refusal.NO_ANSWERS)
    profile: dict[str, str | None] = {}
    for code, choice in answers.profile.items():
        if code not in PROFILE_CODES:
            raise SurveyRefused(Refusal.BAD_PROFILE, field=code)
        if choice is not None and (not isinstance(choice, str) or len(choice) > 20):
            raise SurveyRefused(Refusal.BAD_PROFILE, field=code)
        known = questionnaire is None or questionnaire.field(code).option(choice) is not None
        if choice is not None and not known:
            raise SurveyRefused(Refusal.BAD_PROFILE, field=code)
        profile[code] = choice or None
    text = clean_text(answers.suggestion)
    if len(text) > MAX_SUGGESTION:
        raise SurveyRefused(Refusal.TEXT_TOO_LONG, limit=MAX_SUGGESTION, length=len(text))
    return Answers(elements, profile, text)


def _closes_at(session: Session, ticket: Ticket) -> datetime:
    assert ticket.finished_at is not None
    minutes = lookups.site(session).survey_window_minutes
    return clock.from_utc_naive(ticket.finished_at) + timedelta(minutes=minutes)


def _open_ticket(session: Session, ticket_id: int, at: datetime) -> Ticket:
    """The ticket if a survey may be answered for it now; raises SurveyRefused."""
    ticket = session.get(Ticket, ticket_id)
    if ticket is None:
        raise SurveyRefused(Refusal.NO_TICKET)
    if ticket.status != TicketStatus.DONE or ticket.finished_at is None:
        raise SurveyRefused(Refusal.NOT_FINISHED, number=ticket.number)
    answered = session.scalar(
        select(SurveyResponse.id).where(SurveyResponse.ticket_id == ticket.id)
    )
    if answered is not None:
        raise SurveyRefused(Refusal.ALREADY_ANSWERED, number=ticket.number)
    if at > _closes_at(session, ticket):
        minutes = lookups.site(session).survey_window_minutes
        raise SurveyRefused(Refusal.WINDOW_CLOSED, number=ticket.number, minutes=minutes)
    return ticket


def survey_ticket(db: Database, *, ticket_id: int, now: datetime | None = None) -> SurveyTicket:
    """The ticket a survey is open for; raises SurveyRefused if none may be answered now."""
    at = clock.from_utc_naive(clock.to_utc_naive(now or clock.now()))
    with db.read() as session:
        ticket = _open_ticket(session, ticket_id, at)
        assert ticket.finished_at is not None
        return SurveyTicket(
            ticket_id=ticket.id,
            number=ticket.number,
            agency_code=ticket.service.code,
            agency_name=ticket.service.name,
            finished_at=clock.from_utc_naive(ticket.finished_at),
            closes_at=_closes_at(session, ticket),
            answered=False,
        )


def submit(
    db: Database,
    *,
    ticket_id: int,
    answers: Answers,
    channel: str,
    questionnaire: Questionnaire | None = None,
    now: datetime | None = None,
) -> int:
    """Stores one answer sheet for a finished ticket; returns its id.

    The agency, counter, staff and times are copied from the ticket. Answering twice, late,
    or for a ticket that was not served raises SurveyRefused, and nothing is written.
    """
    if channel not in CHANNELS:
        raise ValueError(f"unknown survey channel {channel!r}")
    checked = validate(answers, questionnaire)
    at_naive = clock.to_utc_naive(now or clock.now())
    at = clock.from_utc_naive(at_naive)

    def work(session: Session) -> int:
        ticket = _open_ticket(session, ticket_id, at)
        assert ticket.finished_at is not None
        row = SurveyResponse(
            ticket_id=ticket.id,
            service_id=ticket.service_id,
            counter_id=ticket.counter_id,
            staff_id=ticket.staff_id,
            day=ticket.day,
            issued_at=ticket.issued_at,
            called_at=ticket.called_at,
            finished_at=ticket.finished_at,
            answered_at=at_naive,
            channel=channel,
            suggestion=checked.suggestion,
            **{code.lower(): checked.elements.get(code) for code in ELEMENT_CODES},
            **{code: checked.profile.get(code) for code in PROFILE_CODES},
        )
        session.add(row)
        session.flush()
        return row.id

    try:
        return db.run_write(work)
    except AntreError as error:
        # Two screens sending the same ticket at once: the unique ticket_id decides.
        if isinstance(error.__cause__, IntegrityError):
            raise SurveyRefused(Refusal.ALREADY_ANSWERED, number=_number(db, ticket_id)) from None
        raise


def _number(db: Database, ticket_id: int) -> str:
    with db.read() as session:
        ticket = session.get(Ticket, ticket_id)
        return ticket.number if ticket else "?"
