"""The site file: a TOML description of one MPP (agencies, hours, counters), validated.

Times are kept as minutes after local midnight (0..1440) so "24:00" can close a day.
Every error names the file, the key and what is wrong, in plain words.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from shared.booking_config import (
    AgencyBooking,
    SiteBooking,
    parse_agency_booking,
    parse_site_booking,
)
from shared.errors import ConfigError
from shared.files import read_small_text
from shared.limits import INT32_MAX, RUNNING_TEXT_MAX, column_length, int_problem, text_problem
from shared.models import Counter, Service, Site
from shared.ticket_url import template_problem
from shared.words import Said

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_TIME = re.compile(r"^([01]\d|2[0-4]):([0-5]\d)$")
_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
_CODE = re.compile(r"^[A-Z][A-Z0-9_]{1,19}$")
BREAK_LABEL_MAX = 100
SERVICE_MINUTES_MAX = 24 * 60
INTERLEAVE_MAX = 100


@dataclass(frozen=True)
class Break:
    weekdays: frozenset[int]
    start: int
    end: int
    label: str


@dataclass(frozen=True)
class AgencyConfig:
    code: str
    name: str
    prefix: str
    colour: str
    hours: dict[int, tuple[int, int]]  # weekday (0 = Monday) -> (open, close) minutes
    breaks: tuple[Break, ...] = ()
    daily_quota: int | None = None
    last_ticket: dict[int, int] = field(default_factory=dict)  # weekday -> minutes
    service_minutes: int = 10
    booking: AgencyBooking = field(default_factory=AgencyBooking)


@dataclass(frozen=True)
class CounterConfig:
    number: int
    name: str
    agencies: tuple[str, ...]


@dataclass(frozen=True)
class SiteConfig:
    name: str
    region: str
    timezone: str
    agencies: tuple[AgencyConfig, ...]
    counters: tuple[CounterConfig, ...]
    priority_interleave: int = 3
    running_text: str = ""
    logo: str = ""
    status_url: str = ""
    ticket_footer: str = ""  # empty: the catalogue's ("ticket.footer")
    ticket_footer_en: str = ""  # the English ticket's; empty: the catalogue's
    warnings: tuple[Said, ...] = ()  # loaded all the same, e.g. a prefix read as a digit
    survey_window_minutes: int = 120  # [survey] window_minutes: answer up to this long after
    web_base_url: str = ""
    booking: SiteBooking = field(default_factory=SiteBooking)


#: Prefix letters that read as digits on a ticket or a display from afar (I001 as 1001).
DIGIT_LIKE_PREFIXES = {"I": "1", "O": "0"}


def prefix_warnings(agencies: tuple[AgencyConfig, ...]) -> tuple[Said, ...]:
    """A typed warning for each agency whose prefix reads as a digit."""
    return tuple(
        Said("warning.prefix_digit", {"agency": a.code, "prefix": a.prefix,
                                      "digit": DIGIT_LIKE_PREFIXES[a.prefix]})
        for a in agencies
        if a.prefix in DIGIT_LIKE_PREFIXES
    )


class _Reader:
    """Reads typed values out of parsed TOML, raising ConfigError with file and key."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, key: str, problem: str | Said, **data: object) -> ConfigError:
        """`problem` is a catalogue code ("config.prefix") with `data`, or a Said."""
        said = problem if isinstance(problem, Said) else Said(problem, data)
        return ConfigError("error.site_value", path=self.source, key=key, problem=said)

    def get(
        self, table: dict[str, Any], key: str, kind: type, where: str, default: Any = ...
    ) -> Any:
        if key not in table:
            if default is ...:
                raise self.fail(f"{where}{key}", "config.missing")
            return default
        value = table[key]
        if (kind is int and isinstance(value, bool)) or not isinstance(value, kind):
            raise self.fail(f"{where}{key}", "config.type", kind=Said(f"kind.{kind.__name__}"),
                            value=value)
        return value

    def text(
        self, table: dict[str, Any], key: str, where: str, max_len: int, default: Any = ...,
        *, allow_empty: bool = True,
    ) -> str:
        """A string that fits a VARCHAR(max_len) column on both databases."""
        value: str = self.get(table, key, str, where, default)
        problem = text_problem(value, max_len=max_len, allow_empty=allow_empty)
        if problem is not None:
            raise self.fail(f"{where}{key}", problem)
        return value

    def integer(
        self, table: dict[str, Any], key: str, where: str, default: Any = ...,
        *, low: int, high: int,
    ) -> int:
        """An integer in low..high (high at most 2^31-1, PostgreSQL's INTEGER)."""
        value: int = self.get(table, key, int, where, default)
        problem = int_problem(value, low=low, high=high)
        if problem is not None:
            raise self.fail(f"{where}{key}", problem)
        return value

    def time(self, text: Any, key: str) -> int:
        match = _TIME.match(text) if isinstance(text, str) else None
        if not match or (match.group(1) == "24" and match.group(2) != "00"):
            raise self.fail(key, "config.time", value=text)
        return int(match.group(1)) * 60 + int(match.group(2))

    def weekday_names(self, value: Any, key: str) -> frozenset[int]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value:
            raise self.fail(key, "config.weekday_list")
        days = set()
        for name in value:
            if name not in WEEKDAYS:
                raise self.fail(key, "config.weekday", value=name, allowed=", ".join(WEEKDAYS))
            days.add(WEEKDAYS.index(name))
        return frozenset(days)

    def hours(self, table: Any, key: str) -> dict[int, tuple[int, int]]:
        if not isinstance(table, dict):
            raise self.fail(key, "config.hours_table")
        result: dict[int, tuple[int, int]] = {}
        for day, span in table.items():
            if day not in WEEKDAYS:
                raise self.fail(f"{key}.{day}", "config.weekday_key", allowed=", ".join(WEEKDAYS))
            if span == "closed":
                continue
            parts = span.split("-") if isinstance(span, str) else []
            if len(parts) != 2:
                raise self.fail(f"{key}.{day}", "config.hours_span", value=span)
            start, end = (self.time(p.strip(), f"{key}.{day}") for p in parts)
            if end <= start:
                raise self.fail(f"{key}.{day}", "config.hours_order", open=parts[0], close=parts[1])
            result[WEEKDAYS.index(day)] = (start, end)
        return result

    def breaks(self, items: Any, key: str) -> tuple[Break, ...]:
        if not isinstance(items, list):
            raise self.fail(key, "config.breaks_list")
        result = []
        for i, item in enumerate(items):
            where = f"{key}[{i}]."
            if not isinstance(item, dict):
                raise self.fail(f"{key}[{i}]", "config.table")
            start = self.time(self.get(item, "from", str, where), f"{where}from")
            end = self.time(self.get(item, "to", str, where), f"{where}to")
            if end <= start:
                raise self.fail(f"{where}to", "config.break_order")
            days = self.weekday_names(item.get("days", list(WEEKDAYS)), f"{where}days")
            label = self.text(item, "label", where, BREAK_LABEL_MAX, "Istirahat")
            result.append(Break(days, start, end, label))
        return tuple(result)

    def last_ticket(self, value: Any, key: str) -> dict[int, int]:
        if value is None:
            return {}
        if isinstance(value, str):
            minutes = self.time(value, key)
            return dict.fromkeys(range(7), minutes)
        if isinstance(value, dict):
            result: dict[int, int] = {}
            for day, text in value.items():
                if day not in WEEKDAYS:
                    raise self.fail(f"{key}.{day}", "config.weekday_key", allowed=", ".join(WEEKDAYS))
                result[WEEKDAYS.index(day)] = self.time(text, f"{key}.{day}")
            return result
        raise self.fail(key, "config.last_ticket")


