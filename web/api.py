"""The JSON API (documented by its OpenAPI schema): the same data as the pages."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Literal

from fastapi import APIRouter, HTTPException, Path, Query, Request
from pydantic import BaseModel

from shared import bookings
from shared.booking_slots import DayOffer
from shared.db import Database
from shared.errors import BookingError, NotFoundError
from shared.schedule import hhmm
from web.hub import Hub
from web.pages import find_ticket

router = APIRouter(prefix="/api")

TOKEN = Path(min_length=1, max_length=64, description="the token of the ticket's link")


class TicketOut(BaseModel):
    number: str
    day: str
    status: Literal["waiting", "called", "done", "no_show", "expired"]
    agency_code: str
    agency_name: str
    issued_agency_name: str
    transferred: bool
    priority: str | None
    counter: int | None
    recalls: int
    people_ahead: int
    wait_minutes: int


class CallOut(BaseModel):
    number: str
    counter: int
    agency: str
    recall: bool


class CounterOut(BaseModel):
    number: int
    name: str
    current: str | None
    agency: str | None
    state: Literal["serving", "idle", "paused", "closed"]  # closed: nobody signed in there


class AgencyOut(BaseModel):
    code: str
    name: str
    prefix: str
    waiting: int
    served: int
    open: bool


class BoardOut(BaseModel):
    site_name: str
    calls: list[CallOut]
    counters: list[CounterOut]
    agencies: list[AgencyOut]


class Problem(BaseModel):
    detail: str


class SlotOut(BaseModel):
    start: str  # "09:00", site-local
    end: str
    free: int


class SlotsOut(BaseModel):
    agency: str
    day: str
    refusal: str | None  # why the day cannot be booked (a catalogue code), else None
    day_full: bool
    slots: list[SlotOut]


AGENCY = Path(min_length=1, max_length=20, pattern=r"^[A-Za-z][A-Za-z0-9_]*$",
              description="the agency's code")
DAY = Query(description="the day, YYYY-MM-DD (site-local)")


@router.get("/booking/{agency}/slots", response_model=SlotsOut,
            responses={404: {"model": Problem}, 503: {"model": Problem}})
async def booking_slots(request: Request, agency: str = AGENCY, day: date = DAY) -> SlotsOut:
    """An agency's bookable slots on a day with their free places (online booking)."""
    db: Database = request.app.state.db
    try:
        offer: DayOffer = await asyncio.to_thread(bookings.offer, db, agency=agency, day=day)
    except NotFoundError:
        raise HTTPException(404, "unknown agency") from None
    except BookingError as why:
        if why.reason == "not_bookable":
            raise HTTPException(404, "no online booking for this agency") from None
        return SlotsOut(agency=agency.upper(), day=day.isoformat(), refusal=why.code,
                        day_full=False, slots=[])
    return SlotsOut(agency=agency.upper(), day=day.isoformat(), refusal=None,
                    day_full=offer.day_full,
                    slots=[SlotOut(start=hhmm(s.start), end=hhmm(s.start + s.minutes),
                                   free=0 if offer.day_full else s.free)
                           for s in offer.slots])


@router.get("/tickets/{token}", response_model=TicketOut,
            responses={404: {"model": Problem}, 429: {"model": Problem},
                       503: {"model": Problem}})
async def ticket(request: Request, token: str = TOKEN) -> TicketOut:
    """A ticket's state, found by the token of its link."""
    hub: Hub = request.app.state.hub
    ticket_id = await find_ticket(request, token)
    state = await hub.ticket_state(ticket_id) if ticket_id else None
    if state is None:
        raise HTTPException(404, "unknown ticket link")
    return TicketOut(**state.to_json())


@router.get("/board", response_model=BoardOut, responses={503: {"model": Problem}})
async def board(request: Request) -> BoardOut:
    """What the hall display shows: recent calls, counters, waiting per agency."""
    hub: Hub = request.app.state.hub
    view = await hub.board_view()
    return BoardOut(**view.to_json())
