"""The Debian packages Antre needs: derived from the Qt binaries the apps load, every library
resolves on this machine, and a user who is not root gets the one line to run."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType

import pytest

from shared import qtcheck
from shared.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Debian only")


def derivation() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "debian_libraries", ROOT / "scripts" / "debian_libraries.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_library_qt_needs_is_listed_and_resolves() -> None:
    """Re-derives the needs from the installed PySide6: none missing from the list, and the
    dynamic linker finds each one here."""
    script = derivation()
    listed = {what for kind, what, _ in script.read_entries() if kind == "lib"}
    needed = set(script.system_needs(script.pyside_dir())) - script.BASE
    assert needed - listed == set(), "run scripts/debian_libraries.py"
    known = script.ldconfig_paths()
    assert sorted(listed - set(known)) == []


@pytest.mark.skipif(shutil.which("dpkg") is None, reason="needs dpkg")
def test_the_derived_lines_are_up_to_date() -> None:
    result = subprocess.run([sys.executable, ROOT / "scripts" / "debian_libraries.py", "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_elf_reader_finds_what_qtcore_needs() -> None:
    script = derivation()
    needed = script.elf_needed(script.pyside_dir() / "Qt" / "lib" / "libQt6Core.so.6")
    assert "libglib-2.0.so.0" in needed and "libQt6Core.so.6" not in needed


def test_a_normal_user_gets_the_one_install_line() -> None:
    with tempfile.TemporaryDirectory(prefix="antre-bootstrap-") as folder:  # readable by all
        check_install_line(Path(folder))


def check_install_line(tmp_path: Path) -> None:
    listing = tmp_path / "packages.txt"
    listing.write_text("# test\nbin:antre-no-such-tool   antre-fake-tool   # missing\n"
                       "lib:libc.so.6            libc6             # present\n")
    listing.chmod(0o644)
    tmp_path.chmod(0o755)
    command = ["bash", str(ROOT / "scripts" / "bootstrap.sh"), str(tmp_path / "venv")]
    if os.geteuid() == 0:  # be someone else: bootstrap as root would run apt-get
        command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    result = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path,
                            env={**os.environ, "ANTRE_DEBIAN_PACKAGES": str(listing)})
    assert result.returncode == 1
    assert "sudo apt-get install --no-install-recommends antre-fake-tool\n" in result.stderr
    assert "libc6" not in result.stderr
    assert not (tmp_path / "venv").exists()


def test_missing_qt_library_is_one_plain_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(name: str) -> None:
        raise ImportError("libglib-2.0.so.0: cannot open shared object file: No such file or "
                          "directory")

    monkeypatch.setattr(qtcheck.importlib, "import_module", fail)
    with pytest.raises(SystemExit) as ended:
        qtcheck.require_qt("antre-kiosk")
    message = str(ended.value.code)
    assert message.startswith("antre-kiosk: Qt cannot start: the system library "
                              "libglib-2.0.so.0 is missing; on Debian or Ubuntu: sudo apt-get "
                              "install libglib2.0-0")  # (t64 on Debian 13)
    assert "\n" not in message


def test_unknown_library_and_other_import_errors() -> None:
    odd = ImportError("libfoo.so.3: cannot open shared object file: No such file or directory")
    assert "apt-file search libfoo.so.3" in str(qtcheck.missing_library_message("antre", odd))
    assert qtcheck.missing_library_message("antre", ImportError("No module named 'PySide6'")) \
        is None


@pytest.mark.parametrize(("command", "app"), [
    (["report", "--pdf", "report.pdf"], "antre report --pdf"),
    (["skm", "--pdf", "skm.pdf"], "antre skm --pdf"),
    (["announce", "A001", "1"], "antre announce"),
])
def test_cli_commands_that_need_qt_say_which_package_is_missing(
        command: list[str], app: str, db_url: str, db: object, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(name: str) -> None:
        raise ImportError("libEGL.so.1: cannot open shared object file: No such file or "
                          "directory")

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(qtcheck.importlib, "import_module", fail)
    with pytest.raises(SystemExit) as ended:
        main(["--db", db_url, *command])
    message = str(ended.value.code)
    assert message.startswith(f"{app}: Qt cannot start: the system library libEGL.so.1 is "
                              "missing; on Debian or Ubuntu: sudo apt-get install libegl1")
    assert not list(tmp_path.glob("*.pdf*"))
