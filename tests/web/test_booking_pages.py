"""Online booking on the phone pages, through the HTTP client: agency -> day -> slot -> name
and phone -> the booking's page with code and QR; cancel; absurd input changes nothing;
CSRF and rate limits; name and phone never in a URL, a page of the booking or the log."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from datetime import date, timedelta

import httpx
import pytest
from sqlalchemy import func, select

from shared import bookings, clock
from shared.db import Database
from shared.models import Booking
from tests.web.conftest import start_server
from web.csrf import FIELD

NAME, PHONE = "Siti Aminah", "0812 3456 7890"


def tomorrow() -> date:
    return clock.service_day(clock.now(), "Asia/Jakarta") + timedelta(days=1)


def csrf_of(page: httpx.Response) -> str:
    found = re.search(rf'name="{FIELD}" value="([^"]+)"', page.text)
    assert found, page.text
    return found.group(1)


def count(db: Database) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(Booking)) or 0)


def form(http: httpx.Client, agency: str = "DUKCAPIL", day: date | None = None) -> httpx.Response:
    page = http.get(f"/booking/{agency}", params={"day": (day or tomorrow()).isoformat()})
    assert page.status_code == 200, page.text
    return page


def post(http: httpx.Client, page: httpx.Response, *, agency: str = "DUKCAPIL",
         **fields: str) -> httpx.Response:
    data = {FIELD: csrf_of(page), "day": tomorrow().isoformat(), "slot": "600",
            "name": NAME, "phone": PHONE, **fields}
    return http.post(f"/booking/{agency}", data=data)


def test_book_from_agency_to_code_and_qr(web_db: Database, http: httpx.Client,
                                         caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    start = http.get("/booking")
    assert start.status_code == 200 and 'href="/booking/DUKCAPIL?lang=id"' in start.text
    assert "Antrean online" in http.get("/").text
    page = form(http)
    assert page.text.count('type="radio" name="slot"') == 24  # the demo is open all day
    assert "sisa 1" in page.text and 'name="phone"' in page.text
    sent = post(http, page)
    assert sent.status_code == 303
    target = sent.headers["location"]
    assert re.fullmatch(r"/b/[A-Za-z0-9_-]{20,}\?lang=id", target)
    shown = http.get(target)
    assert shown.status_code == 200
    with web_db.read() as session:
        row = session.scalars(select(Booking)).one()
    assert f"{row.code[:4]}-{row.code[4:]}" in shown.text
    assert '<svg class="qr"' in shown.text and "10:00–11:00" in shown.text
    assert "09:30" in shown.text and "10:15" in shown.text  # the check-in window
    assert NAME not in shown.text and "3456" not in shown.text  # no personal data
    for page_text in (start.text, page.text, shown.text):
        assert "<script>" not in page_text
        assert not re.search(r"<[^>]+\s(on[a-z]+|style)=", page_text)
    assert len(shown.content) < 60_000 and len(page.content) < 60_000
    log_text = caplog.text
    assert NAME not in log_text and "3456" not in log_text and row.code not in log_text
    # The slot is now full: shown as such and refused when posted again.
    again = form(http)
    assert re.search(r'value="600" disabled', again.text)
    full = post(http, again, phone="0813 1111 2222")
    assert full.status_code == 422 and "sudah penuh" in full.text
    assert count(web_db) == 1


@pytest.mark.parametrize(("fields", "message"), [
    ({"name": "x" * 10_240}, "Nama terlalu panjang"),
    ({"name": "😀😀😀"}, "Nama hanya boleh berisi huruf"),
    ({"phone": "+1 415 555 0100"}, "Nomor HP harus nomor Indonesia"),
    ({"phone": "1" * 5_000}, "Nomor HP harus nomor Indonesia"),
    ({"day": "2020-01-01"}, "Tanggal itu sudah lewat"),
    ({"day": "2099-01-01"}, "hanya bisa sampai 7 hari"),
    ({"day": "not-a-day"}, "Jam itu tidak tersedia"),
    ({"slot": "615"}, "Jam itu tidak tersedia"),
    ({"slot": "-5"}, "Jam itu tidak tersedia"),
    ({"slot": "99999999999999999999"}, "Jam itu tidak tersedia"),
])
def test_absurd_input_gets_a_clear_message_and_nothing_is_written(
        web_db: Database, http: httpx.Client, fields: dict[str, str], message: str) -> None:
    sent = post(http, form(http), **fields)
    assert sent.status_code == 422, sent.text
    assert message in sent.text
    assert count(web_db) == 0


def test_a_closed_day_and_an_unknown_agency(web_db: Database, http: httpx.Client) -> None:
    past = http.get("/booking/DUKCAPIL", params={"day": "2020-01-01"})
    assert "Tanggal itu sudah lewat" in past.text and 'name="slot"' not in past.text
    assert http.get("/booking/NOPE").status_code == 404


def test_cancel_by_the_booking_link(web_db: Database, http: httpx.Client) -> None:
    target = post(http, form(http)).headers["location"]
    token = target.split("/")[2].split("?")[0]
    shown = http.get(target)
    assert f'href="/b/{token}/cancel?lang=id"' in shown.text and FIELD not in shown.text
    page = http.get(f"/b/{token}/cancel")  # one tap asks first, changes nothing
    assert "Batalkan pemesanan ini?" in page.text
    assert bookings.find(web_db, token=token).status == "booked"  # type: ignore[union-attr]
    done = http.post(f"/b/{token}/cancel", data={FIELD: csrf_of(page)})
    assert done.status_code == 303
    shown = http.get(done.headers["location"])
    assert "sudah dibatalkan" in shown.text and '<svg class="qr"' not in shown.text
    # The place is free again.
    assert post(http, form(http), phone="0813 1111 2222").status_code == 303


def test_forms_without_a_valid_csrf_token_write_nothing(web_db: Database,
                                                        http: httpx.Client) -> None:
    page = form(http)
    forged = post(http, page, **{FIELD: "123.abc"})
    assert forged.status_code == 403 and count(web_db) == 0
    http.cookies.clear()
    assert post(http, page).status_code == 403 and count(web_db) == 0


def test_booking_links_are_not_guessable_and_guessing_is_limited(web_db: Database) -> None:
    server = start_server(web_db, link_misses_per_minute=5)
    try:
        with httpx.Client(base_url=server.url) as http:
            statuses = [http.get(f"/b/{guess}").status_code
                        for guess in ("1", "2", "3", "AAAAAAAAAAAAAAAAAAAAAA", "x" * 200)]
            assert statuses == [404] * 5
            assert http.get("/b/4").status_code == 429
    finally:
        server.stop()


def test_booking_posts_are_rate_limited_per_client(web_db: Database) -> None:
    server = start_server(web_db, booking_posts_per_minute=3)
    try:
        with httpx.Client(base_url=server.url) as http:
            page = form(http)
            codes = [post(http, page, name="😀").status_code for _ in range(4)]
            assert codes == [422, 422, 422, 429]
    finally:
        server.stop()


@pytest.fixture
def english(http: httpx.Client) -> Iterator[httpx.Client]:
    http.get("/booking", params={"lang": "en"})
    yield http


def test_english_pages(web_db: Database, english: httpx.Client) -> None:
    page = form(english)
    assert "Choose a time" in page.text and "Pilih jam" not in page.text
    sent = post(english, page, phone="+1 555")
    assert "must be an Indonesian number" in sent.text


def test_the_status_page_of_a_checked_in_ticket_says_online(
        web_db: Database, http: httpx.Client, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a fixed clock: booked at 23:30 (after today's last slot has begun, when this test
    used to skip) for tomorrow's first slot, checked in when it opens."""
    monkeypatch.setenv("ANTRE_NOW", "2026-11-30T23:30:00+07:00")
    made = bookings.book(web_db, agency="DUKCAPIL", day=date(2026, 12, 1), slot_start=0,
                         name=NAME, phone=PHONE)
    monkeypatch.setenv("ANTRE_NOW", "2026-12-01T00:00:00+07:00")
    done = bookings.check_in(web_db, typed=made.code)
    assert done.issued.ticket.online
    status = http.get("/t/" + done.issued.qr_payload.rsplit("/", 1)[1])
    assert status.status_code == 200
    assert "ONLINE" in status.text and "Prioritas" not in status.text
    shown = http.get(f"/b/{made.token}")
    assert f"Nomor antrean Anda: {done.issued.ticket.number}" in shown.text


