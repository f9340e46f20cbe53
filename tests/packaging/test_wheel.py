"""The wheel is a real package: built with `python -m build`, installed into a clean virtualenv
outside the checkout (without the test extra), it finds its site files, fonts, voice clips and
migrations through importlib.resources, runs the admin CLI, starts every app offscreen and serves the web pages.

The wheel's dependencies (PySide6 alone unpacks to 600 MB) are installed once per Python
version and dependency list into a cache folder, and the fresh test venv sees them through a
.pth line; the package under test is always the wheel just built, installed with --no-deps.
"""

from __future__ import annotations

import hashlib
import os
import socket
import subprocess
import sys
import sysconfig
import time
import tomllib
import urllib.error
import urllib.request
import wave
from array import array
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="builds with POSIX venv paths"),
]
# A Monday morning in Jombang, inside the production site's opening hours.
MONDAY_MORNING = "2026-11-23T09:00:00+07:00"


def _run(args: list[str | Path], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=600,
                          **kwargs)  # type: ignore[call-overload]


def _site_packages(venv: Path) -> Path:
    scheme = sysconfig.get_paths(vars={"base": str(venv), "platbase": str(venv)})
    return Path(scheme["purelib"])


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    result = _run([sys.executable, "-m", "build", "--wheel", "--outdir", out, ROOT])
    assert result.returncode == 0, result.stdout + result.stderr
    [built] = out.glob("antre-*.whl")
    return built


def _dependency_cache(wheel: Path) -> Path:
    """A cached virtualenv holding the wheel's dependencies (and not the wheel itself)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    key = hashlib.sha256(repr((sys.version, project["dependencies"])).encode()).hexdigest()[:12]
    base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "antre-tests"
    venv = base / f"wheel-deps-{key}"
    if (venv / ".ok").exists():
        return venv
    import fcntl

    base.mkdir(parents=True, exist_ok=True)
    with open(base / f"wheel-deps-{key}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another worktree's run may be building it
        if not (venv / ".ok").exists():
            _run([sys.executable, "-m", "venv", "--clear", venv])
            python = venv / "bin" / "python"
            result = _run([python, "-m", "pip", "install", "-q", wheel])
            assert result.returncode == 0, result.stdout + result.stderr
            result = _run([python, "-m", "pip", "uninstall", "-q", "-y", "antre"])
            assert result.returncode == 0, result.stdout + result.stderr
            (venv / ".ok").touch()
    return venv


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A fresh venv outside the checkout with the wheel installed; yields its bin folder."""
    deps = _dependency_cache(wheel)
    venv = tmp_path_factory.mktemp("venv")
    assert _run([sys.executable, "-m", "venv", "--without-pip", venv]).returncode == 0
    (_site_packages(venv) / "antre-deps.pth").write_text(f"{_site_packages(deps)}\n")
    result = _run([sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install",
                   "-q", "--no-deps", "--no-index", wheel])
    assert result.returncode == 0, result.stdout + result.stderr
    yield venv / "bin"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A user with nothing set up: private data folder, no checkout on the path."""
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith(("ANTRE_", "PYTHON", "VIRTUAL_ENV"))}
    return {**clean, "ANTRE_HOME": str(tmp_path / "home"), "ANTRE_NOW": MONDAY_MORNING,
            "QT_QPA_PLATFORM": "offscreen"}


def test_the_package_comes_from_the_venv_not_the_checkout(
        installed: Path, env: dict[str, str], tmp_path: Path) -> None:
    code = "import assets, shared, kiosk; print(assets.__file__); print(shared.__file__)"
    result = _run([installed / "python", "-c", code], cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    for line in result.stdout.splitlines():
        assert Path(line).is_relative_to(installed.parent), line


def test_cli_runs_from_the_wheel(installed: Path, env: dict[str, str], tmp_path: Path) -> None:
    started = time.monotonic()

    def antre(*args: str | Path) -> subprocess.CompletedProcess[str]:
        result = _run([installed / "antre", *args], cwd=tmp_path, env=env)
        assert result.returncode == 0, f"antre {args}: {result.stdout}{result.stderr}"
        return result

    antre("init")  # the shipped Jombang site and the migrations, from package data
    assert "A001" in antre("issue", "DPMPTSP").stdout
    assert "A001" in antre("call", "1").stdout
    antre("report", "--pdf", tmp_path / "report.pdf")
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    antre("announce", "A001", "1", "--wav", tmp_path / "call.wav")
    with wave.open(str(tmp_path / "call.wav"), "rb") as call:
        assert call.getsampwidth() == 2
        seconds = call.getnframes() / call.getframerate()
        samples = array("h", call.readframes(call.getnframes()))
    loud = sum(1 for s in samples if abs(s) > 1000)
    assert seconds > 2.0, f"{seconds:.2f} s: the voice clips are missing"
    assert loud > call.getframerate() // 2, "the call is (nearly) silent"
    print(f"\nwheel CLI smoke: {time.monotonic() - started:.1f} s")


@pytest.mark.parametrize(("app", "args", "marker"), [
    ("antre-kiosk", ("--windowed", "--printer", "preview"), "kiosk on"),
    ("antre-display", ("--windowed", "--no-sound"), "display started"),
    ("antre-counter", ("--windowed", "--counter", "1"), "counter console for loket 1"),
    ("antre-survey", ("--windowed", "--counter", "1"), "survey tablet for loket 1"),
])
def test_each_app_starts_from_the_wheel(installed: Path, env: dict[str, str], tmp_path: Path,
                                        app: str, args: tuple[str, ...], marker: str) -> None:
    assert _run([installed / "antre", "init"], cwd=tmp_path, env=env).returncode == 0
    process = subprocess.Popen([installed / app, *args], cwd=tmp_path, env=env, text=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seen = []
    try:
        assert process.stderr is not None
        for line in process.stderr:  # the app logs to stderr as it comes up
            seen.append(line)
            if marker in line:
                break
    finally:
        process.terminate()
        process.communicate(timeout=60)
    assert any(marker in line for line in seen), "".join(seen)
    assert not any("Traceback" in line for line in seen), "".join(seen)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_web_serves_its_pages_from_the_wheel(installed: Path, env: dict[str, str],
                                             tmp_path: Path) -> None:
    """Templates and static files are package data: the board, a stylesheet and the page for
    an unknown link all render from the installed wheel."""
    assert _run([installed / "antre", "init"], cwd=tmp_path, env=env).returncode == 0
    port = _free_port()
    process = subprocess.Popen([installed / "antre-web", "--host", "127.0.0.1", "--port",
                                str(port)], cwd=tmp_path, env=env, text=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seen = []
    try:
        assert process.stderr is not None
        for line in process.stderr:
            seen.append(line)
            if "Uvicorn running on" in line or "Traceback" in line:
                break
        assert "Uvicorn running on" in seen[-1], "".join(seen)
        base = f"http://127.0.0.1:{port}"
        with urllib.request.urlopen(f"{base}/", timeout=30) as board:
            assert "<html" in board.read().decode()
        with urllib.request.urlopen(f"{base}/static/style.css", timeout=30) as css:
            assert css.status == 200 and css.read()
        with pytest.raises(urllib.error.HTTPError) as unknown:
            urllib.request.urlopen(f"{base}/t/{'a' * 20}", timeout=30)
        assert unknown.value.code == 404
        assert "<html" in unknown.value.read().decode()
    finally:
        process.terminate()
        process.communicate(timeout=60)
    assert not any("Traceback" in line for line in seen), "".join(seen)
