"""Online booking on the visitor's phone: agency -> day -> slot -> name and phone ->
the booking's page `/b/<token>` with its code and QR, where it can be cancelled.

Plain HTML forms (no script), each with a CSRF token (web.csrf); posts are rate-limited per
client and a missed booking link counts like a missed ticket link. The rules are the core's
(shared.bookings); this module reads forms and words refusals. Name and phone travel only in
the POST body, are never put in a URL and never logged.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from datetime import date, timedelta

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select

from shared import bookings, clock, lookups
from shared.booking_config import AgencyBooking, SiteBooking
from shared.booking_slots import DayOffer
from shared.db import Database
from shared.errors import BookingError
from shared.models import Service
from shared.schedule import hhmm
from web.csrf import Csrf
from web.limits import RateLimiter, client_key
from web.pages import TooManyGuesses
from web.qr import qr_svg
from web.render import Renderer, language

log = logging.getLogger("antre.web.booking")
router = APIRouter(include_in_schema=False)
PURPOSE = "booking"
CANCEL = "booking-cancel"


@dataclass(frozen=True)
class Bookable:
    code: str
    name: str
    colour: str
    weekdays: frozenset[int]  # the weekdays it is open



@dataclass(frozen=True)
class Calendar:
    """What the booking pages need about the site: its agencies open for booking and the days."""

    site_name: str
    agencies: tuple[Bookable, ...]
    today: date
    days_ahead: int
    closed: frozenset[str]
    retention_days: int

    def days(self) -> list[date]:
        return [self.today + timedelta(days=n) for n in range(self.days_ahead + 1)]

    def shut(self, agency: Bookable, day: date) -> bool:
        """The agency takes no bookings that day (closed weekday or closed date)."""
        return day.weekday() not in agency.weekdays or day.isoformat() in self.closed


def read_calendar(db: Database) -> Calendar:
    with db.read() as session:
        site = lookups.site(session)
        cfg = bookings.site_booking(session)
        rows = session.scalars(select(Service).where(Service.active.is_(True))
                               .order_by(Service.position, Service.id))
        agencies = tuple(
            Bookable(s.code, s.name, s.colour,
                     frozenset(int(d) for d in s.schedule.get("hours", {})))
            for s in rows if AgencyBooking.from_json(s.booking).percent > 0)
        today = clock.service_day(clock.now(), site.timezone)
        return Calendar(site.name, agencies, today, cfg.days_ahead,
                        frozenset(cfg.closed_dates), cfg.retention_days)


def _render(request: Request) -> Renderer:
    render: Renderer = request.app.state.render
    return render


def _db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def _limit(request: Request) -> None:
    limiter: RateLimiter = request.app.state.booking_limiter
    key = client_key(request)
    if limiter.blocked(key):
        raise TooManyGuesses()
    limiter.record(key)


@router.get("/booking", response_class=HTMLResponse)
async def agencies_page(request: Request) -> Response:
    calendar = await asyncio.to_thread(read_calendar, _db(request))
    return _render(request).page(request, "booking_agencies.html", calendar=calendar,
                                 site_name=calendar.site_name)


def _parse_day(text: str | None, calendar: Calendar) -> date:
    try:
        return date.fromisoformat(text) if text and len(text) == 10 else calendar.today
    except ValueError:
        return calendar.today


async def _form(request: Request, agency: str, day: date, *, status: int = 200,
                values: dict[str, str] | None = None, error: str | None = None) -> Response:
    db = _db(request)
    calendar = await asyncio.to_thread(read_calendar, db)
    chosen = next((a for a in calendar.agencies if a.code == agency), None)
    if chosen is None:
        return _render(request).message(request, "not_found_title", "booking_no_agency",
                                        status=404)
    offer: DayOffer | None = None
    refusal = None
    try:
        offer = await asyncio.to_thread(bookings.offer, db, agency=agency, day=day)
    except BookingError as why:
        refusal = why.words(language(request))
    csrf: Csrf = request.app.state.csrf
    return _render(request).form_page(
        request, "booking_form.html", csrf=csrf, purpose=PURPOSE, status=status,
        calendar=calendar, agency=chosen, day=day, offer=offer, refusal=refusal,
        values=values or {}, error=error, action=f"/booking/{agency}?lang={language(request)}",
        site_name=calendar.site_name)


@router.get("/booking/{agency}", response_class=HTMLResponse)
async def form_page(request: Request, agency: str) -> Response:
    calendar = await asyncio.to_thread(read_calendar, _db(request))
    return await _form(request, agency, _parse_day(request.query_params.get("day"), calendar))


@router.post("/booking/{agency}", response_class=HTMLResponse)
async def form_post(request: Request, agency: str) -> Response:
    _limit(request)
    csrf: Csrf = request.app.state.csrf
    fields = await csrf.read_form(request, PURPOSE, max_bytes=16 * 1024)
    kept = {k: fields.get(k, "")[:200] for k in ("name", "phone", "slot")}
    day_text = fields.get("day", "")
    try:
        day = date.fromisoformat(day_text) if len(day_text) == 10 else None
        slot = int(fields.get("slot", "")) if fields.get("slot", "").isdigit() else None
    except ValueError:
        day = None
        slot = None
    lang = language(request)
    if day is None or slot is None or slot > 24 * 60:
        calendar = await asyncio.to_thread(read_calendar, _db(request))
        return await _form(request, agency, day or calendar.today, status=422, values=kept,
                           error=BookingError("booking.no_slot").words(lang))
    try:
        made = await asyncio.to_thread(
            bookings.book, _db(request), agency=agency, day=day, slot_start=slot,
            name=fields.get("name", ""), phone=fields.get("phone", ""))
    except BookingError as why:
        return await _form(request, agency, day, status=422, values=kept,
                           error=why.words(lang))
    log.info("booking made for %s on %s", agency, day.isoformat())
    return RedirectResponse(f"/b/{made.token}?lang={lang}", status_code=303)


async def _find(request: Request, token: str) -> bookings.BookingView | None:
    limiter: RateLimiter = request.app.state.link_limiter
    key = client_key(request)
    if limiter.blocked(key):
        raise TooManyGuesses()
    found = await asyncio.to_thread(bookings.find, _db(request), token=token)
    if found is None:
        limiter.record(key)
    return found


@router.get("/b/{token}", response_class=HTMLResponse)
async def booking_page(request: Request, token: str) -> Response:
    found = await _find(request, token)
    if found is None:
        return _render(request).message(request, "booking_not_found_title",
                                        "booking_not_found", status=404)
    site_name, window = await asyncio.to_thread(_site_window, _db(request))
    return _render(request).page(
        request, "booking_view.html", booking=found, qr=qr_svg(found.code),
        site_name=site_name,
        opens=hhmm(max(0, found.slot_start - window.checkin_before_minutes)),
        closes=hhmm(found.slot_start + window.checkin_after_minutes),
        cancel=f"/b/{token}/cancel?lang={language(request)}")


@router.get("/b/{token}/cancel", response_class=HTMLResponse)
async def cancel_page(request: Request, token: str) -> Response:
    """"Really cancel?": one tap on the booking's page never cancels by itself."""
    found = await _find(request, token)
    if found is None:
        return _render(request).message(request, "booking_not_found_title",
                                        "booking_not_found", status=404)
    if not found.active:
        return RedirectResponse(f"/b/{token}?lang={language(request)}", status_code=303)
    site_name, _ = await asyncio.to_thread(_site_window, _db(request))
    csrf: Csrf = request.app.state.csrf
    return _render(request).form_page(
        request, "booking_cancel.html", csrf=csrf, purpose=CANCEL, booking=found,
        site_name=site_name, action=f"/b/{token}/cancel?lang={language(request)}",
        back=f"/b/{token}?lang={language(request)}")


def _site_window(db: Database) -> tuple[str, SiteBooking]:
    with db.read() as session:
        return lookups.site(session).name, bookings.site_booking(session)


@router.post("/b/{token}/cancel", response_class=HTMLResponse)
async def cancel_post(request: Request, token: str) -> Response:
    _limit(request)
    csrf: Csrf = request.app.state.csrf
    await csrf.read_form(request, CANCEL, max_bytes=4 * 1024)  # checked; no other field
    if await _find(request, token) is None:
        return _render(request).message(request, "booking_not_found_title",
                                        "booking_not_found", status=404)
    # Already used, cancelled or over: the booking's page says which.
    with contextlib.suppress(BookingError):
        await asyncio.to_thread(bookings.cancel, _db(request), token=token)
    return RedirectResponse(f"/b/{token}?lang={language(request)}", status_code=303)
