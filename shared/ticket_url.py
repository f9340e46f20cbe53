"""The site's ticket status URL: a template with a few named placeholders, nothing more.

`https://mpp.example/t/{day}/{number}` becomes the ticket's QR code. Only the names in
PLACEHOLDERS are replaced; `{}`, `{0}`, `{number.__class__}`, `{id[0]}`, `{day!r}`, format specs
and unbalanced braces are refused when the site is loaded (`antre init`), so rendering on a
ticket cannot fail. Write `{{` and `}}` for literal braces.
"""

from __future__ import annotations

import string

from shared.errors import ConfigError
from shared.words import Said

PLACEHOLDERS = ("number", "id", "day")


def template_problem(template: str) -> Said | None:
    """What is wrong with `template` (a catalogue code), or None when it renders safely."""
    try:
        pieces = list(string.Formatter().parse(template))
    except ValueError:
        return Said("config.template_brace")
    for _literal, name, spec, conversion in pieces:
        if name is None:
            continue
        if name not in PLACEHOLDERS:
            known = ", ".join("{" + p + "}" for p in PLACEHOLDERS)
            return Said("config.template_placeholder", {"name": name, "known": known})
        if spec or conversion:
            return Said("config.template_format", {"name": name})
    return None


def check(template: str) -> None:
    """ConfigError naming the site's status_url when `template` would not render."""
    problem = template_problem(template)
    if problem is not None:
        raise ConfigError("error.status_url", problem=problem)


def render(template: str, *, number: str, ticket_id: int, day: str) -> str:
    """The template with its placeholders replaced (ConfigError when it was never checked)."""
    check(template)
    values = {"number": number, "id": str(ticket_id), "day": day}
    out: list[str] = []
    for literal, name, _spec, _conversion in string.Formatter().parse(template):
        out.append(literal)
        if name is not None:
            out.append(values[name])
    return "".join(out)
