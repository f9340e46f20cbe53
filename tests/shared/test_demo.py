"""`antre demo`: a demo database with a staff member, four app windows tiled on the screen,
all started as processes and all stopped together."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QRect

from shared import demo, staff, status
from shared.qt.placement import resolve


def test_prepare_is_repeatable(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    for _ in range(2):
        db = demo.prepare(url)
        assert [s.name for s in staff.list_staff(db)] == [demo.DEMO_STAFF[0]]
        assert staff.authenticate(db, pin=demo.DEMO_STAFF[1]) is not None
        assert all(a.open for a in status.snapshot(db).agencies)  # open round the clock
        db.dispose()


def test_windows_tile_the_screen() -> None:
    screen = QRect(0, 0, 1920, 1080)
    rects = [resolve(w.geometry, screen) for w in demo.layout()]
    assert sum(r.width() * r.height() for r in rects) == 1920 * 1080
    for i, first in enumerate(rects):
        assert screen.contains(first)
        assert not any(first.intersects(second) for second in rects[i + 1:])


def test_demo_starts_every_app_and_stops_them_together(tmp_path: Path) -> None:
    env = {**os.environ, "ANTRE_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    process = subprocess.Popen([sys.executable, "-m", "shared.cli.main", "demo", "--no-sound"],
                               stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                               env=env, start_new_session=True)
    try:
        started: set[str] = set()
        assert process.stderr is not None
        for line in process.stderr:  # the apps log to the inherited stderr as they come up
            for app, marker in (("kiosk", "antre.kiosk: kiosk on"),
                                ("display", "antre.display: display started"),
                                ("counter 1", "loket 1 on"), ("counter 3", "loket 3 on")):
                if marker in line:
                    started.add(app)
            if len(started) == 4:
                break
        assert started == {"kiosk", "display", "counter 1", "counter 3"}
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=60)
        assert process.returncode == 0
    finally:
        if process.poll() is None:  # never leave the four apps behind
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        if process.stderr is not None:
            process.stderr.close()
    assert (tmp_path / "demo.db").exists()
