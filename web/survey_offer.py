"""Whether a ticket's page offers the satisfaction survey now (done, not answered, in time)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from fastapi import Request

from shared import clock, lookups
from shared.db import Database
from shared.skm.responses import SurveyRefused, survey_ticket


@dataclass(frozen=True)
class OpenSurvey:
    number: str
    agency_name: str
    closes_at: str  # "14:35" in the site's time zone (with the date when not today)


def open_survey(db: Database, ticket_id: int) -> OpenSurvey:
    """The survey offered for a ticket now; raises SurveyRefused. Blocks: use a thread."""
    ticket = survey_ticket(db, ticket_id=ticket_id)
    with db.read() as session:
        tz = lookups.site(session).timezone
    closes = clock.local(ticket.closes_at, tz)
    today = clock.local(clock.now(), tz).date()
    shown = f"{closes:%H:%M}" if closes.date() == today else f"{closes:%d-%m-%Y %H:%M}"
    return OpenSurvey(ticket.number, ticket.agency_name, shown)


async def survey_is_open(request: Request, ticket_id: int) -> OpenSurvey | None:
    try:
        return await asyncio.to_thread(open_survey, request.app.state.db, ticket_id)
    except SurveyRefused:
        return None
