"""The survey's words live in the shared catalogue (shared/words) under "skm.": refusals
("skm.refusal.<code>"), grades ("skm.grade.A".."D") and the sample verdicts."""

from __future__ import annotations

from typing import Any

from shared import words


def say(key: str, lang: str = "id", **data: Any) -> str:
    """The text for "skm.<key>" in `lang` (Indonesian for anything but "en"), with `data`."""
    return words.say(lang, f"skm.{key}", **data)
