"""`antre demo`: a demo database with a staff member, four app windows tiled on the screen,
all started as processes and all stopped together."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRect

from shared import demo, staff, status
from shared.qt.placement import resolve
from shared.station import load_station


def test_prepare_is_repeatable(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    for _ in range(2):
        db = demo.prepare(url)
        assert [s.name for s in staff.list_staff(db)] == [demo.DEMO_STAFF[0]]
        assert staff.authenticate(db, name=demo.DEMO_STAFF[0], pin=demo.DEMO_STAFF[1]) is not None
        assert all(a.open for a in status.snapshot(db).agencies)  # open round the clock
        db.dispose()


def test_windows_tile_the_screen() -> None:
    screen = QRect(0, 0, 1920, 1080)
    rects = [resolve(w.geometry, screen) for w in demo.layout()]
    assert sum(r.width() * r.height() for r in rects) == 1920 * 1080
    for i, first in enumerate(rects):
        assert screen.contains(first)
        assert not any(first.intersects(second) for second in rects[i + 1:])


APPS = (("kiosk", "antre.kiosk: kiosk on"), ("display", "antre.display: display started"),
        ("counter 1", "loket 1 on"), ("counter 3", "loket 3 on"),
        ("web", "antre.web: serving on"))


def start_demo(home: Path, temp: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "ANTRE_HOME": str(home), "QT_QPA_PLATFORM": "offscreen",
           "TMPDIR": str(temp)}
    return subprocess.Popen([sys.executable, "-m", "shared.cli.main", "demo", "--web-port", "0"],
                            stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                            env=env, start_new_session=True)


def stop_demo(process: subprocess.Popen[str]) -> tuple[str, str]:
    """Ctrl+C (SIGINT to the demo); returns (stdout, stderr) once every app has stopped."""
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=90)
    return out, err


def test_demo_starts_every_app_and_stops_them_together(tmp_path: Path) -> None:
    home, temp = tmp_path / "home", tmp_path / "temp"
    temp.mkdir()
    # An interrupted demo first (Ctrl+C while the apps are still starting) ...
    process = start_demo(home, temp)
    try:
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.readline().startswith("Antre demo on ")
        _, err = stop_demo(process)
        assert process.returncode == 130 and "Traceback" not in err
        # ... then the demo again: all four apps and the web service come up; Ctrl+C stops them all.
        process = start_demo(home, temp)
        started: set[str] = set()
        seen = []
        assert process.stderr is not None
        for line in process.stderr:  # the apps log to the inherited stderr as they come up
            seen.append(line)
            started |= {app for app, marker in APPS if marker in line}
            if len(started) == len(APPS):
                break
        assert started == {app for app, _ in APPS}, "".join(seen)
        _, err = stop_demo(process)
        assert process.returncode == 130
        assert "Traceback" not in "".join(seen) + err
    finally:
        if process.poll() is None:  # never leave the four apps behind
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        for pipe in (process.stdout, process.stderr):
            if pipe is not None:
                pipe.close()
    assert (home / "demo.db").exists()
    assert list(temp.iterdir()) == []  # nothing left in the temporary folder
    # The demo named its database in this PC's station file: `antre status` just works.
    env = {**os.environ, "ANTRE_HOME": str(home)}
    env.pop("ANTRE_DB", None)
    result = subprocess.run([sys.executable, "-m", "shared.cli.main", "status", "--json"],
                            capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 0, result.stderr
    assert any(a["code"] == "DUKCAPIL" and a["open"] for a in json.loads(result.stdout)["agencies"])


def test_station_file_is_written_once_and_a_real_one_is_kept(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANTRE_HOME", str(tmp_path / "Petugas MPP"))
    db = demo.prepare(None)
    try:
        path = demo.write_station_file(db)
        assert path == tmp_path / "Petugas MPP" / "station.toml"
        assert load_station(path).db == str(tmp_path / "Petugas MPP" / "demo.db")
        assert demo.write_station_file(db) == path  # its own file: rewritten
        path.write_text("[counter]\nnumber = 4\n", encoding="utf-8")
        assert demo.write_station_file(db) is None  # a real station's file: left alone
        assert path.read_text(encoding="utf-8") == "[counter]\nnumber = 4\n"
    finally:
        db.dispose()
