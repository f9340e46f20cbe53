"""web.csrf and web.forms: a form posts only from our page, with our cookie, in time."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.testclient import TestClient

from web.csrf import COOKIE, FIELD, Csrf, CsrfRejected, load_secret
from web.forms import FormTooLarge, FormUnreadable, read_form


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


def small_app(csrf: Csrf, *, checker: Csrf | None = None, purpose: str = "test") -> FastAPI:
    """A page with a form and its POST, as a route using the module would be."""
    app = FastAPI()

    @app.get("/form")
    async def form(request: Request) -> Response:
        token = csrf.issue(request, "test")
        response = HTMLResponse(f'<form method="post"><input name="{FIELD}" '
                                f'value="{token.value}"></form>')
        csrf.set_cookie(response, token, request)
        return response

    @app.post("/form")
    async def post(request: Request) -> Response:
        try:
            fields = await read_form(request, max_bytes=4096)
            (checker or csrf).check(request, fields.get(FIELD), purpose)
        except CsrfRejected as error:
            return Response(error.reason, status_code=403)
        except FormTooLarge:
            return Response("large", status_code=413)
        except FormUnreadable:
            return Response("bad", status_code=400)
        return Response(fields.get("text", ""), status_code=200)

    return app


def token_of(page: httpx.Response) -> str:
    found = re.search(r'value="([^"]+)"', page.text)
    assert found
    return found.group(1)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def client(clock: Clock) -> TestClient:
    return TestClient(small_app(Csrf(b"k" * 32, max_age_s=600, clock=clock)))


def test_a_form_from_our_page_posts(client: TestClient) -> None:
    page = client.get("/form")
    cookie = page.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie
    sent = client.post("/form", data={FIELD: token_of(page), "text": "Pelayanan ramah ✓"})
    assert sent.status_code == 200 and sent.text == "Pelayanan ramah ✓"
    # The same cookie is kept for the next form: several tabs keep working.
    again = client.get("/form")
    assert "set-cookie" not in again.headers
    assert client.post("/form", data={FIELD: token_of(again)}).status_code == 200
    assert client.post("/form", data={FIELD: token_of(page)}).status_code == 200


def test_refusals(client: TestClient, clock: Clock) -> None:
    token = token_of(client.get("/form"))
    assert client.post("/form", data={"text": "x"}).text == "malformed token"
    assert client.post("/form", data={FIELD: token + "x"}).text == "bad signature"
    assert client.post("/form", data={FIELD: "12.abc"}).text == "bad signature"
    # A forged page on another site: the browser names its origin.
    forged = client.post("/form", data={FIELD: token}, headers={"Origin": "http://evil.test"})
    assert forged.status_code == 403 and forged.text == "cross-site origin"
    # Our pages send no referrer, so a same-site post says "Origin: null": the token decides.
    assert client.post("/form", data={FIELD: token}, headers={"Origin": "null"}).status_code == 200
    same = client.post("/form", data={FIELD: token}, headers={"Origin": "http://testserver"})
    assert same.status_code == 200
    # Someone else's token (another cookie) does not fit this visitor's cookie.
    other = TestClient(client.app)
    other_token = token_of(other.get("/form"))
    assert client.post("/form", data={FIELD: other_token}).text == "bad signature"
    # No cookie at all.
    client.cookies.clear()
    assert client.post("/form", data={FIELD: token}).text == "no cookie"
    # Too old.
    token = token_of(client.get("/form"))
    clock.now += 601
    assert client.post("/form", data={FIELD: token}).text == "expired"


@pytest.mark.parametrize(("secret", "purpose"), [(b"j" * 32, "test"), (b"k" * 32, "booking")])
def test_another_purpose_or_secret_is_refused(clock: Clock, secret: bytes, purpose: str) -> None:
    client = TestClient(small_app(Csrf(b"k" * 32, clock=clock),
                                  checker=Csrf(secret, clock=clock), purpose=purpose))
    token = token_of(client.get("/form"))
    assert client.cookies[COOKIE]
    assert client.post("/form", data={FIELD: token}).text == "bad signature"


def test_forms_are_read_with_a_limit(client: TestClient) -> None:
    token = token_of(client.get("/form"))
    assert client.post("/form", data={FIELD: token, "text": "x" * 5000}).status_code == 413
    body = f"{FIELD}={token}&text=%FF%FE"
    bad = client.post("/form", content=body,
                      headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert bad.status_code == 400
    assert client.post("/form", json={FIELD: token}).status_code == 400


def test_the_secret_is_kept_private_and_reused(tmp_path: Path) -> None:
    path = tmp_path / "data" / "web-secret"
    first = load_secret(path)
    assert len(first) == 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_secret(path) == first
    shared = tmp_path / "site"
    shared.mkdir()
    shared.chmod(0o2770)  # README's group-shared data folder
    load_secret(shared / "web-secret")
    assert stat.S_IMODE((shared / "web-secret").stat().st_mode) == 0o660
