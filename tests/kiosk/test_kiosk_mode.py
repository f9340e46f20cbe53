"""Kiosk mode (no closing without the operator's gesture and PIN), idle reset, bad input."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from kiosk.__main__ import main
from kiosk.exit_gate import GESTURE_TAPS, TapGesture
from shared.db import Database
from shared.models import Service
from shared.staff import hash_pin
from tests.kiosk.conftest import MakeWindow
from tests.kiosk.test_window import tap, tickets


def five_taps(qtbot: QtBot, target: object) -> None:
    for _ in range(GESTURE_TAPS):
        qtbot.mouseClick(target, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]


def press(qtbot: QtBot, window: object, keys: str) -> None:
    """Presses digits, or one named key ("ok", "back")."""
    pad = window.guard.pin_pad  # type: ignore[attr-defined]
    for key in [keys] if keys in ("ok", "back") else keys:
        qtbot.mouseClick(pad.keys[f"pin-{key}"], Qt.MouseButton.LeftButton)


def test_leaving_needs_the_gesture_and_the_pin(
    qtbot: QtBot, db: Database, make_window: MakeWindow
) -> None:
    window = make_window(db, kiosk_mode=True, exit_pin_hash=hash_pin("2468"))
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    window.close()
    assert window.isVisible()  # no way out without the operator
    pad = window.guard.pin_pad
    five_taps(qtbot, window.start_page.header.site)
    assert pad.isVisible()
    press(qtbot, window, "1111")
    with qtbot.waitSignal(window.guard.pin_pad.submitted):
        press(qtbot, window, "ok")
    qtbot.waitUntil(lambda: pad.message.text() == "PIN salah")
    assert window.isVisible() and pad.display.text() == " "
    press(qtbot, window, "24689")
    press(qtbot, window, "back")
    assert pad.pin == "2468"
    with qtbot.waitSignal(window.guard.exit_granted, timeout=15_000):
        press(qtbot, window, "ok")
    assert not window.isVisible()


def test_pin_pad_cancel(qtbot: QtBot, db: Database, make_window: MakeWindow) -> None:
    window = make_window(db, kiosk_mode=True, exit_pin_hash=hash_pin("2468"))
    five_taps(qtbot, window.start_page.header.site)
    qtbot.mouseClick(window.guard.pin_pad.cancel, Qt.MouseButton.LeftButton)
    assert not window.guard.pin_pad.isVisible() and window.isVisible()


def test_slow_taps_are_no_gesture() -> None:
    now = [0.0]
    gesture = TapGesture(lambda: now[0])
    for _ in range(GESTURE_TAPS):
        assert not gesture.tap()
        now[0] += 2.0
    now[0] = 100.0
    assert [gesture.tap() for _ in range(GESTURE_TAPS)][-1]


def test_idle_resets_the_start_screen(qtbot: QtBot, db: Database, make_window: MakeWindow) -> None:
    window = make_window(db, idle_seconds=5)
    window.start()
    window.guard.idle_timer.setInterval(100)
    qtbot.mouseClick(window.start_page.priority.buttons["lansia"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.start_page.header.language, Qt.MouseButton.LeftButton)
    assert window.start_page.priority.chosen == "lansia" and window.lang == "en"
    qtbot.waitUntil(lambda: window.start_page.priority.chosen is None, timeout=3000)
    assert window.lang == "id"
    assert window.start_page.title.text() == "Silakan pilih layanan"


def test_no_agencies_says_so(qtbot: QtBot, db: Database, make_window: MakeWindow) -> None:
    with db.write() as session:
        session.execute(update(Service).values(active=False))
    window = make_window(db)
    assert window.start_page.grid.buttons == {}
    empty = window.start_page.grid._empty
    assert empty.isVisible()
    assert empty.text() == "Belum ada layanan yang dapat dipilih. Mohon hubungi petugas."


def test_database_gone_mid_day(
    qtbot: QtBot, db: Database, make_window: MakeWindow, tmp_path: Path
) -> None:
    window = make_window(db)
    with qtbot.waitSignal(window.print_finished, timeout=15_000):
        tap(qtbot, window, "DPMPTSP")
    window.return_to_start()
    assert db.path is not None
    moved = tmp_path / "moved"
    moved.mkdir()
    db.dispose()
    for path in db.path.parent.glob(db.path.name + "*"):
        # The -shm/-wal file goes when the last connection (a late read) closes.
        with contextlib.suppress(FileNotFoundError):
            path.rename(moved / path.name)
    with qtbot.waitSignal(window.issue_refused, timeout=15_000) as refused:
        tap(qtbot, window, "DPMPTSP")
    assert refused.args[0] == "Nomor belum dapat diambil. Silakan coba lagi atau hubungi petugas."
    assert window.on_start_page and not window.busy
    qtbot.waitUntil(lambda: window.read_pool.activeThreadCount() == 0)  # its refresh failed too
    db.dispose()
    for path in db.path.parent.glob(db.path.name + "*"):
        path.unlink(missing_ok=True)
    for path in moved.iterdir():
        path.rename(db.path.parent / path.name)
    with qtbot.waitSignal(window.print_finished, timeout=15_000):
        tap(qtbot, window, "DPMPTSP")
    assert [n for n, _, _ in tickets(db)] == ["A001", "A002"]


@pytest.mark.usefixtures("quiet_main")
@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        (["--printer", "lpt:1"], "unknown printer type 'lpt'"),
        (["--printer", "tcp://"], "printer URI 'tcp://'"),
    ],
)
def test_bad_printer_uri_refuses_to_start(
    db: Database, capsys: pytest.CaptureFixture[str], flags: list[str], expected: str
) -> None:
    assert main(["--db", db.url, "--windowed", *flags]) == 2
    assert expected in capsys.readouterr().err


@pytest.mark.usefixtures("quiet_main")
def test_bad_station_file_refuses_to_start(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    station = tmp_path / "station.toml"
    station.write_text('[kiosk]\npaper_mm = 57\nprinter_profile = "nope"\n')
    assert main(["--db", db.url, "--station", str(station)]) == 2
    assert "paper_mm: must be 58 or 80" in capsys.readouterr().err
    station.write_text('[kiosk]\nprinter_profile = "no-such-printer"\n')
    assert main(["--db", db.url, "--station", str(station)]) == 2
    assert "not known to python-escpos" in capsys.readouterr().err


def test_starts_and_draws_a_first_frame(db: Database, site_db: Callable[..., Database]) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "kiosk",
            "--db",
            db.url,
            "--windowed",
            "--printer",
            "dummy",
            "--first-frame-exit",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "first frame after" in result.stdout


def wrong_pins(qtbot: QtBot, window: object, count: int) -> None:
    pad = window.guard.pin_pad  # type: ignore[attr-defined]
    for _ in range(count):
        if not pad.isVisible():
            five_taps(qtbot, window.start_page.header.site)  # type: ignore[attr-defined]
        press(qtbot, window, "1111")
        press(qtbot, window, "ok")
        qtbot.waitUntil(lambda: pad.message.text() not in ("Memeriksa…", ""), timeout=30_000)


def test_exit_pin_locks_after_five_and_a_restart_does_not_reset_it(
    qtbot: QtBot, db: Database, make_window: MakeWindow
) -> None:
    pin_hash = hash_pin("2468")
    window = make_window(db, kiosk_mode=True, exit_pin_hash=pin_hash)
    wrong_pins(qtbot, window, 4)
    assert window.guard.pin_pad.message.text() == "PIN salah"
    wrong_pins(qtbot, window, 1)
    assert window.guard.pin_pad.message.text() == (
        "Terlalu banyak PIN salah. Coba lagi dalam 30 detik.")
    restarted_db = Database(db.url)  # the kiosk restarted: new engine, new window
    try:
        restarted = make_window(restarted_db, kiosk_mode=True, exit_pin_hash=pin_hash)
        pad = restarted.guard.pin_pad
        five_taps(qtbot, restarted.start_page.header.site)
        press(qtbot, restarted, "2468")
        press(qtbot, restarted, "ok")
        qtbot.waitUntil(lambda: pad.message.text().startswith("Terlalu banyak"), timeout=30_000)
        assert restarted.isVisible() and not restarted.guard.allowed
    finally:
        restarted_db.dispose()


@pytest.mark.usefixtures("quiet_main")
def test_kiosk_mode_without_an_exit_pin_refuses_to_start(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", db.url, "--printer", "dummy"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "exit PIN" in err[0] and "--windowed" in err[0]
