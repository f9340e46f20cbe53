"""What a visitor types when booking: booking codes, Indonesian phone numbers and names.

Pure functions, no database: the web form, the kiosk and the core check the same way.
"""

from __future__ import annotations

import re
import secrets
import unicodedata

from shared.errors import BookingError

#: Letters and digits that cannot be misread: no 0/O, 1/I/L.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8  # 31**8, about 8.5e11 codes: not guessable behind a rate limit
NAME_MAX = 60
NAME_MIN_LETTERS = 2
PHONE_MAX_TYPED = 30
_PHONE = re.compile(r"^(?:\+62|62|0)(8[1-9]\d{7,10})$")
_PHONE_NOISE = re.compile(r"[\s\-.()]")
_NAME_PUNCTUATION = set(" .,'-’")


def new_code() -> str:
    """A random booking code (secrets, not a sequence): `K7M2QX9P`."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def new_link_token() -> str:
    """The booking page's token: 128 random bits, URL-safe."""
    return secrets.token_urlsafe(16)


def show_code(code: str) -> str:
    """How a code is shown to people: two groups of four, `K7M2-QX9P`."""
    return f"{code[:4]}-{code[4:]}" if len(code) == CODE_LENGTH else code


def normalise_code(typed: str) -> str | None:
    """The code in what was typed or scanned (spaces, dashes, lower case allowed), or None
    when it cannot be a booking code."""
    if len(typed) > 200:
        return None
    text = re.sub(r"[\s\-]", "", typed).upper()
    if len(text) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in text):
        return None
    return text


def normalise_phone(typed: str) -> str:
    """An Indonesian mobile number as +628...: 0812-3456-789, +62 812 3456 789 and
    62812345678 are the same number. Anything else raises BookingError("booking.phone")."""
    if len(typed) > PHONE_MAX_TYPED:
        raise BookingError("booking.phone")
    match = _PHONE.match(_PHONE_NOISE.sub("", typed))
    if match is None:
        raise BookingError("booking.phone")
    return "+62" + match.group(1)


def show_phone(phone: str | None) -> str:
    """A stored number as staff read it: 0812-3456-7890."""
    if not phone:
        return ""
    local = "0" + phone[3:] if phone.startswith("+62") else phone
    return "-".join(local[i:i + 4] for i in range(0, len(local), 4))


def clean_name(typed: str) -> str:
    """The visitor's name, tidied (NFC, single spaces), or BookingError: empty, too long,
    or with characters a name has not (emoji, control characters, symbols)."""
    if len(typed) > NAME_MAX * 4:
        raise BookingError("booking.name_long", limit=NAME_MAX)
    name = " ".join(unicodedata.normalize("NFC", typed).split())
    if not name:
        raise BookingError("booking.name_empty")
    if len(name) > NAME_MAX:
        raise BookingError("booking.name_long", limit=NAME_MAX)
    letters = 0
    for ch in name:
        kind = unicodedata.category(ch)
        if kind.startswith("L"):
            letters += 1
        elif not (kind.startswith("M") or ch in _NAME_PUNCTUATION):
            raise BookingError("booking.name_chars")
    if letters < NAME_MIN_LETTERS:
        raise BookingError("booking.name_chars")
    return name
