"""The visitor's pages: the ticket status from the QR and the hall board, both live."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from shared.errors import AntreError
from shared.live_status import TicketState
from web.board import BoardView
from web.hub import BOARD, Generation, Hub
from web.limits import RateLimiter, client_key
from web.render import Renderer, language
from web.stream import SAME, Same, event_stream
from web.survey_offer import survey_is_open

router = APIRouter(include_in_schema=False)


def _hub(request: Request) -> Hub:
    hub: Hub = request.app.state.hub
    return hub


def _render(request: Request) -> Renderer:
    render: Renderer = request.app.state.render
    return render


class TooManyGuesses(Exception):
    """This client missed too many ticket links lately (answered 429)."""


async def find_ticket(request: Request, token: str) -> int | None:
    """The ticket of a link; misses count against the client's rate limit."""
    limiter: RateLimiter = request.app.state.link_limiter
    key = client_key(request)
    if limiter.blocked(key):
        raise TooManyGuesses()
    found: int | None = await asyncio.to_thread(request.app.state.tokens.find, token)
    if found is None:
        limiter.record(key)
    return found


def _lang_query(lang: str) -> str:
    return f"?lang={lang}"


@router.get("/t/{token}", response_class=HTMLResponse)
async def ticket_page(request: Request, token: str) -> Response:
    ticket_id = await find_ticket(request, token)
    state = await _hub(request).ticket_state(ticket_id) if ticket_id else None
    if state is None:
        return _render(request).message(request, "not_found_title", "not_found", status=404)
    lang = language(request)
    survey = await survey_is_open(request, state.id) if state.status == "done" else None
    return _render(request).page(
        request, "ticket.html", state=state, online=_hub(request).online,
        site_name=request.app.state.tokens.site_name, stream=f"/t/{token}/events{_lang_query(lang)}",
        survey=survey, survey_link=f"/t/{token}/survey{_lang_query(lang)}")


@router.get("/t/{token}/events")
async def ticket_events(request: Request, token: str) -> Response:
    ticket_id = await find_ticket(request, token)
    if ticket_id is None:
        return Response(status_code=404)
    hub, render, lang = _hub(request), _render(request), language(request)
    hub.watch_ticket(ticket_id)
    shown: list[tuple[TicketState, bool] | None] = [None]  # what the page was sent last

    async def payload(generation: Generation) -> dict[str, Any] | Same | None:
        try:
            state = await hub.ticket_state(ticket_id)
        except AntreError:  # the database is away and this ticket's state was not kept
            if shown[0] is None:
                return SAME  # the stream stays open; the page shows what it was served
            state, generation = shown[0][0], Generation(generation.number, online=False)
        if state is None:
            return None
        # Most changes are about other tickets: render only when this page would change.
        if shown[0] == (state, generation.online):
            return SAME
        shown[0] = (state, generation.online)
        survey = await survey_is_open(request, ticket_id) if state.status == "done" else None
        html = render.fragment("_ticket.html", lang=lang, state=state,
                               online=generation.online, survey=survey,
                               survey_link=f"/t/{token}/survey{_lang_query(lang)}")
        return {"html": html, "status": state.status, "recalls": state.recalls}

    return event_stream(hub, ticket_id, payload, lambda: hub.unwatch_ticket(ticket_id))


@router.get("/", response_class=HTMLResponse)
async def board_page(request: Request) -> Response:
    board = await _hub(request).board_view()
    lang = language(request)
    return _render(request).page(request, "board.html", board=board,
                                 site_name=board.site_name,
                                 online=_hub(request).online,
                                 stream=f"/events{_lang_query(lang)}")


@router.get("/events")
async def board_events(request: Request) -> Response:
    hub, render, lang = _hub(request), _render(request), language(request)
    hub.watch_board()

    async def payload(generation: Generation) -> dict[str, Any]:
        board = await hub.board_view()
        return {"html": _board_html(render, board, lang, generation.online)}

    return event_stream(hub, BOARD, payload, hub.unwatch_board)


_board_cache: dict[tuple[str, bool], tuple[BoardView, str]] = {}


def _board_html(render: Renderer, board: BoardView, lang: str, online: bool) -> str:
    """Every board page shows the same board: rendered once per change and language."""
    cached = _board_cache.get((lang, online))
    if cached is not None and cached[0] is board:
        return cached[1]
    html = render.fragment("_board.html", lang=lang, board=board, online=online)
    _board_cache[(lang, online)] = (board, html)
    return html