def load_site(path: str | Path) -> SiteConfig:
    """Reads and validates a site file."""
    path = Path(path)
    text = read_small_text(path, file=Said("config.site_file", {"path": str(path)}))
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError("error.site_toml", path=str(path), detail=str(exc)) from None
    return parse_site(data, source=str(path))


def parse_site(data: dict[str, Any], *, source: str = "<site>") -> SiteConfig:
    r = _Reader(source)
    site = r.get(data, "site", dict, "")
    name = r.text(site, "name", "site.", column_length(Site.name), allow_empty=False).strip()
    tz = r.text(site, "timezone", "site.", column_length(Site.timezone), "Asia/Jakarta")
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise r.fail("site.timezone", "config.timezone", value=tz) from None
    defaults = r.get(data, "defaults", dict, "", {})
    agencies = _agencies(r, data, defaults)
    counters = _counters(r, data, {a.code for a in agencies})
    interleave = r.integer(r.get(data, "priority", dict, "", {}), "interleave", "priority.", 3,
                           low=1, high=INTERLEAVE_MAX)
    survey = r.get(data, "survey", dict, "", {})
    window = r.get(survey, "window_minutes", int, "survey.", SiteConfig.survey_window_minutes)
    if not 1 <= window <= 7 * 24 * 60:
        raise r.fail("survey.window_minutes", "config.survey_window", value=window)
    return SiteConfig(
        name=name,
        region=r.text(site, "region", "site.", column_length(Site.region), ""),
        timezone=tz,
        agencies=agencies,
        counters=counters,
        priority_interleave=interleave,
        running_text=r.text(site, "running_text", "site.", RUNNING_TEXT_MAX, ""),
        logo=r.text(site, "logo", "site.", column_length(Site.logo), ""),
        status_url=_status_url(r, site),
        ticket_footer=r.text(site, "ticket_footer", "site.", column_length(Site.ticket_footer),
                             ""),
        ticket_footer_en=r.text(site, "ticket_footer_en", "site.",
                                column_length(Site.ticket_footer_en), ""),
        warnings=prefix_warnings(agencies),
        survey_window_minutes=window,
        web_base_url=_web_base_url(r, r.get(data, "web", dict, "", {})),
        booking=parse_site_booking(r, data),
    )