def test_the_slots_api(web_db: Database, http: httpx.Client) -> None:
    day = tomorrow().isoformat()
    before = http.get(f"/api/booking/DUKCAPIL/slots?day={day}").json()
    assert before["refusal"] is None and len(before["slots"]) == 24
    assert before["slots"][10] == {"start": "10:00", "end": "11:00", "free": 1}
    post(http, form(http))
    after = http.get(f"/api/booking/dukcapil/slots?day={day}").json()
    assert after["slots"][10]["free"] == 0 and after["agency"] == "DUKCAPIL"
    past = http.get("/api/booking/DUKCAPIL/slots?day=2020-01-01").json()
    assert past["refusal"] == "booking.past_day" and past["slots"] == []
    assert http.get(f"/api/booking/NOPE/slots?day={day}").status_code == 404
    assert http.get("/api/booking/DUKCAPIL/slots?day=soon").status_code == 422


def test_closed_days_are_marked_in_the_day_strip(db_url: str) -> None:
    """On the Jombang site DPMPTSP is shut on Saturdays and Sundays."""
    from shared.setup import init_database
    from tests.conftest import JOMBANG_SITE

    db = Database(db_url)
    init_database(db, JOMBANG_SITE)
    server = start_server(db)
    try:
        with httpx.Client(base_url=server.url) as http:
            page = http.get("/booking/DPMPTSP").text
        shut = re.findall(r'class="day[^"]* shut"[^>]*><span>(\w+)</span>', page)
        assert set(shut) >= {"Sabtu", "Minggu"} and "Senin" not in shut
        assert page.count("<small>tutup</small>") == len(shut)
    finally:
        server.stop()
        db.dispose()
