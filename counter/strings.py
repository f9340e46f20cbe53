"""The console's words, from the shared catalogue (shared/words, codes "console.*").

The console speaks its station's language: `set_language` once at start, then
`tr("key", **values)`.
"""

from __future__ import annotations

from typing import Any

from shared.words import Lang, Said, say, words

_language = Lang.ID


def set_language(language: str) -> None:
    global _language
    _language = Lang.of(language)


def tr(key: str, **values: Any) -> str:
    """A console text ("console.<key>") in the console's language."""
    return say(_language, f"console.{key}", **values)


def tr_code(code: str, **values: Any) -> str:
    """Any catalogue code (e.g. "priority.lansia") in the console's language."""
    return say(_language, code, **values)


def tr_said(said: Said) -> str:
    """A code with data from the core (a refusal, an error) in the console's language."""
    return words(_language, said)


def minutes_text(seconds: float | None) -> str:
    """`12 mnt 05 dtk` style durations; '–' when unknown."""
    if seconds is None:
        return "–"
    minutes, secs = divmod(max(0, int(seconds)), 60)
    return tr("duration", minutes=minutes, seconds=f"{secs:02d}")


def short_minutes(seconds: float) -> str:
    """Whole minutes, for the waiting list: `12 mnt`."""
    return tr("whole_minutes", minutes=max(0, int(seconds)) // 60)
