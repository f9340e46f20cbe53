"""The ASGI application: pages, live streams, the JSON API and the secure headers."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared import bookings
from shared.db import Database
from shared.errors import AntreError
from shared.skm.questionnaire import Questionnaire, load_questionnaire
from web import api, booking, pages, survey
from web.csrf import Csrf, CsrfRejected
from web.forms import FormTooLarge, FormUnreadable
from web.hub import Hub
from web.limits import RateLimiter
from web.links import TokenIndex
from web.pages import TooManyGuesses
from web.render import Renderer

log = logging.getLogger("antre.web")

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; media-src 'self'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")
SECURE_HEADERS = {
    "Content-Security-Policy": CSP,
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
}


class SecureHeaders:
    """Adds SECURE_HEADERS (and no-store outside /static/) to every HTTP response.

    A plain ASGI middleware, not @app.middleware("http"): that one passes each chunk of a
    streamed body through a memory stream and another task, a cost paid on every event of
    every live page."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cache = not scope["path"].startswith("/static/")

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURE_HEADERS.items():
                    headers.setdefault(name, value)
                if cache:
                    headers.setdefault("Cache-Control", "no-store")
            await send(message)

        await self.app(scope, receive, with_headers)


async def booking_upkeep(db: Database, *, every_s: float = 3600) -> None:
    """Missed bookings become no-shows and old bookings' names and phone numbers are
    removed (the site's retention): at start, then every hour."""
    while True:
        try:
            done = await asyncio.to_thread(bookings.maintain, db)
            if done.no_shows or done.forgotten:
                log.info("bookings: %d missed, %d forgotten", done.no_shows, done.forgotten)
        except AntreError as error:
            log.warning("booking upkeep failed: %s", error)
        await asyncio.sleep(every_s)


def create_app(db: Database, *, poll_interval: float = 0.05,
               link_misses_per_minute: int = 30, secret: bytes | None = None,
               questionnaire: Questionnaire | None = None,
               survey_posts_per_minute: int = 30,
               booking_posts_per_minute: int = 20) -> FastAPI:
    """The web service on `db`; one Hub (one change watcher) per application. `secret`
    signs form tokens (web.csrf); without one, forms opened before a restart are refused."""
    hub = Hub(db, interval=poll_interval)

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        hub.start()
        upkeep = asyncio.create_task(booking_upkeep(db))
        try:
            yield
        finally:
            upkeep.cancel()
            await hub.stop()

    app = FastAPI(title="Antre web", version="1", lifespan=lifespan, docs_url=None,
                  redoc_url=None)
    app.state.db = db
    app.state.hub = hub
    app.state.tokens = TokenIndex(db)
    app.state.render = Renderer()
    app.state.link_limiter = RateLimiter(limit=link_misses_per_minute, window_s=60)
    app.state.csrf = Csrf(secret)
    app.state.questionnaire = questionnaire or load_questionnaire()
    # Many phones share the hall's Wi-Fi address: generous, yet a flood is stopped.
    app.state.survey_limiter = RateLimiter(limit=survey_posts_per_minute, window_s=60)
    app.state.booking_limiter = RateLimiter(limit=booking_posts_per_minute, window_s=60)

    app.add_middleware(SecureHeaders)

    @app.exception_handler(AntreError)
    async def known_error(request: Request, error: AntreError) -> HTMLResponse | JSONResponse:
        # The database is down or not set up: a plain page, a 503, the cause in the log.
        # The path is not logged: it may hold a ticket's link token.
        log.warning("%s request failed: %s", request.method, error)
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": "unavailable"}, status_code=503)
        return app.state.render.message(request, "error_title", "stale", status=503)

    @app.exception_handler(TooManyGuesses)
    async def too_many(request: Request, _error: TooManyGuesses) -> Response:
        headers = {"Retry-After": "60"}
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": "too many requests"}, status_code=429,
                                headers=headers)
        response = app.state.render.message(request, "error_title", "busy", status=429)
        response.headers.update(headers)
        return response

    @app.exception_handler(CsrfRejected)
    async def forged(request: Request, error: CsrfRejected) -> Response:
        log.warning("%s form refused: %s", request.method, error.reason)
        return app.state.render.message(request, "form_expired_title", "form_expired",
                                        status=403)

    @app.exception_handler(FormTooLarge)
    async def too_large(request: Request, _error: FormTooLarge) -> Response:
        return app.state.render.message(request, "error_title", "form_too_large", status=413)

    @app.exception_handler(FormUnreadable)
    async def unreadable(request: Request, _error: FormUnreadable) -> Response:
        return app.state.render.message(request, "error_title", "form_bad", status=400)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        if request.url.path.startswith(("/api/", "/static/")) or error.status_code != 404:
            return await http_exception_handler(request, error)
        return app.state.render.message(request, "not_found_title", "not_found", status=404)

    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(survey.router)
    app.include_router(booking.router)
    app.mount("/static", StaticFiles(packages=[("web", "static")]), name="static")
    return app

