"""Links from a printed ticket to its live status page on the web service (`antre-web`).

A ticket's token is an HMAC of its id and service day under a per-site secret kept in the
database: it cannot be guessed or enumerated, it carries no number or id in the clear, and it
is computed, not stored, so tickets issued before the web service existed have one too.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from datetime import date

#: 80 bits of the HMAC: 16 characters of base32 (A-Z, 2-7), no padding.
TOKEN_BYTES = 10
TOKEN_LENGTH = 16
TOKEN_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")


def new_secret() -> str:
    """A fresh per-site secret (created once, when the site is first loaded)."""
    return secrets.token_hex(32)


def ticket_token(secret: str, *, ticket_id: int, day: date) -> str:
    message = f"ticket:{ticket_id}:{day.isoformat()}".encode()
    digest = hmac.new(secret.encode(), message, hashlib.sha256).digest()[:TOKEN_BYTES]
    return base64.b32encode(digest).decode("ascii")


def looks_like_token(text: str) -> bool:
    """A cheap shape check before any lookup (bad input never reaches the database)."""
    return len(text) == TOKEN_LENGTH and set(text) <= TOKEN_ALPHABET


def status_url(base_url: str, token: str) -> str:
    """The address printed under the ticket's QR code and encoded in it."""
    return f"{base_url.rstrip('/')}/t/{token}"


def short_form(url: str) -> str:
    """The URL as printed under the QR: without the scheme, which phones add themselves."""
    for scheme in ("https://", "http://"):
        if url.startswith(scheme):
            return url[len(scheme):]
    return url
