"""The display shows a counter as open only while a console is signed in there: a real
console process signs in, then is killed with SIGKILL; another signs out."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from pytestqt.qtbot import QtBot

from counter.window import CounterWindow
from shared import presence, staff
from shared.db import Database
from tests.counter.conftest import sign_in
from tests.display.conftest import Display

DRIVER = Path(__file__).parents[1] / "counter" / "drive_console.py"
ROOT = Path(__file__).resolve().parents[2]
log = logging.getLogger("tests.presence")


def tile_state(display: Display, counter: int) -> str:
    tile = next(t for t in display.window.tiles if t.tile and t.tile.number == counter)
    return tile.state.text()


def test_a_killed_console_closes_its_counter_within_the_timeout(
    qtbot: QtBot, db: Database, tmp_path: Path, make_display
) -> None:  # type: ignore[no-untyped-def]
    staff.add_staff(db, name="Andi", pin="1111")
    display = make_display()
    assert tile_state(display, 5) == "Tutup"
    console = subprocess.Popen(
        [sys.executable, str(DRIVER), db.url, "5", "Andi", "1111", "0", str(tmp_path / "never")],
        stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )
    try:
        assert console.stdout is not None
        assert console.stdout.readline().strip() == "ready"
        qtbot.waitUntil(lambda: tile_state(display, 5) == "Siap", timeout=10000)
        # Alive for longer than the timeout: the heartbeats keep it open.
        beat = presence.read_presences(db)[5].beat
        qtbot.waitUntil(lambda: presence.read_presences(db)[5].beat >= beat + 4, timeout=20000)
        assert tile_state(display, 5) == "Siap"
        os.kill(console.pid, signal.SIGKILL)
        killed = time.monotonic()
        console.wait(timeout=10)
        qtbot.waitUntil(lambda: tile_state(display, 5) == "Tutup",
                        timeout=int(presence.TIMEOUT_SECONDS * 1000) + 10000)
        log.info("SIGKILL to Tutup: %.2f s", time.monotonic() - killed)
    finally:
        if console.poll() is None:
            console.kill()
            console.wait(timeout=10)
        if console.stdout is not None:
            console.stdout.close()
    # The kill wrote nothing: the row is still there, only its beats stopped.
    assert 5 in presence.read_presences(db)


def test_signing_out_closes_the_counter_on_the_display_at_once(
    qtbot: QtBot, db: Database, make_display
) -> None:  # type: ignore[no-untyped-def]
    staff.add_staff(db, name="Siti Aminah", pin="1234")
    display = make_display()
    window = CounterWindow(db, 2, watch_interval_ms=50)
    qtbot.addWidget(window)
    window.show()
    window.start()
    try:
        sign_in(qtbot, window)
        qtbot.waitUntil(lambda: tile_state(display, 2) == "Siap", timeout=15_000)
        started = time.monotonic()
        window.sign_out()
        # An event, not a timeout: well before a heartbeat could be missed.
        qtbot.waitUntil(lambda: tile_state(display, 2) == "Tutup",
                        timeout=int(presence.TIMEOUT_SECONDS * 1000) - 1000)
        log.info("sign-out to Tutup: %.3f s", time.monotonic() - started)
    finally:
        window.shutdown()
