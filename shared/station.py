"""Station settings: what this PC is (which printer, which counter, which screen).

A small TOML file, local to the PC (site data lives in the database):

    [station]
    db = "postgresql+psycopg://antre:secret@192.168.1.10/antre"   # optional
    language = "id"            # id | en

    [kiosk]
    printer = "tcp://192.168.1.50:9100"
    paper_mm = 80              # 58 | 80
    printer_profile = "TM-T20II"
    print_timeout = 5
    idle_seconds = 20
    exit_pin_hash = "scrypt$..."   # `antre station-pin 1234` prints one
    hide_cursor = true

    [counter]
    number = 3
    lock_minutes = 10

    [display]
    screen = 1
    sound = true
    english = false
    announce_max_seconds = 120  # a call not spoken this long after it was made is dropped
"""

from __future__ import annotations

import logging
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from shared.errors import ConfigError
from shared.files import read_small_text, world_readable
from shared.limits import print_timeout_problem
from shared.paths import data_dir
from shared.pins import hash_problem
from shared.words import Lang, Said

log = logging.getLogger("antre.station")
LANGUAGES = tuple(lang.value for lang in Lang)
SCREEN_MAX = 16


@dataclass(frozen=True)
class StationSettings:
    db: str | None = None
    language: str = "id"
    printer: str = "preview"
    paper_mm: int = 80
    printer_profile: str | None = None
    print_timeout: float = 5.0
    idle_seconds: int = 20
    exit_pin_hash: str = ""
    hide_cursor: bool = False
    counter: int | None = None
    lock_minutes: int = 10
    screen: int = 0
    sound: bool = True
    english: bool = False
    announce_max_seconds: int = 120

    def with_overrides(self, **values: Any) -> StationSettings:
        """Command-line flags win over the file (None means "not given")."""
        given = {k: v for k, v in values.items() if v is not None}
        return validate(replace(self, **given), source="config.flags")


# (section, key in file) -> field name
_KEYS = {
    ("station", "db"): "db",
    ("station", "language"): "language",
    ("kiosk", "printer"): "printer",
    ("kiosk", "paper_mm"): "paper_mm",
    ("kiosk", "printer_profile"): "printer_profile",
    ("kiosk", "print_timeout"): "print_timeout",
    ("kiosk", "idle_seconds"): "idle_seconds",
    ("kiosk", "exit_pin_hash"): "exit_pin_hash",
    ("kiosk", "hide_cursor"): "hide_cursor",
    ("counter", "number"): "counter",
    ("counter", "lock_minutes"): "lock_minutes",
    ("display", "screen"): "screen",
    ("display", "sound"): "sound",
    ("display", "english"): "english",
    ("display", "announce_max_seconds"): "announce_max_seconds",
}
_TYPES: dict[str, tuple[type, ...]] = {
    f.name: (
        (str,)
        if "str" in str(f.type)
        else (int,)
        if "int" in str(f.type)
        else (bool,)
        if "bool" in str(f.type)
        else (int, float)
    )
    for f in fields(StationSettings)
}


def default_station_file() -> Path:
    return data_dir() / "station.toml"


def operator_language(path: str | Path | None = None, given: str | None = None) -> Lang:
    """The language of what a program says to the person who runs it (the admin CLI, an
    app that cannot start): `given` (a --lang flag), else the station file's
    [station] language, else English. Never fails: a broken file is reported elsewhere."""
    if given:
        return Lang.of(given, Lang.EN)
    file = Path(path) if path else default_station_file()
    try:
        data = tomllib.loads(read_small_text(file, file=Said("config.station_file",
                                                             {"path": str(file)})))
    except (ConfigError, tomllib.TOMLDecodeError):
        return Lang.EN
    station = data.get("station")
    language = station.get("language") if isinstance(station, dict) else None
    return Lang.of(language if isinstance(language, str) else None, Lang.EN)


def load_station(path: Path | None = None) -> StationSettings:
    """Reads the station file (`path`, else the default one if it exists), validated."""
    explicit = path is not None
    path = path or default_station_file()
    if not path.exists():
        if explicit:
            raise ConfigError("error.station_missing", path=str(path))
        return StationSettings()
    source = Said("config.station_file", {"path": str(path)})
    text = read_small_text(path, file=source)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError("error.station_toml", path=str(path), detail=str(exc)) from None
    values: dict[str, Any] = {}
    for section, table in data.items():
        if not isinstance(table, dict) or section not in {s for s, _ in _KEYS}:
            raise ConfigError("error.station_section", path=str(path), section=section)
        for key, value in table.items():
            name = _KEYS.get((section, key))
            if name is None:
                known = ", ".join(k for s, k in _KEYS if s == section)
                raise ConfigError(
                    "error.station_key", path=str(path), key=f"{section}.{key}", known=known
                )
            kinds = _TYPES[name]
            if (isinstance(value, bool) and bool not in kinds) or not isinstance(value, kinds):
                raise ConfigError(
                    "error.station_type", path=str(path), key=f"{section}.{key}",
                    expected=" / ".join(k.__name__ for k in kinds), value=value,
                )
            values[name] = value
    settings = validate(StationSettings(**values), source=source)
    if _has_password(settings.db) and world_readable(path):
        log.warning("station file %s holds a database password and every user of this "
                    "computer can read it: chmod 600 %s", path, path)
    return settings


def _has_password(url: str | None) -> bool:
    try:
        return bool(url) and urlsplit(url or "").password is not None
    except ValueError:
        return False


def validate(settings: StationSettings, *, source: Said | str) -> StationSettings:
    """`source` names where the settings came from (a Said, or a code such as
    "config.flags")."""
    where = source if isinstance(source, Said) else Said(source)

    def fail(key: str, problem: str, **data: object) -> ConfigError:
        return ConfigError("error.station_value", source=where, key=key,
                           problem=Said(problem, data))

    if settings.language not in LANGUAGES:
        raise fail("language", "config.language", allowed=", ".join(LANGUAGES),
                   value=settings.language)
    if settings.paper_mm not in (58, 80):
        raise fail("paper_mm", "config.paper", value=settings.paper_mm)
    timeout_problem = print_timeout_problem(settings.print_timeout)
    if timeout_problem is not None:
        raise fail("print_timeout", timeout_problem.code)
    if not 5 <= settings.idle_seconds <= 600:
        raise fail("idle_seconds", "config.idle_seconds")
    if settings.counter is not None and not 1 <= settings.counter <= 99:
        raise fail("counter", "config.counter", value=settings.counter)
    if not 1 <= settings.lock_minutes <= 240:
        raise fail("lock_minutes", "config.lock_minutes")
    if not 0 <= settings.screen <= SCREEN_MAX:
        raise fail("screen", "config.screen", max=SCREEN_MAX, value=settings.screen)
    if settings.db is not None and not settings.db.strip():
        raise fail("db", "config.db_empty")
    if not 10 <= settings.announce_max_seconds <= 3600:
        raise fail("announce_max_seconds", "config.announce_max_seconds")
    if settings.exit_pin_hash:
        problem = hash_problem(settings.exit_pin_hash)
        if problem is not None:
            raise fail("exit_pin_hash", "config.exit_pin_hash", why=problem)
    return settings
