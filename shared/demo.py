"""`antre demo`: the whole MPP on one screen — kiosk, hall display and two counter
consoles — on an SQLite demo database whose agencies are open round the clock."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
from dataclasses import dataclass

from shared import staff
from shared.db import Database
from shared.paths import DEMO_SITE_FILE, data_dir
from shared.setup import init_database

log = logging.getLogger("antre.demo")
DEMO_STAFF = ("Petugas Demo", "1234")


@dataclass(frozen=True)
class Window:
    module: str
    args: tuple[str, ...]
    geometry: tuple[float, float, float, float]  # x, y, width, height: fractions of the screen
    scale: float = 1.0  # QT_SCALE_FACTOR: the counter console is laid out for 1366x768 and up


def prepare(db_url: str | None) -> Database:
    """Creates or refreshes the demo database with the demo site and a staff member."""
    db = Database(db_url or f"sqlite:///{data_dir() / 'demo.db'}")
    init_database(db, DEMO_SITE_FILE)
    if all(s.name != DEMO_STAFF[0] for s in staff.list_staff(db)):
        staff.add_staff(db, name=DEMO_STAFF[0], pin=DEMO_STAFF[1])
    return db


def layout() -> list[Window]:
    """Kiosk on the left, the hall display top right, two counter consoles below it."""
    return [
        Window("kiosk", ("--windowed", "--printer", "preview"), (0.0, 0.0, 0.35, 1.0)),
        Window("display", ("--windowed",), (0.35, 0.0, 0.65, 0.55)),
        Window("counter", ("--windowed", "--counter", "1"), (0.35, 0.55, 0.325, 0.45), 0.6),
        Window("counter", ("--windowed", "--counter", "3"), (0.675, 0.55, 0.325, 0.45), 0.6),
    ]


def run_demo(*, db_url: str | None = None, sound: bool = True) -> int:
    db = prepare(db_url)
    url = db.url
    db.dispose()
    print(f"Antre demo on {url}\n  staff PIN for the counters: {DEMO_STAFF[1]} ({DEMO_STAFF[0]})\n"
          "  close any window or press Ctrl+C here to stop everything.")
    processes = []
    for window in layout():
        args = [sys.executable, "-m", window.module, "--db", url, *window.args,
                "--geometry", ",".join(f"{v:g}" for v in window.geometry)]
        if window.module == "display" and not sound:
            args.append("--no-sound")
        env = {**os.environ, "QT_SCALE_FACTOR": f"{window.scale:g}"}
        processes.append(subprocess.Popen(args, env=env))
    try:
        return _wait_any(processes)
    finally:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def _wait_any(processes: list[subprocess.Popen[bytes]]) -> int:
    """Returns when the first window closes (its exit status)."""
    try:
        while True:
            for process in processes:
                code = process.poll()
                if code is not None:
                    return code
            try:
                processes[0].wait(timeout=0.5)
            except subprocess.TimeoutExpired:
                continue
    except KeyboardInterrupt:
        return 0
