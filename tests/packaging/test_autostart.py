"""The start-at-login files shipped in scripts/autostart/ are well formed and start programs
the package installs."""

from __future__ import annotations

import configparser
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AUTOSTART = ROOT / "scripts" / "autostart"
PROGRAMS = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"])


def read(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(path.read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize("app", ["kiosk", "display", "counter", "survey"])
def test_xdg_autostart_entry(app: str) -> None:
    entry = read(AUTOSTART / f"antre-{app}.desktop")["Desktop Entry"]
    assert entry["Type"] == "Application" and entry["Terminal"] == "false"
    program = Path(entry["Exec"].split()[0]).name
    assert program == f"antre-{app}" and program in PROGRAMS


def test_systemd_user_unit_starts_each_app() -> None:
    unit = read(AUTOSTART / "antre@.service")
    assert unit["Install"]["WantedBy"] == "graphical-session.target"
    start = unit["Service"]["ExecStart"]
    assert '"$ANTRE/antre-%i"' in start
    for app in ("kiosk", "display", "counter", "survey"):
        assert f"antre-{app}" in PROGRAMS
