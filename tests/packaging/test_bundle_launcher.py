"""The PyInstaller bundle's one launcher knows every program the package installs and every
app `antre demo` starts with `sys.executable -m …` (in the bundle that executable is the
launcher): antre-web was missing, so the bundle had no antre-web and its demo no phone pages."""

from __future__ import annotations

import importlib.util
import re
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

from shared.demo import layout

ROOT = Path(__file__).resolve().parents[2]


def launcher() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bundle_launcher",
                                                  ROOT / "scripts" / "bundle_launcher.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def installed_programs() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return {name: target.split(":")[0] for name, target in project["project"]["scripts"].items()}


def test_every_installed_program_is_in_the_bundle() -> None:
    assert installed_programs() == launcher().PROGRAMS
    spec = (ROOT / "scripts" / "antre.spec").read_text(encoding="utf-8")
    bundled = set(re.findall(r'\("(antre[\w-]*)", (?:True|False)\)', spec))
    assert bundled == set(installed_programs())
    for module in installed_programs().values():
        assert f'"{module}"' in spec  # the launcher imports it by name: a hidden import


@pytest.mark.parametrize("module", sorted({w.module for w in layout()} | {"web"}))
def test_every_app_the_demo_starts_runs_from_the_launcher(module: str) -> None:
    assert module in launcher().APPS
    assert f'collect_submodules("{module}")' in (ROOT / "scripts" / "antre.spec").read_text(
        encoding="utf-8")
