"""The satisfaction survey on the ticket's page: offered once done, answered once, in time,
a plain form post (no JavaScript) with a CSRF token, stored with channel "web"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select

from shared import calling, clock, tickets
from shared.db import Database
from shared.models import SurveyResponse
from tests.web.conftest import LiveServer, start_server
from web.csrf import FIELD


def token_of(qr_payload: str) -> str:
    return qr_payload.rsplit("/", 1)[1]


def served(db: Database, *, hours_ago: float = 0) -> str:
    """A DUKCAPIL ticket called and finished at LOKET 3; its link token."""
    at = clock.now() - timedelta(hours=hours_ago)
    issued = tickets.issue_ticket(db, service="DUKCAPIL", now=at)
    calling.call_next(db, counter=3, now=at)
    calling.finish(db, counter=3, now=at + timedelta(minutes=1))
    return token_of(issued.qr_payload)


def csrf_of(page: httpx.Response) -> str:
    found = re.search(rf'name="{FIELD}" value="([^"]+)"', page.text)
    assert found, page.text
    return found.group(1)


def answers(**extra: str) -> dict[str, str]:
    fields = {f"U{i}": str(1 + i % 4) for i in range(1, 10)}
    fields.update(extra)
    return fields


def responses(db: Database) -> list[SurveyResponse]:
    with db.read() as session:
        return list(session.scalars(select(SurveyResponse)))


def test_the_done_page_offers_the_survey_and_it_is_stored_once(
        web_db: Database, http: httpx.Client) -> None:
    token = served(web_db)
    waiting = tickets.issue_ticket(web_db, service="DUKCAPIL")
    assert "survei" not in http.get(f"/t/{token_of(waiting.qr_payload)}").text.lower()
    status = http.get(f"/t/{token}")
    assert f'href="/t/{token}/survey?lang=id"' in status.text
    assert "Isi survei kepuasan" in status.text and "sampai pukul" in status.text
    form = http.get(f"/t/{token}/survey")
    assert form.status_code == 200
    text = form.text
    assert "Survei Kepuasan Masyarakat" in text and "B001" in text
    # Nine elements, the annex's four answers each, the profile, the free text.
    assert len(re.findall(r'type="radio" name="U\d"', text)) == 36
    assert "Sangat sesuai" in text and "Tidak sesuai" in text
    for name in ("age_group", "sex", "education", "occupation", "suggestion"):
        assert f'name="{name}"' in text
    assert f'action="/t/{token}/survey?lang=id"' in text
    assert "<script>" not in text and not re.search(r"<[^>]+\s(on[a-z]+|style)=", text)
    assert "unsafe-inline" not in form.headers["content-security-policy"]
    sent = http.post(f"/t/{token}/survey", data=answers(
        **{FIELD: csrf_of(form), "sex": "p", "suggestion": "Ruang tunggu\x00 nyaman\x07"}))
    assert sent.status_code == 200, sent.text
    assert "Terima kasih atas penilaian Anda." in sent.text
    [row] = responses(web_db)
    assert row.channel == "web" and row.u1 == 2 and row.u4 == 1 and row.u9 == 2
    assert row.sex == "p" and row.age_group is None
    assert row.suggestion == "Ruang tunggu nyaman"  # control characters removed by the core
    # Second time: a plain "already answered" page, nothing more stored.
    again = http.post(f"/t/{token}/survey", data=answers(**{FIELD: csrf_of(form)}))
    assert again.status_code == 409 and "sudah diisi" in again.text
    assert 'type="radio"' not in again.text
    assert http.get(f"/t/{token}/survey").status_code == 409
    assert "Isi survei kepuasan" not in http.get(f"/t/{token}").text
    assert len(responses(web_db)) == 1


def test_english_and_fixable_mistakes_keep_the_answers(web_db: Database,
                                                       http: httpx.Client) -> None:
    token = served(web_db)
    form = http.get(f"/t/{token}/survey?lang=en")
    assert "Public Satisfaction Survey" in form.text and "Very suitable" in form.text
    assert '<html lang="en">' in form.text
    empty = http.post(f"/t/{token}/survey?lang=en", data={FIELD: csrf_of(form)})
    assert empty.status_code == 422 and "Please answer at least one question." in empty.text
    # 10 KB of free text: refused by the core's limit, the answers and the text are kept.
    long_text = "saran " * 1700
    too_long = http.post(f"/t/{token}/survey?lang=en",
                         data=answers(**{FIELD: csrf_of(form), "U3": "4",
                                         "suggestion": long_text}))
    assert too_long.status_code == 422 and "too long" in too_long.text
    assert re.search(r'name="U3" value="4" checked', too_long.text)
    assert long_text.strip() in too_long.text
    bad = http.post(f"/t/{token}/survey?lang=en", data=answers(**{FIELD: csrf_of(form),
                                                                   "U5": "7"}))
    assert bad.status_code == 422
    odd = http.post(f"/t/{token}/survey?lang=en", data=answers(**{FIELD: csrf_of(form),
                                                                   "education": "phd<x>"}))
    assert odd.status_code == 422 and "phd&lt;x&gt;" not in odd.text
    assert responses(web_db) == []
    ok = http.post(f"/t/{token}/survey?lang=en", data=answers(**{FIELD: csrf_of(form)}))
    assert ok.status_code == 200 and "Thank you for your answers." in ok.text


def test_not_before_done_nor_after_the_window(web_db: Database, http: httpx.Client) -> None:
    issued = tickets.issue_ticket(web_db, service="DUKCAPIL")
    token = token_of(issued.qr_payload)
    early = http.get(f"/t/{token}/survey")
    assert early.status_code == 409 and "sudah selesai dilayani" in early.text
    calling.call_next(web_db, counter=3)  # called, not done
    other = tickets.issue_ticket(web_db, service="BPJSKES")
    calling.call_next(web_db, counter=4)
    calling.finish(web_db, counter=4)
    form_token = csrf_of(http.get(f"/t/{token_of(other.qr_payload)}/survey"))
    posted = http.post(f"/t/{token}/survey", data=answers(**{FIELD: form_token}))
    assert posted.status_code == 409
    calling.finish(web_db, counter=3)
    late = served(web_db, hours_ago=3)  # the demo site's window is 120 minutes
    closed = http.get(f"/t/{late}/survey")
    assert closed.status_code == 410 and "sudah habis" in closed.text
    assert "Isi survei kepuasan" not in http.get(f"/t/{late}").text
    assert http.post(f"/t/{late}/survey", data=answers(**{FIELD: form_token})).status_code == 410
    assert responses(web_db) == []


def test_a_forged_or_tokenless_post_is_refused(web_db: Database, http: httpx.Client) -> None:
    token = served(web_db)
    form = http.get(f"/t/{token}/survey")
    assert "antre_csrf" in form.headers["set-cookie"]
    no_token = http.post(f"/t/{token}/survey", data=answers())
    assert no_token.status_code == 403 and "Formulir kedaluwarsa" in no_token.text
    forged = http.post(f"/t/{token}/survey", data=answers(**{FIELD: csrf_of(form)}),
                       headers={"Origin": "http://evil.example"})
    assert forged.status_code == 403
    with httpx.Client(base_url=str(http.base_url)) as stranger:  # no cookie
        assert stranger.post(f"/t/{token}/survey",
                             data=answers(**{FIELD: csrf_of(form)})).status_code == 403
    huge = http.post(f"/t/{token}/survey", data=answers(**{FIELD: csrf_of(form),
                                                            "suggestion": "x" * 100_000}))
    assert huge.status_code == 413
    assert responses(web_db) == []


@pytest.fixture
def strict(web_db: Database) -> Iterator[LiveServer]:
    server = start_server(web_db)
    server.app.state.survey_limiter.limit = 3  # type: ignore[attr-defined]
    yield server
    server.stop()


def test_posts_are_rate_limited(web_db: Database, strict: LiveServer) -> None:
    token = served(web_db)
    with httpx.Client(base_url=strict.url) as client:
        form = client.get(f"/t/{token}/survey")
        for _ in range(3):
            refused = client.post(f"/t/{token}/survey", data={FIELD: csrf_of(form)})
            assert refused.status_code == 422
        blocked = client.post(f"/t/{token}/survey", data=answers(**{FIELD: csrf_of(form)}))
        assert blocked.status_code == 429 and blocked.headers["retry-after"] == "60"
    assert responses(web_db) == []


def test_the_status_page_stream_offers_the_survey_when_done(
        web_db: Database, http: httpx.Client) -> None:
    from tests.web.conftest import Stream

    issued = tickets.issue_ticket(web_db, service="DUKCAPIL")
    token = token_of(issued.qr_payload)
    stream = Stream(http, f"/t/{token}/events")
    try:
        stream.next_event()
        calling.call_next(web_db, counter=3)
        stream.wait_for("Silakan menuju")
        calling.finish(web_db, counter=3)
        done = stream.wait_for("Isi survei kepuasan")
        assert f"/t/{token}/survey?lang=id" in str(done["html"])
    finally:
        stream.close()