def _status_url(r: _Reader, site: dict[str, Any]) -> str:
    """`[site] status_url`: a template of {number}, {id} and {day} (shared/ticket_url.py)."""
    url = r.text(site, "status_url", "site.", column_length(Site.status_url), "")
    problem = template_problem(url)
    if problem is not None:
        raise r.fail("site.status_url", problem)
    return url


_BASE_URL = re.compile(r"^https?://[A-Za-z0-9.\-\[\]:]+(/[A-Za-z0-9._~\-/]*)?$")


def _web_base_url(r: _Reader, web: dict[str, Any]) -> str:
    """`[web] base_url`: where phones reach antre-web; printed under each ticket's QR."""
    url = r.get(web, "base_url", str, "web.", "").strip()
    if url and not _BASE_URL.match(url):
        raise r.fail("web.base_url", "config.base_url", value=url)
    return url.rstrip("/")


def _agencies(
    r: _Reader, data: dict[str, Any], defaults: dict[str, Any]
) -> tuple[AgencyConfig, ...]:
    items = r.get(data, "agencies", list, "")
    if not items:
        raise r.fail("agencies", "config.no_agencies")
    # Checked once here, so a bad default names its own key, not the agency's.
    default_quota = r.integer(defaults, "daily_quota", "defaults.", 0, low=0, high=INT32_MAX)
    default_minutes = r.integer(defaults, "service_minutes", "defaults.", 10,
                                low=1, high=SERVICE_MINUTES_MAX)
    result: list[AgencyConfig] = []
    for i, item in enumerate(items):
        where = f"agencies[{i}]."
        if not isinstance(item, dict):
            raise r.fail(f"agencies[{i}]", "config.table")
        code = r.get(item, "code", str, where)
        if not _CODE.match(code):
            raise r.fail(f"{where}code", "config.code", value=code)
        prefix = r.get(item, "prefix", str, where)
        if len(prefix) != 1 or not ("A" <= prefix <= "Z"):
            raise r.fail(f"{where}prefix", "config.prefix", value=prefix)
        colour = r.get(item, "colour", str, where, "#1565C0")
        if not _COLOUR.match(colour):
            raise r.fail(f"{where}colour", "config.colour", value=colour)
        quota = r.integer(item, "daily_quota", where, default_quota, low=0, high=INT32_MAX)
        minutes = r.integer(item, "service_minutes", where, default_minutes,
                            low=1, high=SERVICE_MINUTES_MAX)
        hours_key = f"{where}hours" if "hours" in item else "defaults.hours"
        breaks_key = f"{where}breaks" if "breaks" in item else "defaults.breaks"
        last_key = f"{where}last_ticket" if "last_ticket" in item else "defaults.last_ticket"
        result.append(
            AgencyConfig(
                code=code,
                name=r.text(item, "name", where, column_length(Service.name),
                            allow_empty=False).strip(),
                prefix=prefix,
                colour=colour.upper(),
                hours=r.hours(item.get("hours", defaults.get("hours", {})), hours_key),
                breaks=r.breaks(item.get("breaks", defaults.get("breaks", [])), breaks_key),
                daily_quota=quota or None,
                last_ticket=r.last_ticket(
                    item.get("last_ticket", defaults.get("last_ticket")), last_key
                ),
                service_minutes=minutes,
                booking=parse_agency_booking(r, item, defaults, where),
            )
        )
    _unique(r, [a.code for a in result], "agencies[].code")
    _unique(r, [a.prefix for a in result], "agencies[].prefix")
    return tuple(result)


def _counters(r: _Reader, data: dict[str, Any], codes: set[str]) -> tuple[CounterConfig, ...]:
    items = r.get(data, "counters", list, "", [])
    result = []
    for i, item in enumerate(items):
        where = f"counters[{i}]."
        if not isinstance(item, dict):
            raise r.fail(f"counters[{i}]", "config.table")
        number = r.get(item, "number", int, where)
        if not 1 <= number <= 99:
            raise r.fail(f"{where}number", "config.counter_number", value=number)
        agencies = r.get(item, "agencies", list, where, [])
        for code in agencies:
            if not isinstance(code, str) or code not in codes:
                raise r.fail(f"{where}agencies", "config.unknown_agency", value=code,
                             known=", ".join(sorted(codes)))
        name = r.text(item, "name", where, column_length(Counter.name), f"Loket {number}",
                      allow_empty=False)
        result.append(CounterConfig(number=number, name=name, agencies=tuple(agencies)))
    _unique(r, [c.number for c in result], "counters[].number")
    return tuple(sorted(result, key=lambda c: c.number))


def _unique(r: _Reader, values: list[Any], key: str) -> None:
    seen: set[Any] = set()
    for value in values:
        if value in seen:
            raise r.fail(key, "config.duplicate", value=value)
        seen.add(value)
