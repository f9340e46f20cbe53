"""The kiosk's words, from the shared catalogue (shared/words, codes "kiosk.*").

The language is chosen per visitor on the screen, so it is passed explicitly:
`tr(lang, "key", **values)`.
"""

from __future__ import annotations

import re
from typing import Any

from shared.words import say

_TIME = re.compile(r"\b(\d{2}:\d{2})\b")


def tr(lang: str, key: str, **values: Any) -> str:
    """The kiosk text "kiosk.<key>" in `lang`, formatted with `values`."""
    return say(lang, f"kiosk.{key}", **values)


def priority_label(lang: str, kind: str) -> str:
    """ "PRIORITAS: Lansia" for the printed and on-screen priority mark."""
    return tr(lang, "priority_mark", kind=kind)


def state_text(lang: str, state: str, message: str, *, short: bool = False) -> str:
    """Why an agency takes no tickets now, and until when.

    The long form (a refusal notice) in Indonesian is the core's own message, the most
    precise ("Istirahat salat Jumat sampai 13:00"). The short form (on a button, one line)
    and English are built from the state and the time found in that message.
    """
    if lang == "id" and not short and message:
        return message
    found = _TIME.search(message)
    time = found.group(1) if found else None
    if state == "break" and time:
        return tr(lang, "short_break", time=time)
    if state == "closed":
        if time and "Buka" in message:
            return tr(lang, "short_opens", time=time)
        if "Sudah tutup" in message:
            return tr(lang, "short_closed_now")
        return (
            tr(lang, "short_closed_today")
            if lang == "en"
            else (message or tr(lang, "state_closed"))
        )
    return tr(lang, f"state_{state}")
