"""Cross-site request forgery protection for the visitor's forms: a signed double-submit cookie.

A page with a form asks `Csrf.issue(request)` for a token, puts `token.value` in a hidden field
named `FIELD` (the `_csrf.html` include does it) and calls `Csrf.set_cookie(response, token)`.
The cookie holds a random nonce (HttpOnly, SameSite=Strict); the field holds the nonce's HMAC
with a server secret, the time it was issued and the form's purpose. A POST is accepted only
when the field's signature matches the cookie's nonce, the purpose matches, the token is younger
than `max_age_s`, and the Origin header (when the browser sends one) names this site. A forged
form on another site can neither read the cookie nor sign a field for it.

The secret survives restarts when it is kept in a file (`load_secret`), so a form opened
before a restart still posts.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import os
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import Request
from fastapi.responses import Response

from shared.files import private_mode
from web.forms import MAX_FORM_BYTES, read_form

FIELD = "csrf_token"
COOKIE = "antre_csrf"
SECRET_BYTES = 32


class CsrfRejected(Exception):
    """The form did not come from our page (or came too late); `reason` is for the log."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class CsrfToken:
    value: str  # the hidden field's value
    nonce: str  # the cookie's value
    fresh: bool  # the cookie is new and must be set on the response


def load_secret(path: Path) -> bytes:
    """The signing secret kept in `path`, created with a random secret if missing: 0600, or
    0660 in a group-shared data folder (the site's accounts share one secret)."""
    try:
        data = path.read_bytes()
        if len(data) >= SECRET_BYTES:
            return data[:SECRET_BYTES]
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_bytes(SECRET_BYTES)
    tmp = path.with_name(path.name + ".tmp")
    mode = private_mode(path.parent)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with contextlib.suppress(OSError):
        os.fchmod(fd, mode)  # whatever the umask
    with os.fdopen(fd, "wb") as out:
        out.write(secret)
    os.replace(tmp, path)
    return secret


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


class Csrf:
    def __init__(self, secret: bytes | None = None, *, max_age_s: int = 4 * 3600,
                 clock: Callable[[], float] = time.time) -> None:
        self._secret = secret or secrets.token_bytes(SECRET_BYTES)
        self.max_age_s = max_age_s
        self._clock = clock

    def _sign(self, nonce: str, issued: int, purpose: str) -> str:
        message = f"{nonce}|{issued}|{purpose}".encode()
        return _b64(hmac.new(self._secret, message, hashlib.sha256).digest())

    def issue(self, request: Request, purpose: str) -> CsrfToken:
        """A token for a form with this purpose (e.g. "survey"), bound to the visitor's
        cookie (a new cookie when the visitor has none yet)."""
        nonce = request.cookies.get(COOKIE, "")
        fresh = not _valid_nonce(nonce)
        if fresh:
            nonce = _b64(secrets.token_bytes(18))
        issued = int(self._clock())
        return CsrfToken(f"{issued}.{self._sign(nonce, issued, purpose)}", nonce, fresh)

    def set_cookie(self, response: Response, token: CsrfToken, request: Request) -> None:
        if token.fresh:
            response.set_cookie(COOKIE, token.nonce, httponly=True, samesite="strict",
                                secure=request.url.scheme == "https", path="/")

    async def read_form(self, request: Request, purpose: str, *,
                        max_bytes: int = MAX_FORM_BYTES) -> dict[str, str]:
        """The posted form's fields, once its token has passed `check` for `purpose`:
        the one way a visitor's form post is read."""
        fields = await read_form(request, max_bytes=max_bytes)
        self.check(request, fields.get(FIELD), purpose)
        return fields

    def check(self, request: Request, submitted: str | None, purpose: str) -> None:
        """Raises CsrfRejected unless `submitted` (the form's FIELD) is a valid token for
        this visitor's cookie and purpose, and the request came from this site."""
        _check_origin(request)
        nonce = request.cookies.get(COOKIE, "")
        if not _valid_nonce(nonce):
            raise CsrfRejected("no cookie")
        issued_text, _, signature = (submitted or "").partition(".")
        if not issued_text.isdigit() or len(issued_text) > 12:
            raise CsrfRejected("malformed token")
        issued = int(issued_text)
        expected = self._sign(nonce, issued, purpose)
        if not hmac.compare_digest(expected.encode(), signature.encode("utf-8", "replace")):
            raise CsrfRejected("bad signature")
        age = self._clock() - issued
        if age > self.max_age_s or age < -60:
            raise CsrfRejected("expired")


def _valid_nonce(nonce: str) -> bool:
    return 16 <= len(nonce) <= 64 and all(c.isalnum() or c in "-_" for c in nonce)


def _check_origin(request: Request) -> None:
    """A browser that names the page's origin must name this host. Our pages send
    "Referrer-Policy: no-referrer", so a same-site form posts with "Origin: null": that,
    or no Origin at all, leaves the decision to the token."""
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return
    host = request.headers.get("host", "")
    if urlsplit(origin).netloc.lower() != host.lower():
        raise CsrfRejected("cross-site origin")
