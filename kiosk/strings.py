"""The kiosk's words, from the shared catalogue (shared/words, codes "kiosk.*").

The language is chosen per visitor on the screen, so it is passed explicitly:
`tr(lang, "key", **values)`.
"""

from __future__ import annotations

from typing import Any

from shared.words import say


def tr(lang: str, key: str, **values: Any) -> str:
    """The kiosk text "kiosk.<key>" in `lang`, formatted with `values`."""
    return say(lang, f"kiosk.{key}", **values)


def priority_label(lang: str, kind: str) -> str:
    """ "PRIORITAS: Lansia" for the printed and on-screen priority mark."""
    return tr(lang, "priority_mark", kind=kind)
