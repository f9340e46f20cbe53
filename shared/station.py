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
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from shared.errors import ConfigError
from shared.paths import data_dir
from shared.words import Lang

LANGUAGES = tuple(lang.value for lang in Lang)


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

    def with_overrides(self, **values: Any) -> StationSettings:
        """Command-line flags win over the file (None means "not given")."""
        given = {k: v for k, v in values.items() if v is not None}
        return validate(replace(self, **given), source="command line")


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


def load_station(path: Path | None = None) -> StationSettings:
    """Reads the station file (`path`, else the default one if it exists), validated."""
    explicit = path is not None
    path = path or default_station_file()
    if not path.exists():
        if explicit:
            raise ConfigError(f"station file {path}: not found")
        return StationSettings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"station file {path}: cannot be read ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"station file {path}: not valid TOML: {exc}") from None
    values: dict[str, Any] = {}
    for section, table in data.items():
        if not isinstance(table, dict) or section not in {s for s, _ in _KEYS}:
            raise ConfigError(
                f"station file {path}: unknown section [{section}] "
                "(use [station], [kiosk], [counter], [display])"
            )
        for key, value in table.items():
            name = _KEYS.get((section, key))
            if name is None:
                known = ", ".join(k for s, k in _KEYS if s == section)
                raise ConfigError(
                    f"station file {path}: {section}.{key}: unknown key (known: {known})"
                )
            kinds = _TYPES[name]
            if (isinstance(value, bool) and bool not in kinds) or not isinstance(value, kinds):
                raise ConfigError(
                    f"station file {path}: {section}.{key}: expected "
                    f"{' or '.join(k.__name__ for k in kinds)}, got {value!r}"
                )
            values[name] = value
    return validate(StationSettings(**values), source=f"station file {path}")


def validate(settings: StationSettings, *, source: str) -> StationSettings:
    def fail(key: str, problem: str) -> ConfigError:
        return ConfigError(f"{source}: {key}: {problem}")

    if settings.language not in LANGUAGES:
        raise fail("language", f"must be one of {', '.join(LANGUAGES)}, got {settings.language!r}")
    if settings.paper_mm not in (58, 80):
        raise fail("paper_mm", f"must be 58 or 80, got {settings.paper_mm}")
    if not 0.5 <= settings.print_timeout <= 60:
        raise fail("print_timeout", "must be between 0.5 and 60 seconds")
    if not 5 <= settings.idle_seconds <= 600:
        raise fail("idle_seconds", "must be between 5 and 600")
    if settings.counter is not None and not 1 <= settings.counter <= 99:
        raise fail("counter", f"must be between 1 and 99, got {settings.counter}")
    if not 1 <= settings.lock_minutes <= 240:
        raise fail("lock_minutes", "must be between 1 and 240")
    if settings.screen < 0:
        raise fail("screen", "must be 0 or more")
    if settings.exit_pin_hash and not settings.exit_pin_hash.startswith("scrypt$"):
        raise fail("exit_pin_hash", "must be a hash made by `antre station-pin PIN`, not a PIN")
    return settings
