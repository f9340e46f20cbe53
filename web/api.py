"""The JSON API (documented by its OpenAPI schema): the same data as the pages."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, HTTPException, Path, Request
from pydantic import BaseModel

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
