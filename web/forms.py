"""Plain HTML form posts (application/x-www-form-urlencoded) read with a size limit.

The visitor's forms work without JavaScript, so they post the browser's own encoding. The
body is read up to `max_bytes`; more is refused before it is parsed (FormTooLarge, a 413).
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from fastapi import Request

MAX_FORM_BYTES = 64 * 1024


class FormTooLarge(Exception):
    """The form's body is larger than the page allows."""


class FormUnreadable(Exception):
    """The body is not a URL-encoded form (wrong type or not UTF-8)."""


async def read_form(request: Request, *, max_bytes: int = MAX_FORM_BYTES) -> dict[str, str]:
    """The posted fields (the first value of each name)."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/x-www-form-urlencoded":
        raise FormUnreadable(kind)
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FormTooLarge()
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > max_bytes:
            raise FormTooLarge()
    try:
        pairs = parse_qsl(body.decode("ascii"), keep_blank_values=True,
                          strict_parsing=False, encoding="utf-8", errors="strict",
                          max_num_fields=200)
    except (UnicodeDecodeError, ValueError):
        raise FormUnreadable("undecodable") from None
    fields: dict[str, str] = {}
    for name, value in pairs:
        fields.setdefault(name, value)
    return fields
