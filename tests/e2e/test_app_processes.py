"""Each app as a real process on a real X server (Xvfb): its window has a title and a
WM_CLASS of its own (`antre-kiosk`, ... : what a kiosk shell or a window manager rule
matches), and Ctrl+C (SIGINT) or SIGTERM ends it cleanly: exit 130 / 143, no traceback,
nothing left in the temporary folder."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from shared.db import Database
from shared.setup import init_database
from tests.conftest import DEMO_SITE

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and an X server"),
    pytest.mark.skipif(not (shutil.which("Xvfb") and shutil.which("xwininfo")),
                       reason="needs Xvfb and xwininfo (x11-utils)"),
]

APPS = {
    "kiosk": ((), "antre.kiosk: kiosk on", "Antre — Kios Antrean"),
    "display": ((), "antre.display: display started", "Antre — Layar Antrean"),
    "counter": (("--counter", "3"), "counter console for loket 3", "Antre — Konsol Loket 3"),
    "survey": (("--counter", "3"), "survey tablet for loket 3", "Antre — Survei Kepuasan Loket 3"),
}


@pytest.fixture(scope="module")
def x_display() -> Iterator[str]:
    """A private Xvfb; it picks a free display number and writes it to a pipe when ready."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    with os.fdopen(read_end) as ready:
        number = ready.readline().strip()
    try:
        assert number, "Xvfb did not start"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture
def database(tmp_path: Path) -> str:
    db = Database(str(tmp_path / "Petugas MPP" / "antré.db"))
    init_database(db, DEMO_SITE)
    db.dispose()
    return db.url


def start(app: str, db_url: str, display: str, temp: Path, home: Path) -> subprocess.Popen[str]:
    runtime = home / "run"  # a desktop session's XDG_RUNTIME_DIR (else Qt makes one in /tmp)
    runtime.mkdir(parents=True, mode=0o700)
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "DISPLAY": display, "TMPDIR": str(temp),
           "ANTRE_HOME": str(home), "XDG_RUNTIME_DIR": str(runtime)}
    args, marker, _ = APPS[app]
    process = subprocess.Popen(
        [sys.executable, "-m", app, "--db", db_url, "--windowed", *args],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    assert process.stderr is not None
    seen = []
    for line in process.stderr:
        seen.append(line)
        if marker in line:
            return process
    process.wait(timeout=30)
    raise AssertionError(f"{app} did not start:\n{''.join(seen)}")


def windows(display: str) -> list[tuple[str, str, str]]:
    """(title, WM_CLASS instance, WM_CLASS class) of every named top-level window."""
    tree = subprocess.run(["xwininfo", "-root", "-tree"], capture_output=True, text=True,
                          env={**os.environ, "DISPLAY": display}, timeout=30, check=True).stdout
    return re.findall(r'^\s+0x[0-9a-f]+ "([^"]*)": \("([^"]*)" "([^"]*)"\)', tree, re.M)


@pytest.mark.parametrize(("app", "signum"), [("kiosk", signal.SIGINT), ("display", signal.SIGINT),
                                             ("counter", signal.SIGINT), ("survey", signal.SIGINT),
                                             ("display", signal.SIGTERM)])
def test_window_identity_and_clean_stop(app: str, signum: int, database: str, x_display: str,
                                        tmp_path: Path) -> None:
    temp, home = tmp_path / "temp", tmp_path / "home"
    temp.mkdir()
    process = start(app, database, x_display, temp, home)
    try:
        title = APPS[app][2]
        assert (title, f"antre-{app}", f"antre-{app}") in windows(x_display)
        process.send_signal(signum)
        _, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 128 + signum, err
    assert "Traceback" not in err and "Error" not in err, err
    assert list(temp.iterdir()) == []
    log = (home / "logs" / f"{app}.log").read_text(encoding="utf-8")
    assert "Traceback" not in log
